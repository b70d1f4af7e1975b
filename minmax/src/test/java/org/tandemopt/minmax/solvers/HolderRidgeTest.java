package org.tandemopt.minmax.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;

/**
 * REFERENCE-PROBLEMS.md M3: the ridge method on Hölder ridges, with the regression table of docs/MINMAX.md.
 *
 * <p>Outer search everywhere: first trial 1, shrink 0.5, Armijo constant 0.5, expansion α ∈ {1, 2}; stop at
 * ‖∇_x L‖ ≤ 1e-8 (the Armijo test on values of size ~0.4 cannot certify decreases below
 * |G'| ≈ √(ulp(0.4)/(c t)) ≈ 1.5e-8 — see {@link #literalToleranceIsBelowTheArmijoPrecisionFloor}).
 */
class HolderRidgeTest {

    static final double ROOT_FINDING_X = 0.317672196172; // x* of M3.2 (12 digits, as published)

    static RidgeMethod ridge(double expansion, double innerFactor, InnerSolver inner) {
        return RidgeMethod.builder()
                .outerStep(ArmijoBacktracking.builder().initialStep(1).shrink(0.5).armijo(0.5).expansion(expansion)
                        .build())
                .innerToleranceFactor(innerFactor).innerSolver(inner).build();
    }

    static final InnerSolver EXACT = InnerSolver.closedForm((x, y) -> y[0] = Math.cbrt(x[0]));

    static MinMaxProblem m32(double x0) {
        return MinMaxProblem.builder(Problems.HOLDER_SHIFTED).start(new double[] {x0}, new double[] {0})
                .knownSolution(new double[] {Problems.M32_X}, new double[] {Problems.M32_Y}).build();
    }

    static MinMaxProblem m31(double x0) {
        return MinMaxProblem.builder(Problems.HOLDER).start(new double[] {x0}, new double[] {0})
                .knownSolution(new double[] {0}, new double[] {0}).build();
    }

    static SolveOptions options(double tolerance) {
        return SolveOptions.builder().maxIterations(1000).gradientTolerance(tolerance).trace(true).build();
    }

    /** {outer iterations, trial evaluations of G, inner iterations}, summed over the trace. */
    static long[] counts(MinMaxResult r) {
        long trials = 0;
        long inner = 0;
        for (IterationRecord rec : r.trace().records()) {
            double t = rec.extra("trialEvaluations");
            double i = rec.extra("innerIterations");
            trials += Double.isNaN(t) ? 0 : (long) t;
            inner += Double.isNaN(i) ? 0 : (long) i;
        }
        // the start's inner solve is recorded in the first record
        return new long[] {r.iterations(), trials, inner};
    }

    // ------------------------------------------------------------------ regression table

    static Stream<Arguments> table() {
        return Stream.of(
                // problem, x0, α, κ_τ, outer iterations, trial evaluations, inner iterations
                Arguments.of("M3.2", -1.0, 1.0, 1.0, 11, 12, 1103),
                Arguments.of("M3.2", -1.0, 2.0, 1.0, 11, 22, 1695),
                Arguments.of("M3.2", 2.0, 1.0, 1.0, 11, 12, 907),
                Arguments.of("M3.2", 2.0, 2.0, 1.0, 11, 22, 1376),
                Arguments.of("M3.1", -1.0, 1.0, 1e-8, 13, 67, 2823),
                Arguments.of("M3.1", -1.0, 2.0, 1e-8, 13, 78, 3398),
                Arguments.of("M3.1", 2.0, 1.0, 1e-8, 33, 87, 3636),
                Arguments.of("M3.1", 2.0, 2.0, 1e-8, 31, 112, 4291));
    }

