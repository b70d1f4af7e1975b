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
import org.tandemopt.bilevel.Ridge;
import org.tandemopt.bilevel.TestSolvers;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.FiniteDifferenceHypergradient;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.OneStepDifferentiation;
import org.tandemopt.bilevel.hypergradient.TruncatedBackpropagation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.HeavyBall;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.Nesterov;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.bilevel.problems.RidgeHyperparameters;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.testing.FuzzCalls;
import org.tandemopt.core.testing.FuzzCalls.Part;

/**
 * Seeded fuzzing of the hypergradient entry points on the B3 ridge problem ({@code n = 1}, {@code m = 8}):
 * every estimator factory (implicit, unrolled with each checkpointing, truncated, forward, one-step, finite
 * differences, nonsmooth implicit), every inner algorithm factory (gradient step, heavy ball, Nesterov, Newton)
 * and {@link InnerSchedule} with extreme or invalid parameters, then {@code estimate} with bad {@code x} or
 * {@code y0}; the {@link BilevelProblem} builder with inconsistent dimensions; {@link RidgeHyperparameters} with
 * empty, ragged, non-finite or mismatched data. A call throws an {@link IllegalArgumentException} naming one
 * invalid argument, or returns an estimate with a status; an {@code OK} estimate is finite, its value is
 * {@code f(x, y_K)} recomputed, and when the inner solve converged tightly a consistent estimator matches the
 * exact hypergradient.
 */
class EstimatorsFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 500);
    }

    static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -1};
    static final double[] T = {-4, -6.18, 0, 3};

    static Part<HypergradientEstimator> estimator(SplittableRandom rnd, boolean fault, List<String> consistent) {
        double bad = BAD[rnd.nextInt(BAD.length)];
        switch (rnd.nextInt(8)) {
            case 0 -> {
                consistent.add("implicit");
                return fault ? new Part<>(() -> ImplicitDifferentiation.with(null), List.of("solver"))
                        : new Part<>(() -> ImplicitDifferentiation.with(rnd.nextBoolean() ? TestSolvers.ldlt()
                                : TestSolvers.coreCg(1e-13, 200)).withWarmStart(rnd.nextBoolean()), List.of());
            }
            case 1 -> {
                consistent.add("unrolled");
                if (fault) {
                    return rnd.nextBoolean()
                            ? new Part<>(() -> UnrolledDifferentiation.with(Checkpointing.recursive(
                                    new int[] {0, -1, Integer.MIN_VALUE}[rnd.nextInt(3)])), List.of("leaf"))
                            : new Part<>(() -> UnrolledDifferentiation.storeAll().withBlowUpFactor(
                                    rnd.nextBoolean() ? bad : 0.5), List.of("factor"));
                }
                Checkpointing memory = new Checkpointing[] {Checkpointing.storeAll(), Checkpointing.sqrt(),
                        Checkpointing.recursive(1 + rnd.nextInt(5))}[rnd.nextInt(3)];
                return new Part<>(() -> UnrolledDifferentiation.with(memory), List.of());
            }
            case 2 -> {
                int window = fault ? new int[] {0, -1, Integer.MIN_VALUE}[rnd.nextInt(3)] : 1 + rnd.nextInt(20);
                return new Part<>(() -> TruncatedBackpropagation.lastSteps(window), fault ? List.of("window") : List.of());
            }
            case 3 -> {
                consistent.add("forward");
                double factor = fault ? (rnd.nextBoolean() ? bad : 1.0) : new double[] {1.5, 1e10, 1e300}[rnd.nextInt(3)];
                return new Part<>(() -> ForwardDifferentiation.create().withWarmStart(rnd.nextBoolean())
                        .withBlowUpFactor(factor), fault ? List.of("factor") : List.of());
            }
            case 4 -> {
                return fault ? new Part<>(() -> ForwardDifferentiation.create().withBlowUpFactor(bad), List.of("factor"))
                        : new Part<>(OneStepDifferentiation::create, List.of());
            }
            case 5 -> {
                double h = fault ? bad : new double[] {1e-5, 1e-8, 1e-3}[rnd.nextInt(3)];
                return new Part<>(() -> FiniteDifferenceHypergradient.withRelativeStep(h), fault ? List.of("h") : List.of());
            }
            case 6 -> {
                // the nonsmooth estimator needs a ParametricProx: refused with null
                return new Part<>(() -> NonsmoothImplicitDifferentiation.with(null), List.of("prox"));
            }
            default -> {
                return new Part<>(() -> FiniteDifferenceHypergradient.create(), List.of());
            }
        }
    }

    /** B3's lower level: L = 1.7 + e^t at most for t ≤ 3 (‖AᵀA‖/N ≈ 0.7); gradient steps of 0.5 converge. */
    static Part<InnerAlgorithm> inner(SplittableRandom rnd, boolean fault) {
        double bad = BAD[rnd.nextInt(BAD.length)];
        switch (rnd.nextInt(8)) {
            case 0 -> {
                double step = fault ? bad : new double[] {0.5, 1e-3, 1e3, Double.MIN_VALUE}[rnd.nextInt(4)];
                return new Part<>(() -> GradientStep.fixed(step), fault ? List.of("step") : List.of());
            }
            case 1 -> {
                double c = fault ? (rnd.nextBoolean() ? bad : 2.0) : new double[] {1, 1.9, 1e-3}[rnd.nextInt(3)];
                return new Part<>(() -> GradientStep.lipschitzEstimate(c), fault ? List.of("c") : List.of());
            }
            case 2 -> {
                boolean alphaBad = rnd.nextBoolean();
                double alpha = fault && alphaBad ? bad : 0.3;
                double beta = fault && !alphaBad ? new double[] {1, -0.1, Double.NaN, 2}[rnd.nextInt(4)] : 0.5;
                return new Part<>(() -> HeavyBall.of(alpha, beta), fault ? List.of(alphaBad ? "alpha" : "beta") : List.of());
            }
            case 3 -> {
                double mu = fault ? (rnd.nextBoolean() ? bad : 10) : 0.01;
                double l = 2.0;
                return new Part<>(() -> HeavyBall.tuned(mu, l), fault ? List.of("mu") : List.of());
            }
            case 4 -> {
                boolean alphaBad = rnd.nextBoolean();
                double alpha = fault && alphaBad ? bad : 0.3;
                double beta = fault && !alphaBad ? new double[] {1, -0.1, Double.NaN}[rnd.nextInt(3)] : 0.5;
                return new Part<>(() -> Nesterov.of(alpha, beta), fault ? List.of(alphaBad ? "alpha" : "beta") : List.of());
            }
            case 5 -> {
                double lip = fault ? bad : 2.0;
                return new Part<>(() -> Nesterov.tuned(0.01, lip), fault ? List.of("lipschitz") : List.of());
            }
            case 6 -> {
                double beta = fault ? new double[] {1, -0.1, Double.NaN}[rnd.nextInt(3)] : 0.3;
                return new Part<>(() -> Nesterov.lipschitzEstimate(beta), fault ? List.of("beta") : List.of());
            }
            default -> {
                if (fault) {
                    return rnd.nextBoolean() ? new Part<>(() -> NewtonStep.of(null), List.of("solver"))
                            : new Part<>(() -> NewtonStep.of(TestSolvers.ldlt(), rnd.nextBoolean() ? bad : 1.5),
                                    List.of("stepSize"));
                }
                return new Part<>(() -> NewtonStep.of(TestSolvers.ldlt(), rnd.nextBoolean() ? 1.0 : 0.5), List.of());
            }
        }
    }

    static Part<InnerSchedule> schedule(SplittableRandom rnd, boolean fault) {
        if (fault) {
            return switch (rnd.nextInt(4)) {
                case 0 -> new Part<>(() -> InnerSchedule.steps(-1 - rnd.nextInt(3)), List.of("k"));
                case 1 -> new Part<>(() -> InnerSchedule.untilResidual(BAD[rnd.nextInt(4)] * -1 - 1e-300, 10),
                        List.of("tolerance"));
                case 2 -> new Part<>(() -> InnerSchedule.untilResidual(1e-6, -1, 10), List.of("minSteps"));
                default -> new Part<>(() -> InnerSchedule.untilResidual(1e-6, 10, 5), List.of("maxSteps"));
            };
        }
        return rnd.nextBoolean() ? new Part<>(() -> InnerSchedule.untilResidual(1e-12, 3000), List.of())
                : new Part<>(() -> InnerSchedule.steps(new int[] {0, 1, 50, 2000}[rnd.nextInt(4)]), List.of());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void estimatorsRefuseBadConfigurationOrReportAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // half the seeds inject one fault: 0 estimator, 1 inner algorithm, 2 schedule, 3 x, 4 y0
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(5);
        List<String> consistent = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        HypergradientEstimator est = estimator(rnd, fault == 0, consistent).build(refused);
        InnerAlgorithm inner = inner(rnd, fault == 1).build(refused);
        InnerSchedule schedule = schedule(rnd, fault == 2).build(refused);
        if (!refused.isEmpty()) {
            return;
        }
        double t = T[rnd.nextInt(T.length)];
        BilevelProblem b3 = Ridge.b3(t);
        List<String> bad = new ArrayList<>();
        double[] x = {t};
        double[] y0 = new double[8];
        if (fault == 3) {
            x = switch (rnd.nextInt(3)) {
                case 0 -> null;
                case 1 -> new double[2];
                default -> new double[] {Double.NaN};
            };
            bad.add("x");
        } else if (fault == 4) {
            y0 = switch (rnd.nextInt(3)) {
                case 0 -> null;
                case 1 -> new double[7];
                default -> new double[] {0, 0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, 0};
            };
            bad.add("y0");
            bad.add("start");
        }
        double[] xs = x;
        double[] ys = y0;
        Hypergradient h = FuzzCalls.guarded(bad, () -> est.estimate(b3, inner, xs, ys, schedule),
                () -> est + " / " + inner + " / " + schedule);
        if (h == null) {
            return;
        }
        assertNotNull(h.status(), h.toString());
        if (!h.diagnostics().ok()) {
            return;
        }
        // an OK estimate is finite, and its value is f(x, y_K) at the returned inner point
        String what = est + " / " + inner + " / " + schedule + " at t = " + t + ": " + h;
        assertTrue(Double.isFinite(h.gradient(0)) && Double.isFinite(h.value()), what);
        double[] yk = h.inner();
        for (double v : yk) {
            assertTrue(Double.isFinite(v), what);
        }
        assertEquals(b3.upper().value(x, yk), h.value(), 1e-12 * Math.abs(h.value()), what);
        // a tight inner solve makes consistent estimators exact (implicit, forward, unrolled: the derivative of
        // the converged fixed point); their error is of the order of the inner residual
        double residual = h.diagnostics().innerResidual();
        if (!consistent.isEmpty() && residual <= 1e-11) {
            double exact = FuzzTest.trueDerivative(t);
            assertEquals(exact, h.gradient(0), 1e-6 * Math.abs(exact) + 1e-9, what);
        }
    }

    // ---------------------------------------------------------------- problem builder and ridge data

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void problemBuilderAndRidgeDataRefuseInconsistentInput(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 2 + rnd.nextInt(5);
        int cols = 1 + rnd.nextInt(3);
        double[][] a = new double[rows][cols];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = rnd.nextDouble(-1, 1);
            }
            b[i] = rnd.nextDouble(-1, 1);
        }
        double[][] v = a.clone();
        double[] c = b.clone();
        // half the seeds inject one fault in the data: 0 empty, 1 ragged, 2 NaN target, 3 targets of another
        // length, 4 validation of other width, 5 non-finite design entry
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(6);
        List<String> bad = new ArrayList<>();
        switch (fault) {
            case 0 -> {
                a = rnd.nextBoolean() ? new double[0][] : new double[][] {{}};
                bad.add("a");
            }
            case 1 -> {
                a[rnd.nextInt(rows)] = new double[cols + 1];
                bad.add("a[");
            }
            case 2 -> {
                b = b.clone();
                b[rnd.nextInt(rows)] = BAD[rnd.nextInt(3)];
                bad.add("b");
            }
            case 3 -> {
                c = new double[rows + 1];
                bad.add("c");
            }
            case 4 -> {
                v = new double[rows][cols + 1];
                bad.add("v");
            }
            case 5 -> {
                boolean train = rnd.nextBoolean();
                double[][] m = train ? a.clone() : v.clone();
                int i = rnd.nextInt(rows);
                int j = rnd.nextInt(cols);
                m[i] = m[i].clone();
                m[i][j] = BAD[rnd.nextInt(3)];
                if (train) {
                    a = m;
                } else {
                    v = m;
                }
                bad.add((train ? "a[" : "v[") + i + "][" + j + "]");
            }
            default -> {
            }
        }
        boolean perFeature = rnd.nextBoolean();
        double[][] trainRows = a;
        double[][] validationRows = v;
        double[] trainTargets = b;
        double[] validationTargets = c;
        RidgeHyperparameters ridge = FuzzCalls.unguarded(bad, () -> {
            DenseMatrix train = DenseMatrix.of(trainRows);
            DenseMatrix validation = DenseMatrix.of(validationRows);
            return perFeature ? RidgeHyperparameters.perFeature(train, trainTargets, validation, validationTargets)
                    : RidgeHyperparameters.shared(train, trainTargets, validation, validationTargets);
        });
        if (ridge == null) {
            return;
        }
        // the problem builder: dimensions must agree between upper and lower, starts must fit
        int n = ridge.parameterDimension();
        ParametricFunction upper = ridge.upper();
        ParametricFunction lower = ridge.lower();
        int kind = rnd.nextInt(4);
        double[] x0 = new double[kind == 1 ? n + 1 : n];
        double[] y0 = new double[kind == 2 ? cols + 1 : cols];
        ParametricFunction up = kind == 3 ? Ridge.b3(0).upper() : upper;
        if (kind == 3 && up.variableDimension() == cols && up.parameterDimension() == n) {
            up = upper;
            kind = 0;
        }
        List<String> names = switch (kind) {
            case 1 -> List.of("x0");
            case 2 -> List.of("y0");
            case 3 -> List.of("upper.parameterDimension()", "upper.variableDimension()");
            default -> List.of();
        };
        ParametricFunction upperCall = up;
        BilevelProblem p = FuzzCalls.unguarded(names, () -> BilevelProblem.of(upperCall, lower, x0, y0));
        if (p != null) {
            assertEquals(n, p.parameterDimension());
            assertEquals(cols, p.variableDimension());
        }
    }
}
