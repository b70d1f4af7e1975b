package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MatrixKernels} and {@link DenseMatrix} against naive loops, on every shape up to 13 × 13 (so every
 * remainder of the 4-row and 2-row unrolling) and some larger ones: exact on small-integer data (every partial
 * sum is an integer below 2^53), within {@code 2 cols ε Σ|a_ij x_j|} on Gaussian data.
 */
class MatrixKernelsTest {

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        for (int rows = 1; rows <= 13; rows++) {
            for (int cols = 1; cols <= 13; cols++) {
                list.add(Arguments.of(rows, cols));
            }
        }
        for (int[] s : new int[][] {{37, 41}, {64, 3}, {3, 64}, {100, 97}, {1, 257}, {255, 1}}) {
            list.add(Arguments.of(s[0], s[1]));
        }
        return list.stream();
    }

    static double[] integers(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(-9, 10);
        }
        return v;
    }

    static double[] naiveMultiply(double[] a, int rows, int cols, double[] x) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i] += a[i * cols + j] * x[j];
            }
        }
        return out;
    }

    static double[] naiveMultiplyTranspose(double[] a, int rows, int cols, double[] y) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[j] += a[i * cols + j] * y[i];
            }
        }
        return out;
    }

    /** Output arrays two longer than needed, filled with garbage: kernels overwrite exactly their range. */
    static double[] garbage(int n) {
        double[] v = new double[n + 2];
        Arrays.fill(v, 7.25);
        return v;
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void integerDataIsExact(int rows, int cols) {
        SplittableRandom rng = new SplittableRandom(rows * 1000L + cols);
        double[] a = integers(rows * cols, rng);
        double[] x = integers(cols, rng);
        double[] y = integers(rows, rng);

        double[] ax = garbage(rows);
        MatrixKernels.multiply(a, rows, cols, x, ax);
        assertArrayEquals(naiveMultiply(a, rows, cols, x), Arrays.copyOf(ax, rows), 0.0);
        assertEquals(7.25, ax[rows]);
        assertEquals(7.25, ax[rows + 1]);

        double[] aty = garbage(cols);
        MatrixKernels.multiplyTranspose(a, rows, cols, y, aty);
        assertArrayEquals(naiveMultiplyTranspose(a, rows, cols, y), Arrays.copyOf(aty, cols), 0.0);
        assertEquals(7.25, aty[cols]);

        double[] yy = garbage(rows);
        double[] z = garbage(cols);
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, yy, z);
        double[] expectedY = naiveMultiply(a, rows, cols, x);
        assertArrayEquals(expectedY, Arrays.copyOf(yy, rows), 0.0);
        assertArrayEquals(naiveMultiplyTranspose(a, rows, cols, expectedY), Arrays.copyOf(z, cols), 0.0);
        assertEquals(7.25, yy[rows]);
        assertEquals(7.25, z[cols]);

        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];
            }
            assertEquals(s, MatrixKernels.rowDot(a, i * cols, x, cols), 0.0);
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void realDataIsAccurateToRounding(int rows, int cols) {
        SplittableRandom rng = new SplittableRandom(rows * 7919L + cols);
        double[] a = TestSystems.gaussian(rows * cols, rng);
        double[] x = TestSystems.gaussian(cols, rng);
        double[] y = TestSystems.gaussian(rows, rng);
        double eps = Math.ulp(1.0);

        double[] ax = new double[rows];
        MatrixKernels.multiply(a, rows, cols, x, ax);
        double[] expected = naiveMultiply(a, rows, cols, x);
        for (int i = 0; i < rows; i++) {
            double abs = 0;
            for (int j = 0; j < cols; j++) {
                abs += Math.abs(a[i * cols + j] * x[j]);
            }
            assertEquals(expected[i], ax[i], 2 * cols * eps * abs, "row " + i);
        }
        double[] aty = new double[cols];
        MatrixKernels.multiplyTranspose(a, rows, cols, y, aty);
        double[] expectedT = naiveMultiplyTranspose(a, rows, cols, y);
        double[] z = new double[cols];
        double[] yy = new double[rows];
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, yy, z);
        double[] expectedZ = naiveMultiplyTranspose(a, rows, cols, expected);
        for (int j = 0; j < cols; j++) {
            double abs = 0;
            double absZ = 0;
            for (int i = 0; i < rows; i++) {
                abs += Math.abs(a[i * cols + j] * y[i]);
                absZ += Math.abs(a[i * cols + j] * expected[i]);
            }
            assertEquals(expectedT[j], aty[j], 2 * rows * eps * abs, "col " + j);
            // z uses the kernel's y, itself within rounding of the naive y
            assertEquals(expectedZ[j], z[j], 2 * (rows + cols) * eps * absZ + 1e-12 * absZ, "col " + j);
        }
        assertArrayEquals(ax, yy, 2 * cols * eps * Arrays.stream(a).map(Math::abs).sum());
    }

    @Test
    void denseMatrixBasics() {
        DenseMatrix m = DenseMatrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        assertEquals(6.0, m.get(1, 2));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toArray(), 0.0);
        double[] copy = m.toArray();
        copy[0] = 99;
        assertEquals(1.0, m.get(0, 0), "toArray is a copy");
        double[][] rows = m.toRows();
        assertArrayEquals(new double[] {4, 5, 6}, rows[1], 0.0);
        DenseMatrix t = m.transpose();
        assertEquals(3, t.rows());
        assertEquals(5.0, t.get(1, 1));
        assertEquals(4.0, t.get(0, 1));
        // gram AᵀA = [[17, 22, 27], [22, 29, 36], [27, 36, 45]]
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, m.gram().toArray(), 0.0);
        double[] out = new double[2];
        m.multiply(new double[] {1, 0, -1}, out);
        assertArrayEquals(new double[] {-2, -2}, out, 0.0);
        double[] outT = new double[3];
        m.multiplyTranspose(new double[] {1, 1}, outT);
        assertArrayEquals(new double[] {5, 7, 9}, outT, 0.0);
        double[] y = new double[2];
        double[] z = new double[3];
        m.multiplyThenTranspose(new double[] {1, 1, 1}, y, z);
        assertArrayEquals(new double[] {6, 15}, y, 0.0);
        assertArrayEquals(new double[] {66, 87, 108}, z, 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, DenseMatrix.identity(3).toArray(), 0.0);
        double[] data = {1, 2, 3, 4};
        DenseMatrix d = DenseMatrix.of(2, 2, data);
        data[0] = 100;
        assertEquals(1.0, d.get(0, 0), "of(...) copies its data");
        assertNotSame(d.toArray(), d.toArray());
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void gramMatchesNaive(int rows, int cols) {
        SplittableRandom rng = new SplittableRandom(rows + 31L * cols);
        double[] a = integers(rows * cols, rng);
        double[] g = DenseMatrix.of(rows, cols, a).gram().toArray();
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < cols; k++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += a[i * cols + j] * a[i * cols + k];
                }
                assertEquals(s, g[j * cols + k], 0.0);
            }
        }
    }

    @Test
    void denseMatrixRejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.of(0, 2, new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseMatrix.of(2, 2, new double[3]));
        assertEquals("data has length 3, expected 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DenseMatrix.of(new double[][] {{1, 2}, {3}}));
        assertEquals("a[1] has length 1, expected 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.of(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.identity(0));
    }
}
