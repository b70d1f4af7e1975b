package org.tandemopt.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.OptimizationResult;

/**
 * REFERENCE-PROBLEMS.md M3.2 on the line search alone: descent on the exact value function
 * {@code G(x) = ¾|x|^{4/3} + (x − 1)²/2} of {@code L(x, y) = xy − y⁴/4 + (x − 1)²/2}, whose gradient
 * {@code sign(x)|x|^{1/3} + x − 1} is only Hölder continuous at 0.
 */
class HolderianBacktrackingTest {

    static final double X_STAR = 0.317672196172;

    static final DifferentiableFunction G = new DifferentiableFunction() {
        @Override public int dimension() { return 1; }
        @Override public double value(double[] x) {
            return 0.75 * Math.pow(Math.abs(x[0]), 4.0 / 3.0) + 0.5 * (x[0] - 1) * (x[0] - 1);
        }
        @Override public double valueAndGradient(double[] x, double[] g) {
            g[0] = Math.signum(x[0]) * Math.cbrt(Math.abs(x[0])) + x[0] - 1;
            return value(x);
        }
    };

    static OptimizationResult run(double expansion, int budget) {
        ArmijoBacktracking rule = ArmijoBacktracking.builder().initialStep(1).shrink(0.5).armijo(0.5)
                .expansion(expansion).build();
        return GradientDescent.withStepRule(rule).minimize(G, new double[] {-1},
                SolveOptions.builder().maxIterations(budget).gradientTolerance(1e-10).build());
    }

    @Test
    void expandingBacktrackingConvergesFast() {
        OptimizationResult r = run(2, 10_000);
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertTrue(r.iterations() <= 20, "iterations = " + r.iterations());
        assertEquals(X_STAR, r.point()[0], 1e-10);
        assertEquals(0.395353044902, r.value(), 1e-11);
    }
}
