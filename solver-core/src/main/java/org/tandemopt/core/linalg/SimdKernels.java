package org.tandemopt.core.linalg;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD code path of {@link MatrixKernels}, written with the incubating Vector API
 * ({@code jdk.incubator.vector}, JEP 338/414). Loaded only by {@link MatrixKernels} and only when that
 * module is in the boot layer: touching this class without it throws {@link NoClassDefFoundError}.
 *
 * <h2>Arithmetic (fixed, so results are deterministic)</h2>
 * With {@code L} lanes ({@link DoubleVector#SPECIES_PREFERRED}: 8 with AVX-512, 4 with AVX2) and
 * {@code m = L ⌊p / L⌋} (the vector part of a row of {@code p} columns):
 * <ul>
 *   <li><b>Dot products</b> ({@code A x}): two vector accumulators take the chunks
 *       {@code [j, j+L)} alternately ({@code acc0} the even chunks, {@code acc1} the odd ones), each chunk by one
 *       fused multiply-add; then {@code s = Σ_lanes (acc0 + acc1)} in lane order, then the tail columns
 *       {@code m..p-1} are added by {@code s ← fma(a_ij, x_j, s)} in column order. Every row gets exactly this
 *       sequence whether it is computed in a block of four rows or alone.</li>
 *   <li><b>Transposed products</b> ({@code Aᵀ y}): every entry is the chain
 *       {@code z_j ← fma(a_ij, y_i, z_j)} over the rows in order, starting from 0 (vector lanes for
 *       {@code j < m}, {@link Math#fma} for the tail), whatever the blocking of the rows.</li>
 * </ul>
 * Hence {@link #multiplyThenTranspose} returns bit for bit what {@link #multiply} followed by
 * {@link #multiplyTranspose} returns. The results differ from the scalar path of {@link MatrixKernels} in the
 * last bits (another summation order, and fused multiply-adds).
 *
 * <h2>Speed</h2>
 * {@code A x} takes four rows per pass, so each chunk of {@code x} is loaded once per four rows and eight
 * independent fma chains (four rows × two accumulators) hide the fma latency. {@code Aᵀ y} takes four rows
 * per pass over {@code z}, so {@code z} is loaded and stored once per four rows. The fused kernel computes
 * four entries of {@code y}, then applies the same four rows (now in L1) to {@code z}: the matrix is read
 * from memory once per pair. Nothing is allocated per call.
 */
final class SimdKernels {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    private SimdKernels() {
    }

    /** @return the number of double lanes per vector. */
    static int lanes() {
        return L;
    }

    /** {@code out[0..rows) ← A x}. */
    static void multiply(double[] a, int rows, int cols, double[] x, double[] out) {
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            dot4(a, i, cols, x, out);
        }
        for (; i < rows; i++) {
            out[i] = dot1(a, i * cols, x, cols);
        }
    }

    /** {@code out[0..cols) ← Aᵀ y}. */
    static void multiplyTranspose(double[] a, int rows, int cols, double[] y, double[] out) {
        Arrays.fill(out, 0, cols, 0.0);
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            update4(a, i * cols, cols, y[i], y[i + 1], y[i + 2], y[i + 3], out);
        }
        for (; i < rows; i++) {
            update1(a, i * cols, cols, y[i], out);
        }
    }

    /** {@code y ← A x} then {@code z ← Aᵀ y}, four rows at a time, each row read from memory once. */
    static void multiplyThenTranspose(double[] a, int rows, int cols, double[] x, double[] y, double[] z) {
        Arrays.fill(z, 0, cols, 0.0);
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            dot4(a, i, cols, x, y);
            update4(a, i * cols, cols, y[i], y[i + 1], y[i + 2], y[i + 3], z);
        }
        for (; i < rows; i++) {
            int o = i * cols;
            y[i] = dot1(a, o, x, cols);
            update1(a, o, cols, y[i], z);
        }
    }

    // ---------------------------------------------------------------- dot products

    /** {@code out[i..i+4) ← rows i..i+3 of A times x}, each row with the arithmetic of {@link #dot1}. */
    private static void dot4(double[] a, int i, int cols, double[] x, double[] out) {
        int o0 = i * cols;
        int o1 = o0 + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        DoubleVector p0 = DoubleVector.zero(SPECIES);
        DoubleVector q0 = p0;
        DoubleVector p1 = p0;
        DoubleVector q1 = p0;
        DoubleVector p2 = p0;
        DoubleVector q2 = p0;
        DoubleVector p3 = p0;
        DoubleVector q3 = p0;
        int m = cols - cols % L;
        int j = 0;
        for (; j + 2 * L <= m; j += 2 * L) {
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x, j);
            DoubleVector xb = DoubleVector.fromArray(SPECIES, x, j + L);
            p0 = DoubleVector.fromArray(SPECIES, a, o0 + j).fma(xa, p0);
            q0 = DoubleVector.fromArray(SPECIES, a, o0 + j + L).fma(xb, q0);
            p1 = DoubleVector.fromArray(SPECIES, a, o1 + j).fma(xa, p1);
            q1 = DoubleVector.fromArray(SPECIES, a, o1 + j + L).fma(xb, q1);
            p2 = DoubleVector.fromArray(SPECIES, a, o2 + j).fma(xa, p2);
            q2 = DoubleVector.fromArray(SPECIES, a, o2 + j + L).fma(xb, q2);
            p3 = DoubleVector.fromArray(SPECIES, a, o3 + j).fma(xa, p3);
            q3 = DoubleVector.fromArray(SPECIES, a, o3 + j + L).fma(xb, q3);
        }
        if (j < m) {
            DoubleVector xa = DoubleVector.fromArray(SPECIES, x, j);
            p0 = DoubleVector.fromArray(SPECIES, a, o0 + j).fma(xa, p0);
            p1 = DoubleVector.fromArray(SPECIES, a, o1 + j).fma(xa, p1);
            p2 = DoubleVector.fromArray(SPECIES, a, o2 + j).fma(xa, p2);
            p3 = DoubleVector.fromArray(SPECIES, a, o3 + j).fma(xa, p3);
        }
        double s0 = p0.add(q0).reduceLanes(VectorOperators.ADD);
        double s1 = p1.add(q1).reduceLanes(VectorOperators.ADD);
        double s2 = p2.add(q2).reduceLanes(VectorOperators.ADD);
        double s3 = p3.add(q3).reduceLanes(VectorOperators.ADD);
        for (j = m; j < cols; j++) {
            double xj = x[j];
            s0 = Math.fma(a[o0 + j], xj, s0);
            s1 = Math.fma(a[o1 + j], xj, s1);
            s2 = Math.fma(a[o2 + j], xj, s2);
            s3 = Math.fma(a[o3 + j], xj, s3);
        }
        out[i] = s0;
        out[i + 1] = s1;
        out[i + 2] = s2;
        out[i + 3] = s3;
    }

    /** @return {@code Σ_j a[off + j] x[j]} with the arithmetic described in the class comment. */
    private static double dot1(double[] a, int off, double[] x, int cols) {
        DoubleVector p = DoubleVector.zero(SPECIES);
        DoubleVector q = p;
        int m = cols - cols % L;
        int j = 0;
        for (; j + 2 * L <= m; j += 2 * L) {
            p = DoubleVector.fromArray(SPECIES, a, off + j).fma(DoubleVector.fromArray(SPECIES, x, j), p);
            q = DoubleVector.fromArray(SPECIES, a, off + j + L).fma(DoubleVector.fromArray(SPECIES, x, j + L), q);
        }
        if (j < m) {
            p = DoubleVector.fromArray(SPECIES, a, off + j).fma(DoubleVector.fromArray(SPECIES, x, j), p);
        }
        double s = p.add(q).reduceLanes(VectorOperators.ADD);
        for (j = m; j < cols; j++) {
            s = Math.fma(a[off + j], x[j], s);
        }
        return s;
    }

    // ---------------------------------------------------------------- row updates of z

    /** {@code z_j ← fma(a3j, y3, fma(a2j, y2, fma(a1j, y1, fma(a0j, y0, z_j))))} for the four rows at {@code o}. */
    private static void update4(double[] a, int o, int cols, double y0, double y1, double y2, double y3,
            double[] z) {
        int o1 = o + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        DoubleVector v0 = DoubleVector.broadcast(SPECIES, y0);
        DoubleVector v1 = DoubleVector.broadcast(SPECIES, y1);
        DoubleVector v2 = DoubleVector.broadcast(SPECIES, y2);
        DoubleVector v3 = DoubleVector.broadcast(SPECIES, y3);
        int m = cols - cols % L;
        int j = 0;
        for (; j < m; j += L) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, z, j);
            t = DoubleVector.fromArray(SPECIES, a, o + j).fma(v0, t);
            t = DoubleVector.fromArray(SPECIES, a, o1 + j).fma(v1, t);
            t = DoubleVector.fromArray(SPECIES, a, o2 + j).fma(v2, t);
            t = DoubleVector.fromArray(SPECIES, a, o3 + j).fma(v3, t);
            t.intoArray(z, j);
        }
        for (; j < cols; j++) {
            double t = Math.fma(a[o + j], y0, z[j]);
            t = Math.fma(a[o1 + j], y1, t);
            t = Math.fma(a[o2 + j], y2, t);
            z[j] = Math.fma(a[o3 + j], y3, t);
        }
    }

    /** {@code z_j ← fma(a0j, y0, z_j)} for the row at {@code o}. */
    private static void update1(double[] a, int o, int cols, double y0, double[] z) {
        DoubleVector v0 = DoubleVector.broadcast(SPECIES, y0);
        int m = cols - cols % L;
        int j = 0;
        for (; j < m; j += L) {
            DoubleVector.fromArray(SPECIES, a, o + j).fma(v0, DoubleVector.fromArray(SPECIES, z, j)).intoArray(z, j);
        }
        for (; j < cols; j++) {
            z[j] = Math.fma(a[o + j], y0, z[j]);
        }
    }
}