    @ParameterizedTest(name = "{0} x0={1} alpha={2}")
    @MethodSource("table")
    void ridgeReachesTheSolutionAndMatchesTheRegressionTable(String problem, double x0, double alpha,
                                                             double innerFactor, int outer, int trials, int inner) {
        MinMaxProblem p = problem.equals("M3.2") ? m32(x0) : m31(x0);
        MinMaxResult r = ridge(alpha, innerFactor, InnerSolver.defaults()).solve(p, options(1e-8));
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        // the solution to 1e-8: M3.2 (x*, y*) = (0.317672196172, 0.682327803828); M3.1 (0, 0)
        assertTrue(r.distanceToSolution() <= 1e-8, r.toString());
        if (problem.equals("M3.2")) {
            assertEquals(Problems.M32_VALUE, r.value(), 1e-12);
            assertTrue(r.iterations() <= 25);
        }
        long[] c = counts(r);
        assertEquals(outer, c[0], "outer iterations");
        assertEquals(trials, c[1], "trial evaluations");
        assertEquals(inner, c[2], "inner iterations");
    }

    @Test
    void m31NeedsAnInnerToleranceTighterThanTheDefaultFactor() {
        // L = xy − y⁴/4 has inner curvature 3y²: an inner residual τ = κ_τ y² leaves an error ≈ κ_τ/3 in y,
        // so with κ_τ = 1 the computed ∇G = y has the wrong sign once |y| is below ~0.3 and the run stalls
        MinMaxResult r = ridge(2, 1.0, InnerSolver.defaults()).solve(m31(2), options(1e-8));
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertTrue(r.distanceToSolution() > 1e-2, r.toString());
        assertTrue(r.x()[0] > 0 && r.y()[0] < 0, "x and the computed y* have opposite signs: " + r);
    }

    // ------------------------------------------------------------------ exact inner maximisation

    @Test
    void exactValueFunctionLiteralParameters() {
        // G(x) = ¾|x|^{4/3} + (x − 1)²/2 exactly (y*(x) = x^{1/3}), from x0 = −1, the literal M3.2 setting:
        // both variants converge at the tolerance 1e-8 — the monotone one does NOT stall from this start
        MinMaxResult mono = ridge(1, 1, EXACT).solve(m32(-1), options(1e-8));
        MinMaxResult expanding = ridge(2, 1, EXACT).solve(m32(-1), options(1e-8));
        assertEquals(Termination.CONVERGED_GRADIENT, mono.termination());
        assertEquals(Termination.CONVERGED_GRADIENT, expanding.termination());
        assertEquals(11, mono.iterations());
        assertEquals(11, expanding.iterations());
        assertEquals(ROOT_FINDING_X, mono.x()[0], 1e-8);
        assertEquals(ROOT_FINDING_X, expanding.x()[0], 1e-8);
        assertEquals(12, counts(mono)[1]);
        assertEquals(22, counts(expanding)[1]);
    }

    @Test
    void literalToleranceIsBelowTheArmijoPrecisionFloor() {
        // With |G'| ≤ 1e-10 the outcome is decided by rounding: Armijo must certify a decrease c t |G'|² of
        // about 1e-21 on values G ≈ 0.395 whose spacing is 5.6e-17. From x0 = −1 the monotone search happens
        // to converge (13 iterations), the expanding one does not within 1000 iterations; from x0 = 2 neither.
        MinMaxResult mono = ridge(1, 1, EXACT).solve(m32(-1), options(1e-10));
        MinMaxResult expanding = ridge(2, 1, EXACT).solve(m32(-1), options(1e-10));
        assertEquals(Termination.CONVERGED_GRADIENT, mono.termination());
        assertEquals(13, mono.iterations());
        assertEquals(Termination.MAX_ITERATIONS, expanding.termination());
        assertEquals(Termination.MAX_ITERATIONS, ridge(1, 1, EXACT).solve(m32(2), options(1e-10)).termination());
        assertEquals(Termination.MAX_ITERATIONS, ridge(2, 1, EXACT).solve(m32(2), options(1e-10)).termination());
        // all of them are nevertheless within 1e-8 of x*: the floor is in the test, not in the iterate
        assertEquals(ROOT_FINDING_X, expanding.x()[0], 1e-8);
    }

