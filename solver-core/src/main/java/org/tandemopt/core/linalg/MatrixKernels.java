package org.tandemopt.core.linalg;

/**
 * Matrix-vector kernels on row-major {@code double[]} data. Public so that problem classes holding their
 * own arrays can call them without wrapping; every method allocates nothing and requires distinct input
 * and output arrays.
 *
 * <p>{@code A x} takes four rows at a time so each entry of {@code x} is loaded once per four rows and
 * four independent sums are in flight; {@code Aᵀ y} is a sequence of row updates {@code z += y_i a_i},
 * taken two rows at a time, which the JIT vectorises.
 */
public final class MatrixKernels {

    private MatrixKernels() {
    }

    /** {@code out[0..rows) ← A x}. */
    public static void multiply(double[] a, int rows, int cols, double[] x, double[] out) {
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            int o0 = i * cols;
            int o1 = o0 + cols;
            int o2 = o1 + cols;
            int o3 = o2 + cols;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int j = 0; j < cols; j++) {
                double xj = x[j];
                s0 += a[o0 + j] * xj;
                s1 += a[o1 + j] * xj;
                s2 += a[o2 + j] * xj;
                s3 += a[o3 + j] * xj;
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < rows; i++) {
            out[i] = rowDot(a, i * cols, x, cols);
        }
    }

    /** {@code out[0..cols) ← Aᵀ y}. */
    public static void multiplyTranspose(double[] a, int rows, int cols, double[] y, double[] out) {
        java.util.Arrays.fill(out, 0, cols, 0.0);
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            double y0 = y[i];
            double y1 = y[i + 1];
            int o0 = i * cols;
            int o1 = o0 + cols;
            for (int j = 0; j < cols; j++) {
                out[j] += y0 * a[o0 + j] + y1 * a[o1 + j];
            }
        }
        for (; i < rows; i++) {
            double yi = y[i];
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += yi * a[o + j];
            }
        }
    }

    /** {@code y ← A x} then {@code z ← Aᵀ y}, reading each row once. */
    public static void multiplyThenTranspose(double[] a, int rows, int cols, double[] x, double[] y, double[] z) {
        java.util.Arrays.fill(z, 0, cols, 0.0);
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            int o0 = i * cols;
            int o1 = o0 + cols;
            double y0 = rowDot(a, o0, x, cols);
            double y1 = rowDot(a, o1, x, cols);
            y[i] = y0;
            y[i + 1] = y1;
            for (int j = 0; j < cols; j++) {
                z[j] += y0 * a[o0 + j] + y1 * a[o1 + j];
            }
        }
        for (; i < rows; i++) {
            int o = i * cols;
            double yi = rowDot(a, o, x, cols);
            y[i] = yi;
            for (int j = 0; j < cols; j++) {
                z[j] += yi * a[o + j];
            }
        }
    }

    /** @return the dot product of row data {@code a[off .. off+n)} with {@code x[0..n)}. */
    public static double rowDot(double[] a, int off, double[] x, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[off + j] * x[j];
            s1 += a[off + j + 1] * x[j + 1];
            s2 += a[off + j + 2] * x[j + 2];
            s3 += a[off + j + 3] * x[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[off + j] * x[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
