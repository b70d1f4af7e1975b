package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * The smooth part {@code h(x, y) = (c/2) ‖A y − b‖²} of a Lasso / elastic-net lower level, independent of the
 * upper variable {@code x} (which enters only through the weights of {@code r}): {@code ∇_y h = c Aᵀ(Ay − b)},
 * {@code H_yy = c AᵀA}, {@code H_yx = 0}. {@link DouglasRachford} and {@link Admm} need this explicit form
 * (they solve with {@code I + γ c AᵀA}).
 *
 * <p>Immutable (the data are copied) and thread-safe; the oracles allocate nothing (a per-thread residual buffer).
 */
public final class LeastSquaresLoss implements ParametricFunction {

    private final double[][] a;
    private final double[] b;
    private final double c;
    private final int n;
    private final int rows;
    private final int m;
    private final ThreadLocal<double[]> buffer;

    private LeastSquaresLoss(double[][] a, double[] b, double c, int n) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
        this.rows = a.length;
        this.m = a[0].length;
        this.buffer = ThreadLocal.withInitial(() -> new double[rows]);
    }

    /**
     * @param a     the design matrix, {@code N × m}, rectangular and finite (copied)
     * @param b     the targets, length {@code N} (copied)
     * @param scale {@code c > 0} (for example {@code 1/N})
     * @param n     the dimension of the upper variable {@code x}, at least 1
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static LeastSquaresLoss of(double[][] a, double[] b, double scale, int n) {
        Functions.requireNonNull("a", a);
        if (a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException("a must be a non-empty matrix, got " + a.length + " rows");
        }
        int cols = a[0].length;
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = Functions.requireFinite("a[" + i + "]", a[i], cols).clone();
        }
        double[] bb = Functions.requireFinite("b", b, a.length).clone();
        Functions.requirePositive("scale", scale);
        Functions.requireAtLeast("n", n, 1);
        return new LeastSquaresLoss(copy, bb, scale, n);
    }

    /** @return {@code c}. */
    public double scale() {
        return c;
    }

    /** @return a copy of row {@code i} of {@code A}. */
    double[][] matrix() {
        return a;
    }

    /** @return the targets (not copied; package use). */
    double[] targets() {
        return b;
    }

    @Override public int parameterDimension() { return n; }
    @Override public int variableDimension() { return m; }
    @Override public boolean hasSecondOrder() { return true; }

    private double residual(double[] y, double[] r) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double t = -b[i];
            double[] ai = a[i];
            for (int j = 0; j < m; j++) {
                t += ai[j] * y[j];
            }
            r[i] = t;
            s += t * t;
        }
        return 0.5 * c * s;
    }

    private void transposeTimes(double[] r, double[] out) {
        java.util.Arrays.fill(out, 0, m, 0.0);
        for (int i = 0; i < rows; i++) {
            double ri = c * r[i];
            if (ri != 0) {
                double[] ai = a[i];
                for (int j = 0; j < m; j++) {
                    out[j] += ai[j] * ri;
                }
            }
        }
    }

    @Override
    public double value(double[] x, double[] y) {
        return residual(y, buffer.get());
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        double[] r = buffer.get();
        double v = residual(y, r);
        transposeTimes(r, out);
        return v;
    }

    @Override
    public void gradientX(double[] x, double[] y, double[] out) {
        java.util.Arrays.fill(out, 0, n, 0.0);
    }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        double[] r = buffer.get();
        for (int i = 0; i < rows; i++) {
            double t = 0;
            double[] ai = a[i];
            for (int j = 0; j < m; j++) {
                t += ai[j] * v[j];
            }
            r[i] = t;
        }
        transposeTimes(r, out);
    }

    @Override
    public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
        java.util.Arrays.fill(out, 0, n, 0.0);
    }

    @Override
    public void cross(double[] x, double[] y, double[] u, double[] out) {
        java.util.Arrays.fill(out, 0, m, 0.0);
    }

    @Override
    public String toString() {
        return "LeastSquaresLoss{" + rows + "x" + m + ", scale=" + c + "}";
    }
}
