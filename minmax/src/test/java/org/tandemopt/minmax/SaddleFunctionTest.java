package org.tandemopt.minmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.ParametricFunction;

/**
 * The {@link SaddleFunction#of(ParametricFunction)} adapter and the restriction {@code y ↦ σL(x, y)}, on
 * {@code L(x, y) = x₀y₀² + sin(x₁) y₁ − ½‖y‖² + x₀x₁} (second-order oracles hand-coded), at seeded random points,
 * against closed forms and central finite differences.
 */
class SaddleFunctionTest {

    static final ParametricFunction H = new ParametricFunction() {
        @Override public int parameterDimension() { return 2; }
        @Override public int variableDimension() { return 2; }

        @Override
        public double value(double[] x, double[] y) {
            return x[0] * y[0] * y[0] + Math.sin(x[1]) * y[1] - 0.5 * (y[0] * y[0] + y[1] * y[1]) + x[0] * x[1];
        }

        @Override
        public double gradientY(double[] x, double[] y, double[] out) {
            out[0] = 2 * x[0] * y[0] - y[0];
            out[1] = Math.sin(x[1]) - y[1];
            return value(x, y);
        }

        @Override
        public void gradientX(double[] x, double[] y, double[] out) {
            out[0] = y[0] * y[0] + x[1];
            out[1] = Math.cos(x[1]) * y[1] + x[0];
        }

        @Override public boolean hasSecondOrder() { return true; }

        @Override
        public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
            out[0] = (2 * x[0] - 1) * v[0];
            out[1] = -v[1];
        }

        @Override
        public void cross(double[] x, double[] y, double[] u, double[] out) {
            // ∂_x ∇_y h = [[2y₀, 0], [0, cos x₁]]
            out[0] = 2 * y[0] * u[0];
            out[1] = Math.cos(x[1]) * u[1];
        }

        @Override
        public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
            out[0] = 2 * y[0] * w[0];
            out[1] = Math.cos(x[1]) * w[1];
        }
    };

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void adapterAndRestrictionMatchFiniteDifferences(int seed) {
        SplittableRandom rnd = new SplittableRandom(5000 + seed);
        SaddleFunction l = SaddleFunction.of(H);
        assertEquals(2, l.xDimension());
        assertEquals(2, l.yDimension());
        assertTrue(l.hasSecondOrder());
        double[] x = {rnd.nextGaussian(), rnd.nextGaussian()};
        double[] y = {rnd.nextGaussian(), rnd.nextGaussian()};
        double[] gx = new double[2];
        double[] gy = new double[2];
        double v = l.gradients(x, y, gx, gy);
        assertEquals(H.value(x, y), v, 0);
        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            assertEquals((l.value(xp, y) - l.value(xm, y)) / (2 * h), gx[i], 1e-8);
            double[] yp = y.clone();
            double[] ym = y.clone();
            yp[i] += h;
            ym[i] -= h;
            assertEquals((l.value(x, yp) - l.value(x, ym)) / (2 * h), gy[i], 1e-8);
        }
        assertEquals(v, l.gradientX(x, y, new double[2]), 0);
        // the restriction y ↦ −L(x, y) used by the ridge method's inner ascent
        DifferentiableFunction minusL = l.restrictedToY(x, -1.0);
        double[] g = new double[2];
        assertEquals(-v, minusL.valueAndGradient(y, g), 0);
        assertEquals(-gy[0], g[0], 0);
        assertEquals(-gy[1], g[1], 0);
        assertTrue(minusL.hasHessianVector());
        double[] w = {rnd.nextGaussian(), rnd.nextGaussian()};
        double[] hw = new double[2];
        minusL.hessianVector(y, w, hw);
        assertEquals(-(2 * x[0] - 1) * w[0], hw[0], 1e-15);
        assertEquals(w[1], hw[1], 1e-15);
        // it follows later changes of x (captured by reference)
        x[0] += 1;
        assertEquals(-l.value(x, y), minusL.value(y), 0);
        // cross product (∂_x ∇_y L) u against differences of ∇_y L in x
        double[] u = {rnd.nextGaussian(), rnd.nextGaussian()};
        double[] cu = new double[2];
        l.crossYX(x, y, u, cu);
        double[] xp = {x[0] + h * u[0], x[1] + h * u[1]};
        double[] xm = {x[0] - h * u[0], x[1] - h * u[1]};
        double[] gp = new double[2];
        double[] gm = new double[2];
        l.gradientY(xp, y, gp);
        l.gradientY(xm, y, gm);
        for (int i = 0; i < 2; i++) {
            assertEquals((gp[i] - gm[i]) / (2 * h), cu[i], 1e-8);
        }
        // a hand-coded SaddleFunction without second order says so
        assertFalse(org.tandemopt.minmax.BadInputTest.L.hasSecondOrder());
    }
}
