package org.tandemopt.core.linalg;

import java.util.Arrays;

/**
 * Matrix-vector kernels on row-major {@code double[]} data ({@code a[i * cols + j]} is entry {@code (i, j)}).
 * Public so that problem classes holding their own arrays can call them without wrapping. Every method
 * requires distinct input and output arrays and allocates nothing per call; the transpose kernels borrow a
 * per-thread scratch buffer (see below) that is allocated once per thread and grown when a wider matrix
 * arrives.
 *
 * <h2>Two code paths: scalar (default) and SIMD (opt-in)</h2>
 * <ul>
 *   <li><b>Scalar</b> (the default, and the code below): plain Java loops, described in the next section. It
 *       runs on every JVM.</li>
 *   <li><b>SIMD</b>: {@link #multiply}, {@link #multiplyTranspose} and {@link #multiplyThenTranspose}
 *       delegate to a package-private class written with the incubating Vector API
 *       ({@code jdk.incubator.vector}: fused multiply-adds on {@code DoubleVector.SPECIES_PREFERRED}, four
 *       rows per pass, scalar tails). It is used when, at class initialisation, the module
 *       {@code jdk.incubator.vector} is in the boot layer and the system property {@value #SIMD_PROPERTY}
 *       is not {@code "false"}. Enable it with {@code java --add-modules jdk.incubator.vector ...} (the JVM
 *       then prints a one-line warning that an incubator module is in use); disable it again, with the
 *       module present, by {@code -Dtandem.simd=false}. {@link #implementation()} tells which path runs.
 *       Without the module the SIMD class is never loaded.</li>
 * </ul>
 * What is faster with SIMD: above all {@code A x} (the dot products, which C2 on Java 17 compiles to
 * scalar code), and with it the pair and the fused kernel whenever the matrix is in cache (about 2 times
 * faster at 2000 × 500 on an AVX-512 machine, see docs/PERFORMANCE.md). For matrices streamed from memory
 * both paths are limited by memory bandwidth, and for very narrow rows (below one vector) by loop overhead.
 * {@link #rowDot} is scalar on both paths. The SIMD path relies on C2 to keep vectors in registers: until a
 * kernel is compiled by C2 (or under {@code -XX:TieredStopAtLevel=1}) every vector operation allocates and
 * the path is far slower than the scalar one; once compiled it allocates nothing per call.
 *
 * <p>The two paths sum in different orders (the SIMD path sums vector lanes and uses fused
 * multiply-adds), so their results differ in the last bits; each path on its own is deterministic (see
 * "Determinism").
 *
 * <h2>How the scalar kernels are organised (and why)</h2>
 * The scalar kernels are written for HotSpot C2 on Java 17 without the incubating Vector API. Two facts about C2
 * shape them (both checked by disassembling the compiled loops on an AVX-512 machine):
 * <ul>
 *   <li>C2 never vectorises a floating-point dot product usefully (a double sum must be kept in program
 *       order), so {@code A x} is scalar: {@link #multiply} takes eight rows at a time, each entry of
 *       {@code x} is loaded once per eight rows, and eight independent sums hide the add latency.</li>
 *   <li>C2 does vectorise an update {@code z[j] += y_i a[i, j]}, but only if it can prove that the store
 *       to {@code z} and the load from the matrix cannot overlap. With the row at an unknown offset
 *       {@code i * cols} inside {@code a}, it cannot (both are {@code double[]}, and {@code z} might be
 *       {@code a}), and the loop stays scalar. So {@code Aᵀ y} copies each row into a per-thread scratch
 *       row with {@link System#arraycopy} (itself a vectorised copy) and updates {@code z} from the scratch
 *       row, whose index equals {@code z}'s: that loop runs with full-width SIMD.</li>
 * </ul>
 * The fused {@link #multiplyThenTranspose} computes eight dot products from the rows, then copies the same
 * rows (still in L1/L2) to scratch two at a time and applies their updates to {@code z}, so the matrix is
 * read from memory once per pair instead of twice: for a matrix larger than the caches this halves the
 * memory traffic.
 *
 * <h2>Determinism</h2>
 * Results are a fixed function of the inputs and the code path (no threads, no timing-dependent choices).
 * On the scalar path every entry of
 * {@code A x} is the sum {@code (((a_i0 x_0) + a_i1 x_1) + ...)} in column order, whatever kernel computes
 * it; every entry of {@code Aᵀ y} accumulates rows in pairs, {@code z_j ← z_j + (y_i a_ij + y_{i+1} a_{i+1,j})},
 * in row order, with a last single row when the count is odd. So {@link #multiplyThenTranspose} returns
 * bit-for-bit the same {@code y} and {@code z} as {@link #multiply} followed by {@link #multiplyTranspose},
 * and C2's auto-vectorised update loops agree bit for bit with their scalar forms (SIMD lanes do the same
 * operations per entry). The scratch buffer holds no state between calls that could change a result.
 * On the SIMD path every entry of {@code A x} is summed in a fixed order that depends only on the column
 * count and the vector width (two vector accumulators over alternate chunks, their sum reduced in lane
 * order, then the tail columns by fused multiply-adds), and every entry of {@code Aᵀ y} is the chain
 * {@code z_j ← fma(a_ij, y_i, z_j)} over the rows in order; so there too {@link #multiplyThenTranspose}
 * returns bit for bit what the two calls return. Results can differ between machines with different
 * vector widths (for example AVX2 and AVX-512).
 *
 * <p>Thread safety: all methods are safe to call concurrently on distinct output arrays (each thread has
 * its own scratch rows).
 */
