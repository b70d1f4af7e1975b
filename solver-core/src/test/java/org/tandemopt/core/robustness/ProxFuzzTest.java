package org.tandemopt.core.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.ProximalGradient;
import org.tandemopt.core.optim.prox.BallProjection;
import org.tandemopt.core.optim.prox.BoxProjection;
import org.tandemopt.core.optim.prox.ElasticNet;
import org.tandemopt.core.optim.prox.GroupL1;
import org.tandemopt.core.optim.prox.L1Norm;
import org.tandemopt.core.optim.prox.NonNegative;
import org.tandemopt.core.optim.prox.Projection;
import org.tandemopt.core.optim.prox.ProximalOperator;
import org.tandemopt.core.optim.prox.SimplexProjection;
import org.tandemopt.core.testing.FuzzCalls;

/**
 * Seeded fuzzing of every proximal operator of {@code core.optim.prox} (factories, {@code prox},
 * {@code withKinkDerivative}) and of {@link ProximalGradient} (ISTA / FISTA) on random least-squares problems
 * scaled by 1e±300, 1e±12, with each operator as regularizer. A call either throws an
 * {@link IllegalArgumentException} naming an invalid argument, or returns: a prox output satisfies the prox
 * optimality inequality {@code r(z) ≥ r(u) + ⟨(v − u)/t, z − u⟩} at random {@code z}; a run has a termination,
 * and a converged run is re-checked (finite, feasible, value recomputed, gradient mapping at the largest step
 * the run could use recomputed independently).
 */
class ProxFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** Invalid or extreme doubles for weights, radii and bounds. */
    static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0,
            -Double.MIN_VALUE};

    static final double[] GOOD_WEIGHT = {0.0, Double.MIN_VALUE, 1e-3, 0.5, 1.0, 1e3, 1e150};

    static double[] gaussian(SplittableRandom rnd, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble(1e-12, 1);
            v[i] = scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
        }
        return v;
    }

    /** A drawn operator: the factory call and the invalid argument it contains (null when valid). */
    record Draw(Supplier<ProximalOperator> factory, List<String> bad, boolean indicator) {
    }

    /**
     * Draws one operator of dimension {@code n} (or entrywise); with {@code fault} one of its arguments is
     * invalid.
     */
    static Draw drawOperator(SplittableRandom rnd, int n, boolean fault) {
        double w = GOOD_WEIGHT[rnd.nextInt(GOOD_WEIGHT.length)];
        double bad = BAD[rnd.nextInt(BAD.length)];
        List<String> names = new ArrayList<>();
        int kind = rnd.nextInt(11);
        Supplier<ProximalOperator> f;
        boolean indicator = false;
        switch (kind) {
            case 0 -> {
                double lambda = fault ? bad : w;
                f = () -> L1Norm.of(lambda);
                names.add("lambda");
            }
            case 1 -> {
                double[] weights = new double[n];
                for (int i = 0; i < n; i++) {
                    weights[i] = GOOD_WEIGHT[rnd.nextInt(GOOD_WEIGHT.length)];
                }
                if (fault) {
                    int which = rnd.nextInt(n + 1);
                    if (which == n) {
                        double[] empty = rnd.nextBoolean() ? null : new double[0];
                        f = () -> L1Norm.weighted(empty);
                        names.add("weights");
                        return new Draw(f, names, false);
                    }
                    weights[which] = bad;
                    names.add("weights[" + which + "]");
                }
                f = () -> L1Norm.weighted(weights);
            }
            case 2 -> {
                boolean first = rnd.nextBoolean();
                double l1 = fault && first ? bad : w;
                double l2 = fault && !first ? bad : GOOD_WEIGHT[rnd.nextInt(GOOD_WEIGHT.length)];
                f = () -> ElasticNet.of(l1, l2);
                names.add(first ? "lambda1" : "lambda2");
            }
            case 3 -> {
                int size = 1 + rnd.nextInt(n);
                int[][] groups = GroupL1.consecutive(n, size);
                if (fault) {
                    switch (rnd.nextInt(4)) {
                        case 0 -> {
                            double lambda = bad;
                            f = () -> GroupL1.uniform(n, groups, lambda);
                            names.add("lambda");
                        }
                        case 1 -> {
                            int[][] overlapping = {{0}, {0}};
                            f = () -> GroupL1.sizeScaled(n, overlapping, w);
                            names.add("groups[1]");
                        }
                        case 2 -> {
                            int[][] outside = {{n}};
                            f = () -> GroupL1.uniform(n, outside, w);
                            names.add("groups[0]");
                        }
                        default -> {
                            double[] weights = new double[groups.length + 1];
                            f = () -> GroupL1.of(n, groups, weights);
                            names.add("weights");
                        }
                    }
                } else {
                    f = rnd.nextBoolean() ? () -> GroupL1.uniform(n, groups, w)
                            : () -> GroupL1.of(n, groups, new double[] {w});
                }
            }
            case 4, 5 -> {
                indicator = true;
                double[] lo = new double[n];
                double[] hi = new double[n];
                for (int i = 0; i < n; i++) {
                    lo[i] = rnd.nextInt(8) == 0 ? Double.NEGATIVE_INFINITY : -rnd.nextDouble(0, 2);
                    hi[i] = rnd.nextInt(8) == 0 ? Double.POSITIVE_INFINITY : rnd.nextDouble(0, 2);
                }
                if (fault) {
                    int i = rnd.nextInt(n);
                    switch (rnd.nextInt(4)) {
                        case 0 -> { // crossed
                            lo[i] = 1;
                            hi[i] = -1;
                            names.add("lower[" + i + "]");
                        }
                        case 1 -> {
                            lo[i] = rnd.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
                            names.add("lower[" + i + "]");
                        }
                        case 2 -> {
                            hi[i] = rnd.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
                            names.add("upper[" + i + "]");
                        }
                        default -> {
                            double[] shortHi = new double[n + 1];
                            f = () -> BoxProjection.of(lo, shortHi);
                            names.add("upper");
                            return new Draw(f, names, true);
                        }
                    }
                }
                if (kind == 5 && !fault) {
                    f = () -> BoxProjection.uniform(-1, 1);
                } else {
                    f = () -> BoxProjection.of(lo, hi);
                }
            }
            case 6 -> {
                indicator = true;
                double radius = fault ? (rnd.nextBoolean() ? 0.0 : bad) : new double[] {1e-8, 1, 1e8}[rnd.nextInt(3)];
                f = () -> SimplexProjection.of(n, radius);
                names.add("radius");
            }
            case 7, 8 -> {
                indicator = true;
                double radius = fault ? bad : new double[] {0, 1e-8, 1, 1e8}[rnd.nextInt(4)];
                if (kind == 7) {
                    double[] center = gaussian(rnd, n, 1);
                    f = () -> BallProjection.of(center, radius);
                } else {
                    f = () -> BallProjection.centered(n, radius);
                }
                names.add("radius");
            }
            case 9 -> {
                indicator = true;
                if (fault) {
                    double s = rnd.nextBoolean() ? bad : 1.5;
                    f = () -> NonNegative.of().withKinkDerivative(s);
                    names.add("kinkDerivative");
                } else {
                    f = NonNegative::of;
                }
            }
            default -> {
                double s = fault ? (rnd.nextBoolean() ? bad : 1.0 + 1e-9) : rnd.nextDouble();
                f = () -> L1Norm.of(w).withKinkDerivative(s);
                names.add("kinkDerivative");
            }
        }
        return new Draw(f, fault ? names : List.of(), indicator);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s = Math.hypot(s, x);
        }
        return s;
    }

    // ---------------------------------------------------------------- operators

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void proxOperatorsRefuseBadArgumentsOrSolveTheProxProblem(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(6);
        // half the seeds inject one fault: in the factory (0) or in the prox call (1: v, 2: t, 3: out)
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(4);
        Draw draw = drawOperator(rnd, n, fault == 0);
        ProximalOperator op = FuzzCalls.unguarded(draw.bad(), draw.factory());
        if (op == null) {
            return;
        }
        double scale = new double[] {1, 1e-8, 1e8, 1e-150, 1e150}[rnd.nextInt(5)];
        double[] v = gaussian(rnd, n, scale);
        double t = new double[] {1e-3, 1, 1e3}[rnd.nextInt(3)];
        double[] out = new double[n];
        String bad = null;
        double[] callV = v;
        double callT = t;
        double[] callOut = out;
        if (fault == 1) {
            callV = rnd.nextBoolean() ? null : new double[n + 1];
            bad = "v";
        } else if (fault == 2) {
            callT = new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}[rnd.nextInt(4)];
            bad = "t";
        } else if (fault == 3) {
            callOut = rnd.nextBoolean() ? null : new double[n + 1];
            bad = "out";
        }
        try {
            op.prox(callV, callT, callOut);
        } catch (IllegalArgumentException e) {
            if (bad == null) {
                throw new AssertionError("valid prox call refused: " + e.getMessage(), e);
            }
            // a wrong length of v or out may be reported as a mismatch between the two
            assertTrue(e.getMessage().contains(bad) || (fault != 2 && e.getMessage().contains("length")),
                    "message '" + e.getMessage() + "' does not name " + bad);
            return;
        }
        if (bad != null && !(fault == 1 && op.dimension() == -1 && callV != null && callOut == out)) {
            // an entrywise operator cannot know n: v of length n + 1 against out of length n must still fail
            fail(bad + " invalid but prox returned " + Arrays.toString(out) + " for " + op);
        }
        if (bad != null) {
            fail("v of length " + callV.length + " and out of length " + out.length + " accepted by " + op);
        }
        double[] u = out;
        for (double x : u) {
            assertTrue(Double.isFinite(x), op + ": prox of a finite v is " + Arrays.toString(u));
        }
        double ru = op.value(u);
        assertTrue(Double.isFinite(ru), op + ": r(prox v) = " + ru + ", u = " + Arrays.toString(u));
        if (draw.indicator()) {
            assertTrue(((Projection) op).contains(u, 1e-12 * (1 + norm(u))), op + " left the set: " + Arrays.toString(u));
        }
        // prox optimality: (v − u)/t ∈ ∂r(u), so r(z) ≥ r(u) + ⟨(v − u)/t, z − u⟩ for every z (feasible z for sets)
        for (int k = 0; k < 8; k++) {
            double[] z = gaussian(rnd, n, scale * (1 + rnd.nextDouble()));
            for (int i = 0; i < n; i++) {
                z[i] += u[i];
            }
            if (draw.indicator()) {
                op.prox(z, 1.0, z);
            }
            double rz = op.value(z);
            double inner = 0;
            double bound = 0;
            for (int i = 0; i < n; i++) {
                inner += (v[i] - u[i]) / t * (z[i] - u[i]);
                bound += (Math.abs(v[i]) + Math.abs(u[i])) / t * (Math.abs(z[i]) + Math.abs(u[i]));
            }
            double slack = 1e-12 * (Math.abs(rz) + Math.abs(ru) + bound);
            assertTrue(rz >= ru + inner - slack, op + ": prox inequality fails by " + (ru + inner - rz) + " (slack "
                    + slack + ") at v = " + Arrays.toString(v) + ", t = " + t + ", u = " + Arrays.toString(u));
        }
    }

    // ---------------------------------------------------------------- ISTA / FISTA

    /** {@code J(u) = s · ½‖Au − b‖²}. */
    record LeastSquares(double[][] a, double[] b, double s) implements DifferentiableFunction {
        @Override public int dimension() { return a[0].length; }

        @Override
        public double value(double[] u) {
            return valueAndGradient(u, new double[u.length]);
        }

        @Override
        public double valueAndGradient(double[] u, double[] g) {
            Arrays.fill(g, 0);
            double v = 0;
            for (int i = 0; i < a.length; i++) {
                double r = -b[i];
                for (int j = 0; j < u.length; j++) {
                    r += a[i][j] * u[j];
                }
                v += r * r;
                for (int j = 0; j < u.length; j++) {
                    g[j] += s * a[i][j] * r;
                }
            }
            return s * 0.5 * v;
        }

        double lipschitz() {
            double f = 0;
            for (double[] row : a) {
                for (double x : row) {
                    f += x * x;
                }
            }
            return s * f;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void proximalGradientRefusesBadInputOrReportsAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(5);
        int m = 1 + rnd.nextInt(7);
        double s = new double[] {1, 1, 1e-300, 1e300, 1e-12, 1e12}[rnd.nextInt(6)];
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = gaussian(rnd, n, 1);
        }
        LeastSquares smooth = new LeastSquares(a, gaussian(rnd, m, 1), s);
        // half the seeds inject one fault: 0 smooth null, 1 regularizer of another dimension, 2 start null,
        // 3 start of wrong length, 4 start not finite, 5 options null
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(6);
        Draw draw;
        ProximalOperator r;
        do {
            draw = drawOperator(rnd, fault == 1 ? n + 1 : n, false);
            r = draw.factory().get();
        } while (fault == 1 && r.dimension() == -1);
        ProximalGradient.Builder b = ProximalGradient.builder().accelerated(rnd.nextBoolean())
                .restart(ProximalGradient.Restart.values()[rnd.nextInt(3)]);
        double t0;
        if (rnd.nextBoolean()) {
            double lip = smooth.lipschitz();
            b.lipschitz(lip);
            t0 = 1 / lip;
        } else {
            t0 = new double[] {1, 1e-3, 1e3, 1 / smooth.lipschitz()}[rnd.nextInt(4)];
            b.backtracking(t0, new double[] {0.5, 0.1, 0.9}[rnd.nextInt(3)]).maxBacktracks(1 + rnd.nextInt(80));
        }
        ProximalGradient method = b.build();
        double[] start = switch (fault) {
            case 2 -> null;
            case 3 -> new double[rnd.nextBoolean() ? n + 1 : n - 1];
            case 4 -> {
                double[] x = new double[n];
                x[rnd.nextInt(n)] = BAD[rnd.nextInt(3)];
                yield x;
            }
            default -> rnd.nextInt(5) == 0 ? gaussian(rnd, n, 1e100) : gaussian(rnd, n, 1);
        };
        double tolerance = rnd.nextBoolean() ? 1e-8 : 0;
        SolveOptions options = fault == 5 ? null
                : SolveOptions.builder().maxIterations(400).gradientTolerance(tolerance).build();
        DifferentiableFunction f = fault == 0 ? null : smooth;
        List<String> bad = switch (fault) {
            case 0 -> List.of("smooth");
            case 1 -> List.of("regularizer");
            case 2, 3, 4 -> List.of("start");
            case 5 -> List.of("options");
            default -> List.of();
        };
        ProximalOperator reg = r;
        double[] x0 = start;
        OptimizationResult result = FuzzCalls.guarded(bad, () -> method.minimize(f, reg, x0, options));
        if (result == null) {
            return;
        }
        assertNotNull(result.termination(), result.toString());
        double[] x = result.point();
        assertEquals(n, x.length);
        if (!result.termination().isConverged()) {
            return;
        }
        // independent re-check: finite, feasible, value J + r recomputed, and the gradient mapping at the
        // largest step the run can have used, t0 (‖G_t(x)‖ is non-increasing in t, so ‖G_t0‖ ≤ ‖G_t‖ ≤ tol)
        String what = result + " with " + r + ", s = " + s + ", t0 = " + t0;
        for (double xi : x) {
            assertTrue(Double.isFinite(xi), what);
        }
        double rx = r.value(x);
        assertTrue(Double.isFinite(rx), what + ": r(x) = " + rx);
        double[] g = new double[n];
        double jx = smooth.valueAndGradient(x, g);
        assertEquals(jx + rx, result.value(), 1e-12 * (Math.abs(jx) + Math.abs(rx)) + Double.MIN_NORMAL, what);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = x[i] - t0 * g[i];
        }
        r.prox(p, t0, p);
        double mapping = 0;
        for (int i = 0; i < n; i++) {
            mapping = Math.hypot(mapping, (x[i] - p[i]) / t0);
        }
        // rounding: of x − t0·g, and of ∇J itself, which is only known to about
        // ε (L‖x‖ + s‖A‖_F‖b‖): a run may stop as a floating-point fixed point at that level (t·g below ulp(x))
        double lip = smooth.lipschitz();
        double noise = 64 * Math.ulp(1.0) * (lip * norm(x) + Math.sqrt(lip * s) * norm(smooth.b()));
        double rounding = 1e-13 * (norm(x) / t0 + norm(g)) + noise;
        assertTrue(mapping <= tolerance * (1 + 1e-9) + rounding, what + ": true gradient mapping " + mapping);
    }
}
