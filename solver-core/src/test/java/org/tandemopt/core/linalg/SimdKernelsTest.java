package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD path of {@link MatrixKernels} ({@link SimdKernels}). Runs only in the surefire execution
 * {@code simd} of solver-core/pom.xml, whose JVM has {@code --add-modules jdk.incubator.vector}; the default
 * execution excludes it (by name and by the tag {@code simd}). Asserts that the dispatcher chose SIMD in this JVM, and on every shape with rows and
 * columns in 1..13 and 16..40 (every tail of the 4-row blocks and of 4- and 8-lane vectors with one or two
 * accumulators) and a few large ones: {@code A x} and {@code Aᵀ y} within {@code 1e-12 Σ|a_ij x_j|} of naive
 * loops, the fused kernel bit for bit equal to the pair, and exact results on small-integer data.
 */
@Tag("simd")
class SimdKernelsTest {

    static Stream<Arguments> shapes() {
        List<Integer> sizes = new ArrayList<>();
        for (int k = 1; k <= 13; k++) {
            sizes.add(k);
        }
        for (int k = 16; k <= 40; k++) {
            sizes.add(k);
        }
        List<Arguments> list = new ArrayList<>();
        for (int rows : sizes) {
            for (int cols : sizes) {
                list.add(Arguments.of(rows, cols));
            }
        }
        for (int[] s : new int[][] {{2000, 500}, {257, 1031}, {3, 4099}, {1031, 7}, {442, 10}, {101, 129}}) {
            list.add(Arguments.of(s[0], s[1]));
        }
        return list.stream();
    }

