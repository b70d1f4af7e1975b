package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel variant of {@link MatrixKernels} against a naive double loop. The shapes cover every
 * remainder path: rows 1..13 hit the 8-row, 4-row and single-row blocks of {@code A x} and the 4-row, pair
 * and single-row blocks of the transpose and fused kernels; cols 1..13 and 16..31 use the scalar in-place
 * updates, cols 32..40 the scratch/SIMD updates (with several SIMD tail lengths), and a few large shapes
 * cover long rows, many rows and rows wider than {@link MatrixKernels#SIMD_MAX_COLS}.
 *
 * <p>Accuracy: each entry is compared with the naive sum to {@code 1e-12} relative to
 * {@code Σ_j |a_ij x_j|} (the scale of the rounding error of any summation order; a plain relative error is
 * meaningless when the entries cancel). The documented summation order is also checked exactly: {@code A x}
 * bit for bit equal to the naive column-order sum, and the fused kernel bit for bit equal to the two calls.
 */
class MatrixKernelsVariantsTest {

    static final double REL = 1e-12;

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        for (int r = 1; r <= 13; r++) {
            for (int c = 1; c <= 13; c++) {
                list.add(Arguments.of(r, c));
            }
            for (int c = 16; c <= 40; c++) {
                list.add(Arguments.of(r, c));
            }
        }
        int[][] large = {{442, 10}, {37, 1000}, {203, 517}, {1031, 64}, {3, MatrixKernels.SIMD_MAX_COLS + 5},
            {17, 4099}, {1, 100_000}};
        for (int[] s : large) {
            list.add(Arguments.of(s[0], s[1]));
        }
        return list.stream();
    }

    static double[] random(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = rnd.nextDouble(-1, 1);
        }
        return v;
    }

    static long seed(int rows, int cols) {
        return 1_000_003L * rows + cols;
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void multiplyMatchesNaiveLoop(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(seed(rows, cols));
        double[] a = random(rnd, rows * cols);
        double[] x = random(rnd, cols);
        double[] out = new double[rows];
        MatrixKernels.multiply(a, rows, cols, x, out);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            double scale = 0;
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];
                scale += Math.abs(a[i * cols + j] * x[j]);
            }
            assertEquals(s, out[i], REL * scale, "row " + i);
            // the documented order: column order, so exactly the naive sum
            assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(out[i]), "row " + i + " bits");
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void multiplyTransposeMatchesNaiveLoop(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(seed(rows, cols) + 7);
        double[] a = random(rnd, rows * cols);
        double[] y = random(rnd, rows);
        double[] out = random(rnd, cols); // garbage in the output must be overwritten
        MatrixKernels.multiplyTranspose(a, rows, cols, y, out);
        double[] z = new double[cols];
        double[] scale = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                z[j] += a[i * cols + j] * y[i];
                scale[j] += Math.abs(a[i * cols + j] * y[i]);
            }
        }
        for (int j = 0; j < cols; j++) {
            assertEquals(z[j], out[j], REL * scale[j], "col " + j);
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void fusedMatchesNaiveLoopAndTheTwoCalls(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(seed(rows, cols) + 13);
        double[] a = random(rnd, rows * cols);
        double[] x = random(rnd, cols);
        double[] y = random(rnd, rows);
        double[] z = random(rnd, cols);
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y, z);

        // naive y = A x, then naive z = Aᵀ y (using the kernel's y, so the check isolates the second half)
        for (int i = 0; i < rows; i++) {
            double s = 0;
            double sc = 0;
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];
                sc += Math.abs(a[i * cols + j] * x[j]);
            }
            assertEquals(s, y[i], REL * sc, "y row " + i);
        }
        double[] zn = new double[cols];
        double[] scale = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                zn[j] += a[i * cols + j] * y[i];
                scale[j] += Math.abs(a[i * cols + j] * y[i]);
            }
        }
        for (int j = 0; j < cols; j++) {
            assertEquals(zn[j], z[j], REL * scale[j], "z col " + j);
        }

        // bit for bit the same as the two separate calls
        double[] y2 = new double[rows];
        double[] z2 = new double[cols];
        MatrixKernels.multiply(a, rows, cols, x, y2);
        MatrixKernels.multiplyTranspose(a, rows, cols, y2, z2);
        assertArrayEquals(y2, y, 0.0);
        assertArrayEquals(z2, z, 0.0);
    }

    @Test
    void resultsDoNotDependOnScratchHistoryOrThread() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        int rows = 9;
        int cols = 33;
        double[] a = random(rnd, rows * cols);
        double[] x = random(rnd, cols);
        double[] y = new double[rows];
        double[] z = new double[cols];
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y, z);

        // a wider call grows this thread's scratch and leaves other data in it
        double[] wide = random(rnd, 5 * 2000);
        MatrixKernels.multiplyTranspose(wide, 5, 2000, random(rnd, 5), new double[2000]);
        double[] y2 = new double[rows];
        double[] z2 = new double[cols];
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y2, z2);
        assertArrayEquals(y, y2, 0.0);
        assertArrayEquals(z, z2, 0.0);

        // another thread (fresh scratch) computes the same bits
        double[] y3 = new double[rows];
        double[] z3 = new double[cols];
        Thread t = new Thread(() -> MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y3, z3));
        t.start();
        t.join();
        assertArrayEquals(y, y3, 0.0);
        assertArrayEquals(z, z3, 0.0);
    }

    @Test
    void kernelsAllocateNothingOnceTheThreadHasItsScratchRows() {
        SplittableRandom rnd = new SplittableRandom(3);
        int rows = 50;
        int cols = 300; // SIMD path, uses the scratch rows
        double[] a = random(rnd, rows * cols);
        double[] x = random(rnd, cols);
        double[] y = new double[rows];
        double[] z = new double[cols];
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long bytes = -1;
        for (int warm = 0; warm < 20; warm++) { // the first call allocates the scratch rows; let the JIT settle
            long before = bean.getThreadAllocatedBytes(id);
            for (int k = 0; k < 100; k++) {
                MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y, z);
                MatrixKernels.multiply(a, rows, cols, x, y);
                MatrixKernels.multiplyTranspose(a, rows, cols, y, z);
            }
            bytes = bean.getThreadAllocatedBytes(id) - before;
        }
        assertEquals(0L, bytes, "bytes allocated by 300 kernel calls");
    }

    @Test
    void transposeOfKnownMatrix() {
        // A = [[1, 2], [3, 4], [5, 6]]: A x for x = (1, -1) is (-1, -1, -1); Aᵀ (1, 1, 1) = (9, 12)
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] y = new double[3];
        double[] z = new double[2];
        MatrixKernels.multiplyThenTranspose(a, 3, 2, new double[] {1, -1}, y, z);
        assertArrayEquals(new double[] {-1, -1, -1}, y, 0.0);
        assertArrayEquals(new double[] {-9, -12}, z, 0.0);
        MatrixKernels.multiplyTranspose(a, 3, 2, new double[] {1, 1, 1}, z);
        assertArrayEquals(new double[] {9, 12}, z, 0.0);
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("rowDotLengths")
    void rowDotMatchesNaiveSum(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        double[] a = random(rnd, n + 5);
        double[] x = random(rnd, n);
        double s = 0;
        double scale = 0;
        for (int j = 0; j < n; j++) {
            s += a[5 + j] * x[j];
            scale += Math.abs(a[5 + j] * x[j]);
        }
        double got = MatrixKernels.rowDot(a, 5, x, n);
        double expected = s;
        assertTrue(Math.abs(got - expected) <= REL * scale, () -> "rowDot " + got + " vs " + expected);
    }

    static Stream<Integer> rowDotLengths() {
        return Stream.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 100, 1001);
    }

    @Test
    void denseMatrixDelegatesToTheKernels() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] data = random(rnd, 11 * 23);
        DenseMatrix m = DenseMatrix.of(11, 23, data);
        double[] x = random(rnd, 23);
        double[] y = new double[11];
        double[] z = new double[23];
        m.multiplyThenTranspose(x, y, z);
        double[] y2 = new double[11];
        double[] z2 = new double[23];
        m.multiply(x, y2);
        m.multiplyTranspose(y2, z2);
        assertArrayEquals(y2, y, 0.0);
        assertArrayEquals(z2, z, 0.0);
        double[] z3 = new double[23];
        m.transpose().multiply(y2, z3);
        for (int j = 0; j < 23; j++) {
            assertEquals(z2[j], z3[j], 1e-13);
        }
    }
}
