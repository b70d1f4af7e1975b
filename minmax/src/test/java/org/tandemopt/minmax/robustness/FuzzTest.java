package org.tandemopt.minmax.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.prox.BoxProjection;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.MinMaxSolver;
import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.minmax.Sense;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;
import org.tandemopt.core.testing.FuzzCalls;

/**
 * Seeded fuzzing of the min-max entry points: solver factories with extreme steps, the {@link MinMaxProblem}
 * builder with wrong-length / null / non-finite / huge starts and boxes with {@code lower > upper} or infinite
 * bounds, and {@code solve} on extreme scalings of {@code L = s(½‖x‖² + xᵀy − ½‖y‖² + cᵀx)}. Each call either
 * throws an {@link IllegalArgumentException} naming one of the invalid arguments or returns a result with a
 * termination; a converged result is checked independently (finite, feasible, value recomputed, and at the
 * known saddle point {@code x = y = −c/2} when unconstrained with {@code s = 1}).
 */
class FuzzTest {

    static final Duration HANG_GUARD = FuzzCalls.HANG_GUARD;
    static final double[] C = {1, -2, 0.5};
    static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    static final double[] BAD_STEPS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.1};
    static final double[] STEPS = {Double.MIN_VALUE, 1e-12, 0.1, 0.3, 0.3, 0.3, 1e12, Double.MAX_VALUE};

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    static SaddleFunction saddle(double s) {
        return SaddleFunction.of(AutoDiff.parametric(3, 3, (x, y) -> x.squaredNorm().times(0.5).plus(x.dot(y))
                .minus(y.squaredNorm().times(0.5)).plus(x.dot(C)).times(s)));
    }

    /** A start: one of three invalid kinds when {@code faulty}, else valid (sometimes huge). */
    static double[] vector(SplittableRandom rnd, boolean faulty, List<String> bad, String name) {
        if (faulty) {
            bad.add(name);
            switch (rnd.nextInt(3)) {
                case 0:
                    return null;
                case 1:
                    return new double[rnd.nextBoolean() ? 2 : 4];
                default: {
                    double[] v = new double[3];
                    v[rnd.nextInt(3)] = BAD[rnd.nextInt(3)];
                    return v;
                }
            }
        }
        if (rnd.nextInt(6) == 0) {
            return new double[] {1e150, -1e150, 1e100};
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            v[i] = 4 * rnd.nextDouble() - 2;
        }
        return v;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void minMaxEntryPointsRefuseBadInputOrReportAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> bad = new ArrayList<>();
        // half the seeds inject exactly one fault (0 step, 1 startX, 2 startY, 3 box, 4 options)
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(5);
        double eta = fault == 0 ? BAD_STEPS[rnd.nextInt(BAD_STEPS.length)] : STEPS[rnd.nextInt(STEPS.length)];
        int solverKind = rnd.nextInt(4);
        String etaName = solverKind == 3 ? null : solverKind == 0 ? "etaX" : solverKind == 1 ? "eta" : "etaX";
        Supplier<MinMaxSolver> solver = switch (solverKind) {
            case 0 -> () -> Extragradient.of(eta);
            case 1 -> () -> OptimisticGradientDescentAscent.of(eta);
            case 2 -> () -> GradientDescentAscent.simultaneous(eta, eta);
            default -> RidgeMethod::defaults;
        };
        double s = new double[] {1, 1, 1e-300, 1e300, 1e-12, 1e12}[rnd.nextInt(6)];
        double[] x0 = vector(rnd, fault == 1, bad, "startX");
        double[] y0 = vector(rnd, fault == 2, bad, "startY");
        BoxProjection box = null;
        if (fault == 3 || rnd.nextInt(4) == 0) {
            // a faulty box has a NaN or wrong infinite bound, or lower > upper
            int boxFault = fault == 3 ? rnd.nextInt(3) : -1;
            double lo = boxFault == 0 ? BAD[rnd.nextInt(3)] : rnd.nextInt(5) == 0 ? Double.NEGATIVE_INFINITY
                    : -1 - rnd.nextDouble();
            double hi = boxFault == 1 ? BAD[rnd.nextInt(3)] : boxFault == 2 ? lo - 1 : 1 + rnd.nextDouble();
            boolean boxValid = !Double.isNaN(lo) && !Double.isNaN(hi) && lo < Double.POSITIVE_INFINITY
                    && hi > Double.NEGATIVE_INFINITY && lo <= hi;
            try {
                box = BoxProjection.uniform(lo, hi);
                assertTrue(boxValid, "box [" + lo + ", " + hi + "] accepted");
            } catch (IllegalArgumentException e) {
                assertTrue(!boxValid, "box [" + lo + ", " + hi + "] refused: " + e.getMessage());
                assertTrue(e.getMessage().contains("lower") || e.getMessage().contains("upper"), e.getMessage());
                return;
            }
            if (x0 != null && x0.length == 3 && Arrays.stream(x0).allMatch(Double::isFinite)
                    && !box.contains(x0, 0)) {
                bad.add("startX");
            }
        }
        Sense sense = rnd.nextInt(4) == 0 ? Sense.MIN_MIN : Sense.MIN_MAX;
        SolveOptions options = fault == 4 ? null
                : SolveOptions.builder().maxIterations(300).gradientTolerance(1e-9).build();
        if (options == null) {
            bad.add("options");
        }
        boolean stepBad = etaName != null && !(eta > 0 && Double.isFinite(eta));
        if (stepBad) {
            bad.add(etaName);
        }
        BoxProjection feasible = box;
        String generated = "solver " + solverKind + ", eta " + eta + ", s " + s + ", sense " + sense + ", x0 "
                + Arrays.toString(x0) + ", y0 " + Arrays.toString(y0) + ", box " + box;
        MinMaxResult r = FuzzCalls.guarded(bad, () -> {
            MinMaxSolver m = solver.get();
            MinMaxProblem.Builder b = MinMaxProblem.builder(saddle(s)).sense(sense).start(x0, y0);
            if (feasible != null) {
                b.feasibleX(feasible);
            }
            return m.solve(b.build(), options);
        }, () -> generated);
        if (r != null) {
            assertHonestResult(r, s, feasible, s == 1 && feasible == null && sense == Sense.MIN_MAX);
        }
    }

    /**
     * A result on {@link #saddle(double) saddle(s)} has a termination; a claimed convergence is checked
     * independently: finite, in {@code feasible} (when not null), value recomputed, and at the known saddle
     * point {@code x = y = −c/2} when {@code atKnownSaddle}.
     */
    static void assertHonestResult(MinMaxResult r, double s, BoxProjection feasible, boolean atKnownSaddle) {
        assertNotNull(r.termination(), r.toString());
        if (r.termination().isConverged()) {
            double[] x = r.x();
            double[] y = r.y();
            for (int i = 0; i < 3; i++) {
                assertTrue(Double.isFinite(x[i]) && Double.isFinite(y[i]), r.toString());
            }
            if (feasible != null) {
                assertTrue(feasible.contains(x, 1e-12), r.toString());
            }
            double v = saddle(s).value(x, y);
            assertEquals(v, r.value(), 1e-12 * Math.abs(v) + Double.MIN_NORMAL, r.toString());
            if (atKnownSaddle) {
                // L = ½‖x‖² + xᵀy − ½‖y‖² + cᵀx: the saddle point is x* = y* = −c/2
                for (int i = 0; i < 3; i++) {
                    assertEquals(-C[i] / 2, x[i], 1e-6, r.toString());
                    assertEquals(-C[i] / 2, y[i], 1e-6, r.toString());
                }
            }
        }
    }
}