    @Test
    void dispatcherChoseSimdInThisJvm() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test class must run in a JVM with --add-modules jdk.incubator.vector");
        assertTrue(MatrixKernels.simdEnabled());
        assertEquals("simd (" + SimdKernels.lanes() + " doubles per vector)", MatrixKernels.implementation());
        assertEquals(DoubleVectorLanes.preferred(), SimdKernels.lanes());
        assertTrue(SimdKernels.lanes() >= 2, "lanes: " + SimdKernels.lanes());
    }

    /** The SIMD result differs from the scalar path's in the last bits here, and MatrixKernels returns it. */
    @Test
    void matrixKernelsReturnsTheSimdBits() {
        int rows = 64;
        int cols = 301;
        SplittableRandom rng = new SplittableRandom(7);
        double[] a = gaussian(rows * cols, rng);
        double[] x = gaussian(cols, rng);
        double[] y = new double[rows];
        MatrixKernels.multiply(a, rows, cols, x, y);
        double[] ySimd = new double[rows];
        SimdKernels.multiply(a, rows, cols, x, ySimd);
        assertArrayEquals(ySimd, y, 0.0);
        int differ = 0;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];   // the scalar path's order: column order, no fma
            }
            if (s != y[i]) {
                differ++;
            }
        }
        assertTrue(differ > 0, "SIMD sums equal the column-order sums in every row: is SIMD really running?");
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void gaussianDataWithinRoundingOfNaiveLoops(int rows, int cols) {
        SplittableRandom rng = new SplittableRandom(1000L * rows + cols);
        double[] a = gaussian(rows * cols, rng);
        double[] x = gaussian(cols, rng);
        double[] y = filled(rows, Double.NaN);
        double[] z = filled(cols, Double.NaN);
        MatrixKernels.multiply(a, rows, cols, x, y);
        MatrixKernels.multiplyTranspose(a, rows, cols, y, z);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            double abs = 0;
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];
                abs += Math.abs(a[i * cols + j] * x[j]);
            }
            assertEquals(s, y[i], 1e-12 * abs, "y[" + i + "]");
        }
        for (int j = 0; j < cols; j++) {
            double s = 0;
            double abs = 0;
            for (int i = 0; i < rows; i++) {
                s += a[i * cols + j] * y[i];
                abs += Math.abs(a[i * cols + j] * y[i]);
            }
            assertEquals(s, z[j], 1e-12 * abs, "z[" + j + "]");
        }
        double[] yf = filled(rows, Double.NaN);
        double[] zf = filled(cols, Double.NaN);
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, yf, zf);
        assertArrayEquals(y, yf, 0.0, "fused y bit for bit");
        assertArrayEquals(z, zf, 0.0, "fused z bit for bit");
        // the package-private class called directly gives the same bits (MatrixKernels adds nothing)
        double[] yd = new double[rows];
        double[] zd = new double[cols];
        SimdKernels.multiplyThenTranspose(a, rows, cols, x, yd, zd);
        assertArrayEquals(y, yd, 0.0);
        assertArrayEquals(z, zd, 0.0);
    }

    /**
     * The documented arithmetic, bit for bit: each {@code y_i} is two lane-wise fma accumulators over
     * alternate chunks of {@code L} columns, added, summed in lane order, then the tail by {@code Math.fma};
     * each {@code z_j} is the row-order chain {@code fma(a_ij, y_i, z_j)} from 0. Checked on every shape, so
     * both before and after C2 compiles the kernels (determinism across interpreter and JIT).
     */
    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void documentedArithmeticBitForBit(int rows, int cols) {
        int lanes = SimdKernels.lanes();
        SplittableRandom rng = new SplittableRandom(77L * rows + cols);
        double[] a = gaussian(rows * cols, rng);
        double[] x = gaussian(cols, rng);
        double[] y = new double[rows];
        double[] z = new double[cols];
        MatrixKernels.multiply(a, rows, cols, x, y);
        MatrixKernels.multiplyTranspose(a, rows, cols, y, z);
        int m = cols - cols % lanes;
        for (int i = 0; i < rows; i++) {
            int off = i * cols;
            double[] p = new double[lanes];
            double[] q = new double[lanes];
            int j = 0;
            for (; j + 2 * lanes <= m; j += 2 * lanes) {
                for (int l = 0; l < lanes; l++) {
                    p[l] = Math.fma(a[off + j + l], x[j + l], p[l]);
                    q[l] = Math.fma(a[off + j + lanes + l], x[j + lanes + l], q[l]);
                }
            }
            if (j < m) {
                for (int l = 0; l < lanes; l++) {
                    p[l] = Math.fma(a[off + j + l], x[j + l], p[l]);
                }
            }
            double s = 0;
            for (int l = 0; l < lanes; l++) {
                s += p[l] + q[l];
            }
            for (j = m; j < cols; j++) {
                s = Math.fma(a[off + j], x[j], s);
            }
            assertEquals(s, y[i], 0.0, "y[" + i + "]");
        }
        for (int j = 0; j < cols; j++) {
            double t = 0;
            for (int i = 0; i < rows; i++) {
                t = Math.fma(a[i * cols + j], y[i], t);
            }
            assertEquals(t, z[j], 0.0, "z[" + j + "]");
        }
    }

    /** Small integers: every product and partial sum is an integer below 2^53, so every order is exact. */
    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    void integerDataExact(int rows, int cols) {
        SplittableRandom rng = new SplittableRandom(31L * rows + cols);
        double[] a = integers(rows * cols, rng);
        double[] x = integers(cols, rng);
        double[] yIn = integers(rows, rng);
        double[] y = filled(rows, Double.NaN);
        double[] z = filled(cols, Double.NaN);
        MatrixKernels.multiply(a, rows, cols, x, y);
        MatrixKernels.multiplyTranspose(a, rows, cols, yIn, z);
        double[] yNaive = new double[rows];
        double[] zNaive = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                yNaive[i] += a[i * cols + j] * x[j];
                zNaive[j] += a[i * cols + j] * yIn[i];
            }
        }
        assertArrayEquals(yNaive, y, 0.0);
        assertArrayEquals(zNaive, z, 0.0);
        double[] zf = new double[cols];
        double[] yf = new double[rows];
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, yf, zf);
        double[] zPair = new double[cols];
        MatrixKernels.multiplyTranspose(a, rows, cols, yNaive, zPair);
        assertArrayEquals(yNaive, yf, 0.0);
        assertArrayEquals(zPair, zf, 0.0);
    }

    /**
     * Once compiled, the SIMD kernels allocate nothing per call (C2 keeps the vectors in registers): some
     * window of 1000 calls of each kernel, after warm-up, allocates less than 1 KiB on this thread in total.
     */
    @Test
    void noAllocationPerCallOnceCompiled() {
        int rows = 37;
        int cols = 45;
        SplittableRandom rng = new SplittableRandom(11);
        double[] a = gaussian(rows * cols, rng);
        double[] x = gaussian(cols, rng);
        double[] y = new double[rows];
        double[] z = new double[cols];
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 40 && best >= 1024; round++) {
            for (int k = 0; k < 2000; k++) {
                MatrixKernels.multiply(a, rows, cols, x, y);
                MatrixKernels.multiplyTranspose(a, rows, cols, y, z);
                MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y, z);
            }
            long before = bean.getThreadAllocatedBytes(id);
            for (int k = 0; k < 1000; k++) {
                MatrixKernels.multiply(a, rows, cols, x, y);
                MatrixKernels.multiplyTranspose(a, rows, cols, y, z);
                MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y, z);
            }
            best = Math.min(best, bean.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(best < 1024, "bytes allocated by 3000 kernel calls after warm-up: " + best);
    }

    /** Columns beyond {@code cols} and rows beyond {@code rows} of the outputs are left alone. */
    @Test
    void writesOnlyItsOutputRange() {
        int rows = 9;
        int cols = 19;
        SplittableRandom rng = new SplittableRandom(5);
        double[] a = gaussian(rows * cols, rng);
        double[] x = gaussian(cols, rng);
        double[] y = filled(rows + 3, -7.0);
        double[] z = filled(cols + 3, -7.0);
        MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y, z);
        assertArrayEquals(new double[] {-7, -7, -7}, Arrays.copyOfRange(y, rows, rows + 3), 0.0);
        assertArrayEquals(new double[] {-7, -7, -7}, Arrays.copyOfRange(z, cols, cols + 3), 0.0);
    }

    private static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller from the seeded generator
            v[i] = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return v;
    }

    private static double[] integers(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(-9, 10);
        }
        return v;
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }

    /** Reads the preferred species in the test itself, independently of SimdKernels' constant. */
    private static final class DoubleVectorLanes {
        static int preferred() {
            return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        }
    }

    /**
     * The SIMD path is safe from many threads: 8 threads, released together, each running the fused kernel on
     * one shared 300 × 200 matrix with seeded vectors (the kernels keep their scratch per thread), reproduce the
     * sequential results bit for bit.
     */
    @Test
    void eightThreadsOnOneSharedMatrixReproduceTheSequentialBits() throws Exception {
        int rows = 300;
        int cols = 200;
        double[] a = new SplittableRandom(99).doubles((long) rows * cols, -1, 1).toArray();
        int tasks = 16;
        double[][] expected = new double[tasks][];
        for (int t = 0; t < tasks; t++) {
            expected[t] = fused(a, rows, cols, t);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<double[][]>> futures = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int offset = thread;
                futures.add(pool.submit(() -> {
                    go.await();
                    double[][] out = new double[tasks][];
                    for (int k = 0; k < tasks; k++) {
                        int t = (k + offset) % tasks;
                        out[t] = fused(a, rows, cols, t);
                    }
                    return out;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<double[][]> f : futures) {
                double[][] got = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                for (int t = 0; t < tasks; t++) {
                    assertArrayEquals(expected[t], got[t], 0.0, "task " + t);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(MatrixKernels.simdEnabled());
    }

    /** z = Aᵀ(A x) for the seeded x of task t, repeated 20 times so threads overlap. */
    private static double[] fused(double[] a, int rows, int cols, int t) {
        double[] x = new SplittableRandom(1000 + t).doubles(cols, -1, 1).toArray();
        double[] y = new double[rows];
        double[] z = new double[cols];
        for (int rep = 0; rep < 20; rep++) {
            MatrixKernels.multiplyThenTranspose(a, rows, cols, x, y, z);
            double n = 0;
            for (double v : z) {
                n = Math.max(n, Math.abs(v));
            }
            for (int j = 0; j < cols; j++) {
                x[j] = z[j] / n;
            }
        }
        return z;
    }
}
