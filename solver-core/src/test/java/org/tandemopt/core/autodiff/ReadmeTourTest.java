package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * The README tour snippet for automatic differentiation, verbatim between the markers, so it is proven to compile
 * and run; the assertions after it check its numbers against derivatives worked out by hand.
 */
class ReadmeTourTest {

    @Test
    void tour() {
        // --- README: automatic differentiation ---
        // Lower level of a hyperparameter problem, defined once:
        // g(λ, w) = mean_i log(1 + exp(−t_i x_iᵀw)) + (e^λ / 2) ‖w‖²
        DenseMatrix features = DenseMatrix.of(new double[][] {{1, 2}, {3, -1}, {-2, 1}});
        double[] minusLabels = {-1, 1, -1};                       // −t for labels t = (1, −1, 1)
        ParametricFunction g = AutoDiff.parametric(1, 2, (lambda, w) ->
                w.premultiply(features).times(minusLabels).softplus().mean()
                        .plus(lambda.exp().times(w.squaredNorm()).times(0.5)));

        double[] x = {0.0};                                       // λ
        double[] y = {0.5, -0.25};                                // w
        double[] gradY = new double[2];
        double[] hv = new double[2];
        double[] mixed = new double[1];
        double value = g.gradientY(x, y, gradY);                  // g and ∇_w g
        g.hessianYY(x, y, new double[] {1, 0}, hv);               // H_ww e₁
        g.crossTranspose(x, y, hv, mixed);                        // H_wλᵀ (H_ww e₁)

        // A single-argument function gets value, gradient and Hessian-vector products the same way:
        DifferentiableFunction rosenbrock = AutoDiff.function(2, z ->
                z.get(1).minus(z.get(0).square()).square().times(100).plus(z.get(0).subtractedFrom(1).square()));
        double[] grad = new double[2];
        rosenbrock.valueAndGradient(new double[] {1, 1}, grad);   // (0, 0) at the minimiser
        // --- end ---

        // hand-written check of every number above
        double[][] xs = {{1, 2}, {3, -1}, {-2, 1}};
        double expectedValue = 0;
        double[] expectedGrad = {y[0], y[1]};
        double h00 = 1;
        for (int i = 0; i < 3; i++) {
            double m = minusLabels[i] * (xs[i][0] * y[0] + xs[i][1] * y[1]);
            double s = 1 / (1 + Math.exp(-m));
            expectedValue += Math.log1p(Math.exp(m)) / 3;
            expectedGrad[0] += minusLabels[i] * s * xs[i][0] / 3;
            expectedGrad[1] += minusLabels[i] * s * xs[i][1] / 3;
            h00 += s * (1 - s) * xs[i][0] * xs[i][0] / 3;
        }
        expectedValue += 0.5 * (y[0] * y[0] + y[1] * y[1]);
        assertEquals(expectedValue, value, 1e-15);
        assertEquals(expectedGrad[0], gradY[0], 1e-15);
        assertEquals(expectedGrad[1], gradY[1], 1e-15);
        assertEquals(h00, hv[0], 1e-15);
        // ∂_λ ∇_w g = e^λ w, so H_wλᵀ v = e^λ wᵀv
        assertEquals(y[0] * hv[0] + y[1] * hv[1], mixed[0], 1e-15);
        assertEquals(0.0, grad[0], 0.0);
        assertEquals(0.0, grad[1], 0.0);
        double[] hr = new double[2];
        rosenbrock.hessianVector(new double[] {1, 1}, new double[] {1, 0}, hr);
        assertEquals(802.0, hr[0], 1e-12);   // ∂²/∂z₀² = 1200 z₀² − 400 z₁ + 2
        assertEquals(-400.0, hr[1], 1e-12);
    }
}
