package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.nonsmooth.Admm;
import org.tandemopt.bilevel.nonsmooth.DouglasRachford;
import org.tandemopt.bilevel.nonsmooth.ForwardBackward;
import org.tandemopt.bilevel.nonsmooth.LeastSquaresLoss;
import org.tandemopt.bilevel.nonsmooth.ParametricElasticNet;
import org.tandemopt.bilevel.nonsmooth.ParametricProx;
import org.tandemopt.core.testing.FuzzCalls;
import org.tandemopt.core.testing.FuzzCalls.Part;

/**
 * Seeded fuzzing of the nonsmooth bilevel entry points on random Lasso / elastic-net hyperparameter problems
 * whose lower loss is scaled by 1e±300, 1e±12: the {@link ParametricElasticNet} and {@link ParametricProx}
 * factories, {@link ForwardBackward} (ISTA, FISTA, fixed step or Lipschitz estimate), {@link DouglasRachford},
 * {@link Admm} and {@link LeastSquaresLoss} with invalid parameters, and estimates (forward, unrolled, nonsmooth
 * implicit) with bad {@code x} or {@code y0}. A call throws an {@link IllegalArgumentException} naming an invalid
 * argument, or returns an estimate with a status; an {@code OK} estimate is finite with value {@code f(x, y_K)}
 * recomputed, and when forward-backward reports a converged inner solve, the first-order optimality of
 * {@code y_K} for {@code min_y h(x, y) + Σ α_i(x)|y_i| + (β/2)‖y‖²} is re-checked from the data.
 */
class NonsmoothFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -1};
    static final double[] SCALES = {1, 1, 1e-300, 1e300, 1e-12, 1e12};

    static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nonsmoothEntryPointsRefuseBadInputOrReportAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 3 + rnd.nextInt(8);
        int m = 1 + rnd.nextInt(5);
        double scale = SCALES[rnd.nextInt(SCALES.length)];
        double[][] a = new double[rows][m];
        double[] b = new double[rows];
        double[][] v = new double[rows][m];
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = gaussian(rnd) / Math.sqrt(rows);
                v[i][j] = gaussian(rnd) / Math.sqrt(rows);
            }
            b[i] = gaussian(rnd);
            c[i] = gaussian(rnd);
        }
        // half the seeds inject one fault: 0 data, 1 prox, 2 inner algorithm, 3 estimator, 4 x, 5 y0
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(6);
        List<String> refused = new ArrayList<>();

        // the weighting decides n and how x is read (linear weights need x ≥ 0)
        ParametricElasticNet.Weighting weighting = ParametricElasticNet.Weighting.values()[rnd.nextInt(4)];
        boolean perFeature = weighting == ParametricElasticNet.Weighting.PER_FEATURE_LINEAR
                || weighting == ParametricElasticNet.Weighting.PER_FEATURE_LOG;
        boolean logWeights = weighting == ParametricElasticNet.Weighting.SHARED_LOG
                || weighting == ParametricElasticNet.Weighting.PER_FEATURE_LOG;
        int n = perFeature ? m : 1;
        double beta = rnd.nextBoolean() ? 0 : new double[] {1e-3, 1, 1e3}[rnd.nextInt(3)];

        Part<LeastSquaresLoss> lowerPart;
        if (fault == 0) {
            lowerPart = switch (rnd.nextInt(4)) {
                case 0 -> new Part<>(() -> LeastSquaresLoss.of(a, b, BAD[rnd.nextInt(BAD.length)], n), List.of("scale"));
                case 1 -> {
                    double[][] nan = a.clone();
                    nan[0] = a[0].clone();
                    nan[0][rnd.nextInt(m)] = BAD[rnd.nextInt(3)];
                    yield new Part<>(() -> LeastSquaresLoss.of(nan, b, scale, n), List.of("a[0]"));
                }
                case 2 -> new Part<>(() -> LeastSquaresLoss.of(a, new double[rows + 1], scale, n), List.of("b"));
                default -> new Part<>(() -> LeastSquaresLoss.of(a, b, scale, -rnd.nextInt(2)), List.of("n"));
            };
        } else {
            lowerPart = new Part<>(() -> LeastSquaresLoss.of(a, b, scale, n), List.of());
        }
        LeastSquaresLoss lower = lowerPart.build(refused);

        Part<ParametricProx> proxPart;
        if (fault == 1) {
            proxPart = switch (rnd.nextInt(5)) {
                case 0 -> new Part<>(() -> ParametricElasticNet.of(null, m, beta), List.of("weighting"));
                case 1 -> new Part<>(() -> ParametricElasticNet.of(weighting, 0, beta), List.of("m"));
                case 2 -> new Part<>(() -> ParametricElasticNet.of(weighting, m, new double[] {Double.NaN, -1,
                        Double.POSITIVE_INFINITY}[rnd.nextInt(3)]), List.of("beta"));
                case 3 -> new Part<>(() -> ParametricElasticNet.of(weighting, m, beta).withKinkDerivative(
                        new double[] {Double.NaN, -0.1, 1.5}[rnd.nextInt(3)]), List.of("s"));
                default -> new Part<>(() -> ParametricProx.of(null), List.of("operator"));
            };
        } else {
            proxPart = new Part<>(() -> ParametricElasticNet.of(weighting, m, beta)
                    .withKinkDerivative(rnd.nextBoolean() ? 0 : rnd.nextDouble()), List.of());
        }
        ParametricProx prox = proxPart.build(refused);
        if (!refused.isEmpty()) {
            return;
        }

        // λ_max = ‖cAᵀb‖_∞ is where the Lasso solution becomes 0; draw α around a fraction of it
        double lambdaMax = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += a[i][j] * b[i];
            }
            lambdaMax = Math.max(lambdaMax, Math.abs(scale * s));
        }
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            double alpha = lambdaMax * new double[] {0.05, 0.3, 2}[rnd.nextInt(3)];
            x[j] = logWeights ? Math.log(alpha) : (rnd.nextInt(8) == 0 ? -alpha : alpha);
        }
        double lipschitzBound = 0;
        for (double[] row : a) {
            for (double e : row) {
                lipschitzBound += e * e;
            }
        }
        lipschitzBound *= scale;

        double badStep = BAD[rnd.nextInt(BAD.length)];
        ParametricProx p = prox;
        Part<InnerAlgorithm> innerPart = switch (rnd.nextInt(6)) {
            case 0 -> new Part<>(() -> ForwardBackward.ista(p), List.of());
            case 1 -> {
                double c0 = fault == 2 ? (rnd.nextBoolean() ? badStep : 2) : new double[] {1, 1.9, 0.5}[rnd.nextInt(3)];
                boolean acc = rnd.nextBoolean();
                yield new Part<>(() -> (acc ? ForwardBackward.fista(p) : ForwardBackward.ista(p))
                        .withLipschitzFactor(c0), fault == 2 ? List.of("c") : List.of());
            }
            case 2 -> {
                double step = fault == 2 ? badStep : new double[] {1, 0.5, 1e3}[rnd.nextInt(3)] / lipschitzBound;
                boolean acc = rnd.nextBoolean();
                yield new Part<>(() -> acc ? ForwardBackward.fista(p, step) : ForwardBackward.ista(p, step),
                        fault == 2 ? List.of("step") : List.of());
            }
            case 3 -> {
                double gamma = fault == 2 ? badStep : rnd.nextInt(5) == 0 ? new double[] {1e300, Double.MIN_VALUE}
                        [rnd.nextInt(2)] : new double[] {1, 0.05, 100}[rnd.nextInt(3)] / lipschitzBound;
                yield new Part<>(() -> DouglasRachford.of(p, gamma), fault == 2 ? List.of("gamma") : List.of());
            }
            case 4 -> {
                double rho = fault == 2 ? badStep : rnd.nextInt(5) == 0 ? new double[] {1e300, Double.MIN_VALUE}
                        [rnd.nextInt(2)] : new double[] {1, 5, 0.01}[rnd.nextInt(3)] * lipschitzBound;
                yield new Part<>(() -> Admm.of(p, rho), fault == 2 ? List.of("rho") : List.of());
            }
            default -> fault == 2 ? new Part<>(() -> ForwardBackward.ista(null), List.of("prox"))
                    : new Part<>(() -> ForwardBackward.fista(p), List.of());
        };
        InnerAlgorithm inner = innerPart.build(refused);
        // a DR step or ADMM penalty far from the loss scale cannot be factorized: refused at estimate, naming it
        List<String> extreme = new ArrayList<>();
        if (inner instanceof DouglasRachford) {
            extreme.add("gamma");
        } else if (inner instanceof Admm) {
            extreme.add("rho");
        }
        Part<HypergradientEstimator> estPart = switch (rnd.nextInt(3)) {
            case 0 -> new Part<>(ForwardDifferentiation::create, List.of());
            case 1 -> new Part<>(UnrolledDifferentiation::storeAll, List.of());
            default -> fault == 3 ? new Part<>(() -> NonsmoothImplicitDifferentiation.with(p).withJacobian(null),
                    List.of("jacobian")) : new Part<>(() -> NonsmoothImplicitDifferentiation.with(p), List.of());
        };
        HypergradientEstimator estimator = estPart.build(refused);
        if (!refused.isEmpty()) {
            return;
        }
        if (fault == 3) {
            fault = -1; // the estimator drawn had no invalid parameter to inject
        }
        BilevelProblem problem = BilevelProblem.of(LeastSquaresLoss.of(v, c, 1.0, n), lower, new double[n],
                new double[m]);
        List<String> bad = new ArrayList<>();
        double[] xs = x;
        double[] y0 = new double[m];
        if (fault == 4) {
            xs = switch (rnd.nextInt(3)) {
                case 0 -> null;
                case 1 -> new double[n + 1];
                default -> {
                    double[] z = x.clone();
                    z[rnd.nextInt(n)] = BAD[rnd.nextInt(3)];
                    yield z;
                }
            };
            bad.add("x");
        } else if (fault == 5) {
            y0 = rnd.nextBoolean() ? null : new double[m + 1];
            bad.add("y0");
            bad.add("start");
        }
        InnerSchedule schedule = rnd.nextBoolean() ? InnerSchedule.untilResidual(1e-10, 3000)
                : InnerSchedule.steps(new int[] {1, 30, 1000}[rnd.nextInt(3)]);
        double[] xCall = xs;
        double[] yCall = y0;
        // an extreme but valid gamma (Douglas-Rachford) or rho (ADMM) may be refused for its factorization
        Hypergradient h = FuzzCalls.guarded(bad, () -> estimator.estimate(problem, inner, xCall, yCall, schedule),
                () -> estimator + " / " + inner + " / scale " + scale,
                message -> extreme.stream().anyMatch(name -> message.startsWith(name + " = "))
                        && message.contains("factorization"));
        if (h == null) {
            return;
        }
        assertNotNull(h.status(), h.toString());
        if (!h.diagnostics().ok()) {
            return;
        }
        String what = estimator + " / " + inner + " / " + schedule + ", scale " + scale + ", x " +
                java.util.Arrays.toString(x) + ": " + h;
        double[] y = h.inner();
        for (int i = 0; i < n; i++) {
            assertTrue(Double.isFinite(h.gradient(i)), what);
        }
        for (double yi : y) {
            assertTrue(Double.isFinite(yi), what);
        }
        assertEquals(problem.upper().value(x, y), h.value(), 1e-12 * Math.abs(h.value()), what);
        // forward-backward with a converged inner solve: re-check optimality from the data. With
        // t = 1/L_F (L_F = c‖A‖_F² ≥ L), p = prox_{t r}(y − t∇h(y)) satisfies dist(−∇h(p), ∂r(p)) ≤ (1 + tL)‖G_t(y)‖,
        // and ‖G_t(y)‖ ≤ (t_alg/t)‖G_{t_alg}(y)‖ ≤ 2(L_F/L)·residual ≤ 2m·residual for the run's step t_alg ≤ 2/L
        double residual = h.diagnostics().innerResidual();
        if (inner instanceof ForwardBackward fb && !fb.accelerated() && residual <= 1e-10 && !schedule.isFixed()) {
            ParametricElasticNet net = (ParametricElasticNet) prox;
            double t = 1 / lipschitzBound;
            double[] g = new double[m];
            lower.gradientY(x, y, g);
            double[] u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = y[i] - t * g[i];
            }
            double[] pt = new double[m];
            net.prox(x, u, t, pt);
            double mapping = 0;
            double yNorm = 0;
            for (int i = 0; i < m; i++) {
                mapping = Math.hypot(mapping, (y[i] - pt[i]) / t);
                yNorm = Math.hypot(yNorm, y[i]);
            }
            double[] gp = new double[m];
            lower.gradientY(x, pt, gp);
            double dist = 0;
            for (int i = 0; i < m; i++) {
                double w = net.weight(x, i);
                double r = pt[i] != 0 ? gp[i] + w * Math.signum(pt[i]) + beta * pt[i]
                        : Math.max(Math.abs(gp[i]) - w, 0);
                dist = Math.hypot(dist, r);
            }
            // rounding: the gradient is known to about ε(L_F‖y‖ + c‖A‖_F‖b‖), x − t∇h to ε‖y‖/t
            double bNorm = 0;
            for (double bi : b) {
                bNorm = Math.hypot(bNorm, bi);
            }
            double noise = 64 * Math.ulp(1.0) * (lipschitzBound * yNorm + Math.sqrt(lipschitzBound * scale) * bNorm
                    + lambdaMax);
            double claimed = 2 * m * residual * (1 + 1e-9) + noise;
            assertTrue(mapping <= claimed, what + ": gradient mapping at 1/L_F " + mapping + " > " + claimed);
            assertTrue(dist <= 2 * claimed + noise, what + ": optimality residual " + dist + " > " + 2 * claimed);
        }
        // a linear weighting read at a negative x is not a valid weight: no OK estimate may come from it
        if (!logWeights) {
            for (double xi : x) {
                assertTrue(xi >= 0, what + " accepted a negative linear weight");
            }
        }
    }
}
