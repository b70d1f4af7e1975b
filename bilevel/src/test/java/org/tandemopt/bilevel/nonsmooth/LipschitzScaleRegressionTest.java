package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;

/**
 * Regression found by {@code NonsmoothFuzzTest}: the power iteration's norm squared the Hessian products, so a
 * lower loss scaled by 1e-300 gave {@code L = 0} (underflow) and by 1e300 gave {@code L = ∞} (overflow), and
 * forward-backward with the Lipschitz estimate ended NON_FINITE on a well-posed Lasso.
 */
class LipschitzScaleRegressionTest {

    static final double[][] A = {{1, 0}, {0, 2}};
    static final double[] B = {1, 1};

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(doubles = {1e-300, 1e-150, 1, 1e150, 1e300})
    void theLipschitzEstimateAndTheLassoSolutionDoNotDependOnTheScale(double c) {
        // h = c·½‖Ay − b‖², H_yy = c·diag(1, 4): L = 4c
        LeastSquaresLoss h = LeastSquaresLoss.of(A, B, c, 1);
        double l = Lipschitz.estimate(h, new double[1], new double[2], new double[2], new double[2]);
        assertEquals(4 * c, l, 1e-12 * 4 * c);
        // with α = 0.1c: min ½‖Ay − b‖² + 0.1‖y‖₁ after dividing by c, y* = (0.9, 0.475)
        double x = Math.log(0.1 * c);
        ParametricElasticNet prox = ParametricElasticNet.of(ParametricElasticNet.Weighting.SHARED_LOG, 2, 0);
        BilevelProblem p = BilevelProblem.of(LeastSquaresLoss.of(A, B, 1.0, 1), h, new double[] {x}, new double[2]);
        Hypergradient hg = ForwardDifferentiation.create().estimate(p, ForwardBackward.ista(prox),
                new double[] {x}, new double[2], InnerSchedule.untilResidual(1e-10 * c, 5000));
        assertEquals(HypergradientStatus.OK, hg.status(), hg.toString());
        assertArrayEquals(new double[] {0.9, 0.475}, hg.inner(), 1e-9);
    }
}