    @Test
    void monotoneBacktrackingStallsAfterStartingAtTheKink() {
        // The Hölder effect: from x0 = −1e-3, next to the kink of G' at 0, the admissible first step is small
        // (0.125); the monotone search can never grow it back, then rounding near x* shrinks it further and
        // it stalls (last step 9.3e-10); the expanding search recovers its step and converges in 12 iterations.
        MinMaxResult mono = ridge(1, 1, EXACT).solve(m32(-1e-3), options(1e-8));
        MinMaxResult expanding = ridge(2, 1, EXACT).solve(m32(-1e-3), options(1e-8));
        assertEquals(Termination.MAX_ITERATIONS, mono.termination());
        assertEquals(1000, mono.iterations());
        assertTrue(lastStep(mono) < 1e-8, "monotone step " + lastStep(mono));
        assertEquals(Termination.CONVERGED_GRADIENT, expanding.termination());
        assertEquals(12, expanding.iterations());
        assertEquals(0.5, lastStep(expanding), 0);
        assertEquals(ROOT_FINDING_X, expanding.x()[0], 1e-8);
        // with the inexact, warm-started inner solve the monotone run converges here, but 6.6 times slower:
        // its step stays at 0.125
        MinMaxResult monoInexact = ridge(1, 1, InnerSolver.defaults()).solve(m32(-1e-3), options(1e-8));
        MinMaxResult expInexact = ridge(2, 1, InnerSolver.defaults()).solve(m32(-1e-3), options(1e-8));
        assertEquals(Termination.CONVERGED_GRADIENT, monoInexact.termination());
        assertEquals(73, monoInexact.iterations());
        assertEquals(0.125, lastStep(monoInexact), 0);
        assertEquals(Termination.CONVERGED_GRADIENT, expInexact.termination());
        assertEquals(11, expInexact.iterations());
        assertTrue(expInexact.distanceToSolution() <= 1e-8);
    }

    static Stream<Arguments> kinkStarts() {
        return Stream.of(-1e-2, -1e-3, -1e-4, -1e-6, 1e-3, 1e-6).flatMap(x0 -> Stream.of(
                Arguments.of(x0, true), Arguments.of(x0, false)));
    }

    /**
     * Property over starts next to the kink, exact and inexact inner solves: the expanding search converges
     * within 13 iterations; the monotone one needs at least 73 (its step is stuck at 0.125 or below) or
     * stalls — in the 12 cases it stalls in 5 and needs 73–75 iterations in the others.
     */
    @ParameterizedTest(name = "x0={0} exact={1}")
    @MethodSource("kinkStarts")
    void expansionRecoversTheStepAfterTheKink(double x0, boolean exact) {
        InnerSolver inner = exact ? EXACT : InnerSolver.defaults();
        MinMaxResult mono = ridge(1, 1, inner).solve(m32(x0), options(1e-8));
        MinMaxResult expanding = ridge(2, 1, inner).solve(m32(x0), options(1e-8));
        assertEquals(Termination.CONVERGED_GRADIENT, expanding.termination());
        assertTrue(expanding.iterations() <= 13, expanding.toString());
        assertTrue(expanding.distanceToSolution() <= 1e-8, expanding.toString());
        assertTrue(mono.iterations() >= 73, mono.toString());
        assertTrue(lastStep(mono) <= 0.125, "monotone step " + lastStep(mono));
    }

    static double lastStep(MinMaxResult r) {
        return r.trace().records().get(r.trace().records().size() - 1).stepSize();
    }

    @Test
    void m31FixedStepDescentOnTheValueFunctionEndsInATwoCycle() {
        // REFERENCE-PROBLEMS M3.1: x⁺ = x − γ sign(x)|x|^{1/3} with γ = 0.1 ends in the 2-cycle ±(γ/2)^{3/2}
        double x = 1;
        for (int k = 0; k < 200; k++) {
            x -= 0.1 * Math.signum(x) * Math.cbrt(Math.abs(x));
        }
        assertEquals(1.1180e-2, Math.abs(x), 1e-6);
        assertEquals(Math.pow(0.05, 1.5), Math.abs(x), 1e-12);
    }
}
