package org.tandemopt.minmax.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.SaddleFunction;

/**
 * A saddle function defined once with automatic differentiation ({@code AutoDiff.parametric} adapted by
 * {@link SaddleFunction#of}) gives the same oracles as the hand-coded M3.2 function and the same ridge-method
 * solution.
 */
class AutoDiffSaddleTest {

    /** L(x, y) = x y − y⁴/4 + (x − 1)²/2 (REFERENCE-PROBLEMS.md M3.2), parameter x, variable y. */
    static final ParametricFunction M32 = AutoDiff.parametric(1, 1, (x, y) ->
            x.times(y).minus(y.pow(4).times(0.25)).plus(x.minus(1).square().times(0.5)).sum());

    @Test
    void oraclesMatchTheHandCodedFunction() {
        SaddleFunction ad = SaddleFunction.of(M32);
        double[] gxAd = new double[1];
        double[] gyAd = new double[1];
        double[] gx = new double[1];
        double[] gy = new double[1];
        for (double[] p : new double[][] {{-1, 0.3}, {0.5, -2}, {2, 1.25}, {0, 0}}) {
            double[] x = {p[0]};
            double[] y = {p[1]};
            assertEquals(Problems.HOLDER_SHIFTED.value(x, y), ad.value(x, y), 1e-15);
            ad.gradientX(x, y, gxAd);
            ad.gradientY(x, y, gyAd);
            Problems.HOLDER_SHIFTED.gradientX(x, y, gx);
            Problems.HOLDER_SHIFTED.gradientY(x, y, gy);
            assertEquals(gx[0], gxAd[0], 1e-15);
            assertEquals(gy[0], gyAd[0], 1e-14);
        }
    }

    @Test
    void theRidgeMethodSolvesTheAutoDiffDefinedProblem() {
        MinMaxProblem problem = MinMaxProblem.builder(SaddleFunction.of(M32))
                .start(new double[] {-1}, new double[] {0}).build();
        RidgeMethod ridge = RidgeMethod.builder()
                .outerStep(ArmijoBacktracking.builder().armijo(0.5).expansion(2).build()).build();
        MinMaxResult r = ridge.solve(problem, SolveOptions.builder().maxIterations(100).gradientTolerance(1e-8).build());
        assertTrue(r.termination().isConverged(), r.toString());
        assertEquals(Problems.M32_X, r.x()[0], 1e-8);
        assertEquals(Problems.M32_Y, r.y()[0], 1e-8);
        assertEquals(Problems.M32_VALUE, r.value(), 1e-11);
    }
}
