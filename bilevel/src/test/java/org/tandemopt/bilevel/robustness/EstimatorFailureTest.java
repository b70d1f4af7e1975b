package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tandemopt.core.testing.Traces.assertSamePrefix;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.core.linalg.LinearOperator;
import org.tandemopt.core.linalg.LinearSolveResult;
import org.tandemopt.core.linalg.LinearSolveStatus;
import org.tandemopt.core.linalg.LinearSolver;
import org.tandemopt.core.linalg.LinearSolvers;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.testing.Cases;

/**
 * Estimates that fail mid-run for a numerical reason other than a NaN, on {@link CrossingLowerLevel}:
 * <ul>
 *   <li>a linear solve that does not converge ({@code MAX_ITERATIONS}) or meets negative curvature, injected from
 *       the {@code k}-th solve on (seeded) by a wrapper of conjugate gradient: AID ends {@code LINEAR_SOLVE_FAILED}
 *       / {@code INDEFINITE_HESSIAN} after exactly {@code k} iterations (one solve at the start, one per
 *       iteration), at the iterate {@code k − 1} bit for bit, the rejected estimate's status in the result;</li>
 *   <li>derivatives that blow up: differentiable programming (reverse, 100 inner steps of size ½) on the lower
 *       level that turns indefinite at {@code x = 1}: past it the adjoint grows like {@code (1 + ½(x − 1))^100};
 *       the run ends {@code DERIVATIVE_BLOW_UP} at the last iterate whose growth was within the factor
 *       {@code 1e10}.</li>
 * </ul>
 */
class EstimatorFailureTest {

    /** Conjugate gradient whose solves from the {@code k}-th on (0-based) report {@code status}. */
    static LinearSolver failingFrom(int k, LinearSolveStatus status) {
        LinearSolver cg = LinearSolvers.cg();
        int[] calls = {0};
        return new LinearSolver() {
            @Override
            public LinearSolveResult solve(LinearOperator a, double[] b, double[] solution) {
                LinearSolveResult r = cg.solve(a, b, solution);
                if (calls[0]++ < k) {
                    return r;
                }
                return new LinearSolveResult(status, r.residualNorm(), r.iterations(), r.operatorApplications(),
                        status == LinearSolveStatus.NEGATIVE_CURVATURE, null);
            }

            @Override
            public String toString() {
                return "failing CG";
            }
        };
    }

    static BilevelProblem problem(double c) {
        return BilevelProblem.builder(CrossingLowerLevel.upper(3), CrossingLowerLevel.lower(c))
                .start(new double[] {0.5}, new double[] {0, 0}).build();
    }

    static SolveOptions options(int iterations) {
        return SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-13).trace(true).build();
    }

    static BilevelResult aid(LinearSolver s, int iterations) {
        return ApproximateImplicitGradient.builder(s).inner(GradientStep.fixed(0.5)).stepRule(new ConstantStep(0.05))
                .build().solve(problem(3.5), options(iterations));
    }

    static Stream<Arguments> failures() {
        return Cases.product(List.of(LinearSolveStatus.MAX_ITERATIONS, LinearSolveStatus.NEGATIVE_CURVATURE),
                Cases.seeds(1, 3));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("failures")
    void aFailedLinearSolveEndsTheRunAtTheLastTrustedIterate(LinearSolveStatus st, long seed) {
        int k = 2 + new SplittableRandom(seed).nextInt(19);
        BilevelResult r = aid(failingFrom(k, st), 40);
        Termination want = st == LinearSolveStatus.MAX_ITERATIONS ? Termination.LINEAR_SOLVE_FAILED
                : Termination.INDEFINITE_HESSIAN;
        HypergradientStatus wantStatus = st == LinearSolveStatus.MAX_ITERATIONS
                ? HypergradientStatus.LINEAR_SOLVE_FAILED : HypergradientStatus.INDEFINITE_HESSIAN;
        assertEquals(want, r.termination(), r.toString());
        assertEquals(k, r.iterations());
        assertEquals(wantStatus, r.lastDiagnostics().status());
        BilevelResult clean = aid(LinearSolvers.cg(), k - 1);
        assertArrayEquals(clean.x(), r.x(), "the iterate k - 1");
        assertArrayEquals(clean.y(), r.y());
        assertEquals(clean.value(), r.value(), 0);
        assertEquals(clean.hypergradientNorm(), r.hypergradientNorm(), 0);
        assertSamePrefix(clean.trace(), r.trace(), k, st.toString());
    }

    @Test
    void aFailedSolveAtTheStartEndsAtTheStart() {
        BilevelResult r = aid(failingFrom(0, LinearSolveStatus.MAX_ITERATIONS), 40);
        assertEquals(Termination.LINEAR_SOLVE_FAILED, r.termination());
        assertEquals(0, r.iterations());
        assertArrayEquals(new double[] {0.5}, r.x());
    }

    @Test
    void derivativesThatBlowUpEndTheRunAtTheLastBoundedIterate() {
        DifferentiableProgramming dp = DifferentiableProgramming.builder().inner(GradientStep.fixed(0.5))
                .innerSteps(100).stepRule(new ConstantStep(0.05)).build();
        BilevelResult r = dp.solve(problem(1), options(200));
        assertEquals(Termination.DERIVATIVE_BLOW_UP, r.termination(), r.toString());
        assertEquals(HypergradientStatus.DERIVATIVE_BLOW_UP, r.lastDiagnostics().status());
        assertTrue(r.lastDiagnostics().derivativeBlowUp());
        assertTrue(r.lastDiagnostics().derivativeGrowth() > 1e10, r.lastDiagnostics().toString());
        int k = r.iterations();
        // the growth (1 + ½(x − 1))^100 passes 1e10 once x − 1 > 2(10^0.1 − 1) ≈ 0.517: past the indefinite crossing
        assertTrue(r.x()[0] > 1 && r.x()[0] < 1.52, "x = " + r.x()[0]);
        BilevelResult clean = dp.solve(problem(1), options(k - 1));
        assertArrayEquals(clean.x(), r.x(), "the iterate k - 1");
        assertEquals(clean.value(), r.value(), 0);
        assertSamePrefix(clean.trace(), r.trace(), k, "DP");
        IterationRecord lastKept = r.trace().get(k - 1);
        assertTrue(lastKept.derivativeNorm() <= 1e10, "growth of the kept iterate " + lastKept.derivativeNorm());
    }
}
