package org.tandemopt.core.linalg;

import java.util.Arrays;

import org.tandemopt.core.function.Functions;

/**
 * A dense real matrix stored row-major in one {@code double[]}: entry {@code (i, j)} is
 * {@code data[i * cols + j]}. The products {@link #multiply} ({@code A x}), {@link #multiplyTranspose}
 * ({@code Aᵀ y}) and the fused {@link #multiplyThenTranspose} ({@code y = A x}, {@code z = Aᵀ y} in one
 * pass over the data, the core of a least-squares gradient) are the library's hot kernels; they allocate
 * nothing. The matrix is immutable after construction: no method changes its entries.
 */
public final class DenseMatrix {

    private final int rows;
    private final int cols;
    private final double[] data;

    private DenseMatrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * A matrix over a copy of row-major {@code data}.
     *
     * @throws IllegalArgumentException if the sizes are not positive or {@code data.length != rows * cols}
     */
    public static DenseMatrix of(int rows, int cols, double[] data) {
        Functions.requireAtLeast("rows", rows, 1);
        Functions.requireAtLeast("cols", cols, 1);
        Functions.requireLength("data", data, Math.multiplyExact(rows, cols));
        return new DenseMatrix(rows, cols, data.clone());
    }

    /** A matrix over a copy of the rows of {@code a} (all rows of the same positive length). */
    public static DenseMatrix of(double[][] a) {
        Functions.requireNonNull("a", a);
        if (a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException("a must have at least one row and one column");
        }
        int r = a.length;
        int c = a[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (a[i] == null || a[i].length != c) {
                throw new IllegalArgumentException("a[" + i + "] has length " + (a[i] == null ? "null" : a[i].length)
                        + ", expected " + c);
            }
            System.arraycopy(a[i], 0, d, i * c, c);
        }
        return new DenseMatrix(r, c, d);
    }

    /** The {@code n × n} identity. */
    public static DenseMatrix identity(int n) {
        Functions.requireAtLeast("n", n, 1);
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return new DenseMatrix(n, n, d);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** @return entry {@code (i, j)}. */
    public double get(int i, int j) {
        return data[i * cols + j];
    }

    /** @return a copy of the row-major data. */
    public double[] toArray() {
        return data.clone();
    }

    /** @return a copy as an array of rows. */
    public double[][] toRows() {
        double[][] r = new double[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
        }
        return r;
    }

    /** @return the transpose, as a new matrix. */
    public DenseMatrix transpose() {
        double[] t = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = data[i * cols + j];
            }
        }
        return new DenseMatrix(cols, rows, t);
    }

    /** {@code out ← A x} ({@code x} of length cols, {@code out} of length rows, distinct arrays). */
    public void multiply(double[] x, double[] out) {
        MatrixKernels.multiply(data, rows, cols, x, out);
    }

    /** {@code out ← Aᵀ y} ({@code y} of length rows, {@code out} of length cols, distinct arrays). */
    public void multiplyTranspose(double[] y, double[] out) {
        MatrixKernels.multiplyTranspose(data, rows, cols, y, out);
    }

    /**
     * The fused pair {@code y ← A x}, {@code z ← Aᵀ y} in a single pass over the matrix (rows are read once,
     * so a matrix larger than the cache is streamed from memory once instead of twice).
     */
    public void multiplyThenTranspose(double[] x, double[] y, double[] z) {
        MatrixKernels.multiplyThenTranspose(data, rows, cols, x, y, z);
    }

    /** @return {@code AᵀA} as a new {@code cols × cols} matrix (the Gram matrix). */
    public DenseMatrix gram() {
        double[] g = new double[cols * cols];
        for (int i = 0; i < rows; i++) {
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                double aij = data[off + j];
                if (aij == 0) {
                    continue;
                }
                int gj = j * cols;
                for (int k = j; k < cols; k++) {
                    g[gj + k] += aij * data[off + k];
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < j; k++) {
                g[j * cols + k] = g[k * cols + j];
            }
        }
        return new DenseMatrix(cols, cols, g);
    }

    /** Package-private access to the backing array for the kernels and direct solvers (never exposed). */
    double[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + rows + " x " + cols + "]";
    }
}