public final class MatrixKernels {

    /**
     * Narrowest rows for which the transpose kernels copy rows to scratch and use SIMD updates; narrower
     * rows are updated in place by scalar loops (the copy and the loop set-up would cost more than they
     * save: measured crossover between 24 and 32 columns on an AMD EPYC with AVX-512).
     */
    static final int SIMD_MIN_COLS = 32;

    /**
     * Widest rows for which scratch rows are kept per thread ({@code 2 × 65536 × 8} bytes = 1 MiB per
     * thread); wider matrices use the scalar loops, which are memory-bound at such widths anyway.
     */
    static final int SIMD_MAX_COLS = 1 << 16;

    /** Two scratch rows per thread, grown on demand, never shrunk. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);

    /** Name of the system property that disables the SIMD path when set to {@code "false"}. */
    public static final String SIMD_PROPERTY = "tandem.simd";

    /**
     * Whether {@link #multiply}, {@link #multiplyTranspose} and {@link #multiplyThenTranspose} delegate to
     * the Vector API kernels ({@code SimdKernels}). Decided once, when this class is initialised; the check
     * only asks the boot layer for the module, so {@code SimdKernels} (and {@code jdk.incubator.vector}) is
     * never loaded when this is false.
     */
    private static final boolean SIMD = simdWanted();

    private MatrixKernels() {
    }

    /**
     * @return {@code "simd"} followed by the lane count (for example {@code "simd (8 doubles per vector)"})
     *         when the Vector API path is active in this JVM, {@code "scalar"} otherwise
     */
    public static String implementation() {
        return SIMD ? "simd (" + SimdKernels.lanes() + " doubles per vector)" : "scalar";
    }

    /** @return whether the Vector API path is active in this JVM (see the class comment) */
    public static boolean simdEnabled() {
        return SIMD;
    }

