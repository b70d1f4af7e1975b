package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.Ridge;
import org.tandemopt.bilevel.TestSolvers;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/**
 * Regression found by {@link FuzzTest}: on B3 ({@code x = t = log λ}) a legal but huge upper start
 * ({@code t0 = 1e300}; huge outer steps reach the same state) makes {@code λ = e^t} overflow, so the inner state and
 * {@code ∇_y f} become non-finite; the implicit estimator used to hand that right-hand side to the linear solver,
 * which refused it with an IllegalArgumentException ("b[0] = NaN, expected a finite number") escaping
 * {@code solve}. Numerical trouble must end the run with the NON_FINITE termination instead.
 */
class NonFiniteInnerStateTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 50})
    void anOverflowingInnerRunIsANonFiniteTermination(int innerSteps) {
        BilevelProblem b3 = Ridge.b3(-4);
        double[][] starts = {{1e300}, {1e300}};
        double[] steps = {1000, 1e-3};
        for (int c = 0; c < 2; c++) {
            BilevelProblem p = BilevelProblem.builder(b3.upper(), b3.lower()).start(starts[c], new double[8]).build();
            BilevelResult r = ApproximateImplicitGradient.builder(TestSolvers.coreCg(1e-13, 100))
                    .maxInnerSteps(innerSteps).stepRule(new ConstantStep(steps[c])).build()
                    .solve(p, SolveOptions.builder().maxIterations(50).gradientTolerance(1e-9).build());
            assertEquals(Termination.NON_FINITE, r.termination(), "case " + c + ": " + r);
            assertTrue(r.iterations() <= 1, "case " + c + ": " + r);
        }
    }
}
