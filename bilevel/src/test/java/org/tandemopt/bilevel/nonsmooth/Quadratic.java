package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.core.function.ParametricFunction;

/** A test smooth part {@code h(x, y) = ½‖y‖² − x_0 Σ y_i} (not a {@link LeastSquaresLoss}). */
final class Quadratic implements ParametricFunction {
    private final int m;
    private final int n;

    Quadratic(int m, int n) {
        this.m = m;
        this.n = n;
    }

    @Override public int parameterDimension() { return n; }
    @Override public int variableDimension() { return m; }
    @Override public boolean hasSecondOrder() { return true; }

    @Override
    public double value(double[] x, double[] y) {
        double s = 0;
        for (double v : y) {
            s += 0.5 * v * v - x[0] * v;
        }
        return s;
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        for (int i = 0; i < m; i++) {
            out[i] = y[i] - x[0];
        }
        return value(x, y);
    }

    @Override
    public void gradientX(double[] x, double[] y, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (double v : y) {
            out[0] -= v;
        }
    }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        System.arraycopy(v, 0, out, 0, m);
    }

    @Override
    public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (double v : w) {
            out[0] -= v;
        }
    }

    @Override
    public void cross(double[] x, double[] y, double[] u, double[] out) {
        java.util.Arrays.fill(out, -u[0]);
    }
}