    private static boolean simdWanted() {
        if ("false".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY, "true").trim())) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** {@code out[0..rows) ← A x}. */
    public static void multiply(double[] a, int rows, int cols, double[] x, double[] out) {
        if (SIMD) {
            SimdKernels.multiply(a, rows, cols, x, out);
            return;
        }
        int i = 0;
        for (; i + 7 < rows; i += 8) {
            dot8(a, i, cols, x, out);
        }
        if (i + 3 < rows) {
            dot4(a, i, cols, x, out);
            i += 4;
        }
        for (; i < rows; i++) {
            out[i] = dot1(a, i * cols, x, cols);
        }
    }

    /** {@code out[0..cols) ← Aᵀ y}. */
    public static void multiplyTranspose(double[] a, int rows, int cols, double[] y, double[] out) {
        if (SIMD) {
            SimdKernels.multiplyTranspose(a, rows, cols, y, out);
            return;
        }
        Arrays.fill(out, 0, cols, 0.0);
        if (cols < SIMD_MIN_COLS || cols > SIMD_MAX_COLS) {
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                update4InPlace(a, i * cols, cols, y[i], y[i + 1], y[i + 2], y[i + 3], out);
            }
            if (i + 1 < rows) {
                update2InPlace(a, i * cols, cols, y[i], y[i + 1], out);
                i += 2;
            }
            if (i < rows) {
                update1InPlace(a, i * cols, cols, y[i], out);
            }
            return;
        }
        double[][] s = scratch(cols);
        double[] r0 = s[0];
        double[] r1 = s[1];
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            int o = i * cols;
            System.arraycopy(a, o, r0, 0, cols);
            System.arraycopy(a, o + cols, r1, 0, cols);
            update2(r0, r1, cols, y[i], y[i + 1], out);
        }
        if (i < rows) {
            System.arraycopy(a, i * cols, r0, 0, cols);
            update1(r0, cols, y[i], out);
        }
    }

    /**
     * {@code y ← A x} then {@code z ← Aᵀ y}, reading each row from memory once. Returns exactly what
     * {@link #multiply} followed by {@link #multiplyTranspose} returns.
     */
    public static void multiplyThenTranspose(double[] a, int rows, int cols, double[] x, double[] y, double[] z) {
        if (SIMD) {
            SimdKernels.multiplyThenTranspose(a, rows, cols, x, y, z);
            return;
        }
        Arrays.fill(z, 0, cols, 0.0);
        if (cols < SIMD_MIN_COLS || cols > SIMD_MAX_COLS) {
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                dot4(a, i, cols, x, y);
                update4InPlace(a, i * cols, cols, y[i], y[i + 1], y[i + 2], y[i + 3], z);
            }
            for (; i + 1 < rows; i += 2) {
                int o = i * cols;
                y[i] = dot1(a, o, x, cols);
                y[i + 1] = dot1(a, o + cols, x, cols);
                update2InPlace(a, o, cols, y[i], y[i + 1], z);
            }
            if (i < rows) {
                int o = i * cols;
                y[i] = dot1(a, o, x, cols);
                update1InPlace(a, o, cols, y[i], z);
            }
            return;
        }
        double[][] s = scratch(cols);
        double[] r0 = s[0];
        double[] r1 = s[1];
        int i = 0;
        for (; i + 7 < rows; i += 8) {
            dot8(a, i, cols, x, y);
            for (int k = i; k < i + 8; k += 2) {
                int o = k * cols;
                System.arraycopy(a, o, r0, 0, cols);
                System.arraycopy(a, o + cols, r1, 0, cols);
                update2(r0, r1, cols, y[k], y[k + 1], z);
            }
        }
        for (; i + 3 < rows; i += 4) {
            dot4(a, i, cols, x, y);
            for (int k = i; k < i + 4; k += 2) {
                int o = k * cols;
                System.arraycopy(a, o, r0, 0, cols);
                System.arraycopy(a, o + cols, r1, 0, cols);
                update2(r0, r1, cols, y[k], y[k + 1], z);
            }
        }
        for (; i + 1 < rows; i += 2) {
            int o = i * cols;
            y[i] = dot1(a, o, x, cols);
            y[i + 1] = dot1(a, o + cols, x, cols);
            System.arraycopy(a, o, r0, 0, cols);
            System.arraycopy(a, o + cols, r1, 0, cols);
            update2(r0, r1, cols, y[i], y[i + 1], z);
        }
        if (i < rows) {
            int o = i * cols;
            y[i] = dot1(a, o, x, cols);
            System.arraycopy(a, o, r0, 0, cols);
            update1(r0, cols, y[i], z);
        }
    }

    /**
     * @return the dot product of row data {@code a[off .. off+n)} with {@code x[0..n)}, summed with four
     *         interleaved accumulators (so it may differ in the last bits from the row sums of
     *         {@link #multiply}, which are in column order)
     */
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

    // ---------------------------------------------------------------- dot products (scalar, column order)

    /** {@code out[i..i+8) ← rows i..i+7 of A times x}. */
    private static void dot8(double[] a, int i, int cols, double[] x, double[] out) {
        int o0 = i * cols;
        int o1 = o0 + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        int o4 = o3 + cols;
        int o5 = o4 + cols;
        int o6 = o5 + cols;
        int o7 = o6 + cols;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int j = 0; j < cols; j++) {
            double xj = x[j];
            s0 += a[o0 + j] * xj;
            s1 += a[o1 + j] * xj;
            s2 += a[o2 + j] * xj;
            s3 += a[o3 + j] * xj;
            s4 += a[o4 + j] * xj;
            s5 += a[o5 + j] * xj;
            s6 += a[o6 + j] * xj;
            s7 += a[o7 + j] * xj;
        }
        out[i] = s0;
        out[i + 1] = s1;
        out[i + 2] = s2;
        out[i + 3] = s3;
        out[i + 4] = s4;
        out[i + 5] = s5;
        out[i + 6] = s6;
        out[i + 7] = s7;
    }

    /** {@code out[i..i+4) ← rows i..i+3 of A times x}. */
    private static void dot4(double[] a, int i, int cols, double[] x, double[] out) {
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

    /** @return {@code Σ_j a[off + j] x[j]} in column order. */
    private static double dot1(double[] a, int off, double[] x, int cols) {
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += a[off + j] * x[j];
        }
        return s;
    }

    // ---------------------------------------------------------------- row updates of z

    /** {@code z[j] += y0 r0[j] + y1 r1[j]}: same index everywhere, so C2 emits SIMD code. */
    private static void update2(double[] r0, double[] r1, int cols, double y0, double y1, double[] z) {
        for (int j = 0; j < cols; j++) {
            z[j] += y0 * r0[j] + y1 * r1[j];
        }
    }

    /** {@code z[j] += y0 r0[j]} (SIMD). */
    private static void update1(double[] r0, int cols, double y0, double[] z) {
        for (int j = 0; j < cols; j++) {
            z[j] += y0 * r0[j];
        }
    }

    /** The same arithmetic as {@link #update2} reading the rows at {@code a[o ..]} and {@code a[o+cols ..]}. */
    private static void update2InPlace(double[] a, int o, int cols, double y0, double y1, double[] z) {
        int o1 = o + cols;
        for (int j = 0; j < cols; j++) {
            z[j] += y0 * a[o + j] + y1 * a[o1 + j];
        }
    }

    /**
     * Two {@link #update2InPlace} steps (rows {@code o, o+cols} then {@code o+2cols, o+3cols}) fused into one
     * pass over {@code z}, with exactly their arithmetic: {@code z_j ← (z_j + (y0 a0j + y1 a1j)) + (y2 a2j + y3 a3j)}.
     */
    private static void update4InPlace(double[] a, int o, int cols, double y0, double y1, double y2, double y3,
            double[] z) {
        int o1 = o + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        for (int j = 0; j < cols; j++) {
            double t = z[j] + (y0 * a[o + j] + y1 * a[o1 + j]);
            z[j] = t + (y2 * a[o2 + j] + y3 * a[o3 + j]);
        }
    }

    /** The same arithmetic as {@link #update1} reading the row at {@code a[o ..]}. */
    private static void update1InPlace(double[] a, int o, int cols, double y0, double[] z) {
        for (int j = 0; j < cols; j++) {
            z[j] += y0 * a[o + j];
        }
    }

    /** @return this thread's two scratch rows, each of length at least {@code cols}. */
    private static double[][] scratch(int cols) {
        double[][] s = SCRATCH.get();
        if (s[0].length < cols) {
            int len = Math.max(cols, Math.min(SIMD_MAX_COLS, 2 * s[0].length));
            for (int k = 0; k < 2; k++) {
                s[k] = new double[len];
            }
        }
        return s;
    }
}
