package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.BilevelSolver;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.Ridge;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.TestSolvers;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.prox.BoxProjection;
import org.tandemopt.core.testing.FuzzCalls;

/**
 * Seeded fuzzing of the bilevel entry points on the B3 ridge problem ({@code n = 1}, {@code m = 8}): solver
 * builders with extreme steps and budgets, the {@link BilevelProblem} builder with null / wrong-length /
 * non-finite / huge starts and boxes (infinite or crossed bounds, start outside), and {@code solve}. Each call
 * either throws an {@link IllegalArgumentException} naming one of the invalid arguments or returns a result with
 * a termination; a converged unconstrained result is checked independently against the exact hypergradient.
 */
class FuzzTest {

    static final Duration HANG_GUARD = FuzzCalls.HANG_GUARD;
    static final BilevelProblem B3 = Ridge.b3(-4);
    static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    static final double[] BAD_STEPS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -1};
    static final double[] STEPS = {Double.MIN_VALUE, 1e-12, 100, 1000, 1000, 1000, 1e12, Double.MAX_VALUE};
    static final int[] BAD_COUNTS = {Integer.MIN_VALUE, -1, 0};
    static final int[] COUNTS = {1, 5, 50};

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    /** The exact hypergradient at t (Newton inner solve, dense implicit differentiation). */
    static double trueDerivative(double t) {
        return ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(Ridge.b3(t), NewtonStep.of(TestSolvers.ldlt()),
                new double[] {t}, new double[8], InnerSchedule.steps(3)).gradient(0);
    }

    /** A start vector: one of three invalid kinds when {@code faulty}, else valid (sometimes huge). */
    static double[] vector(SplittableRandom rnd, boolean faulty, List<String> bad, String name, int length,
                           double centre) {
        if (faulty) {
            bad.add(name);
            switch (rnd.nextInt(3)) {
                case 0:
                    return null;
                case 1:
                    return new double[length + 1 + rnd.nextInt(2)];
                default: {
                    double[] v = new double[length];
                    v[rnd.nextInt(length)] = BAD[rnd.nextInt(3)];
                    return v;
                }
            }
        }
        double[] v = new double[length];
        if (rnd.nextInt(6) == 0) {
            v[0] = rnd.nextBoolean() ? 1e300 : -1e300;
            return v;
        }
        for (int i = 0; i < length; i++) {
            v[i] = centre + 4 * rnd.nextDouble() - 2;
        }
        return v;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bilevelEntryPointsRefuseBadInputOrReportAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> bad = new ArrayList<>();
        // half the seeds inject exactly one fault (0 step, 1 inner budget, 2 x0, 3 y0, 4 box, 5 options)
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(6);
        double step = fault == 0 ? BAD_STEPS[rnd.nextInt(BAD_STEPS.length)] : STEPS[rnd.nextInt(STEPS.length)];
        int count = fault == 1 ? BAD_COUNTS[rnd.nextInt(BAD_COUNTS.length)] : COUNTS[rnd.nextInt(COUNTS.length)];
        int kind = rnd.nextInt(3);
        if (!(step > 0 && Double.isFinite(step))) {
            bad.add("step");
        }
        if (count < 1) {
            bad.add(kind == 1 ? "maxInnerSteps" : "innerSteps");
        }
        Supplier<BilevelSolver> solver = switch (kind) {
            case 0 -> () -> SingleStepMultiStep.builder().innerSteps(count).stepRule(new ConstantStep(step)).build();
            case 1 -> () -> ApproximateImplicitGradient.builder(TestSolvers.coreCg(1e-13, 100)).maxInnerSteps(count)
                    .stepRule(new ConstantStep(step)).build();
            default -> () -> DifferentiableProgramming.builder().innerSteps(count).stepRule(new ConstantStep(step))
                    .build();
        };
        double[] x0 = vector(rnd, fault == 2, bad, "x0", 1, -5);
        double[] y0 = vector(rnd, fault == 3, bad, "y0", 8, 0);
        BoxProjection box = null;
        if (fault == 4 || rnd.nextInt(4) == 0) {
            // a faulty box has a NaN or wrong infinite bound, or lower > upper
            int boxFault = fault == 4 ? rnd.nextInt(3) : -1;
            double lo = boxFault == 0 ? BAD[rnd.nextInt(3)] : rnd.nextInt(5) == 0 ? Double.NEGATIVE_INFINITY
                    : -7 - rnd.nextDouble();
            double hi = boxFault == 1 ? BAD[rnd.nextInt(3)] : boxFault == 2 ? lo - 1 : -3 - rnd.nextDouble();
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
            if (x0 != null && x0.length == 1 && Double.isFinite(x0[0]) && !box.contains(x0, 0)) {
                bad.add("x0");
            }
        }
        SolveOptions options = fault == 5 ? null
                : SolveOptions.builder().maxIterations(1500).gradientTolerance(1e-9).build();
        if (options == null) {
            bad.add("options");
        }
        BoxProjection feasible = box;
        String generated = "solver " + kind + ", step " + step + ", inner budget " + count + ", x0 "
                + java.util.Arrays.toString(x0) + ", y0 " + java.util.Arrays.toString(y0) + ", box " + box;
        BilevelResult r = FuzzCalls.guarded(bad, () -> {
            BilevelSolver s = solver.get();
            BilevelProblem.Builder b = BilevelProblem.builder(B3.upper(), B3.lower()).start(x0, y0);
            if (feasible != null) {
                b.feasibleSet(feasible);
            }
            return s.solve(b.build(), options);
        }, () -> generated);
        if (r == null) {
            return;
        }
        assertNotNull(r.termination(), r.toString());
        if (r.termination().isConverged()) {
            double t = r.x()[0];
            assertTrue(Double.isFinite(t), r.toString());
            if (feasible != null) {
                assertTrue(feasible.contains(r.x(), 1e-12), r.toString());
            } else if (r.innerResidual() <= 1e-8) {
                // with an accurate inner state the estimate is the hypergradient: the point is truly critical
                // (an inner budget that leaves a large residual is reported by innerResidual, not hidden)
                assertTrue(Math.abs(trueDerivative(t)) <= 1e-6, r + " true derivative " + trueDerivative(t));
            }
            assertEquals(B3.upper().value(r.x(), r.y()), r.value(), 1e-12 * Math.abs(r.value()), r.toString());
        }
    }
}
