package org.tandemopt.examples.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tandemopt.core.linalg.MatrixKernels;

/**
 * Time per matrix-vector pair {@code y = A x}, {@code z = Aᵀ y} for a row-major {@code n × p} matrix, the
 * core of one gradient step of a least-squares lower level ({@code 4 n p} floating-point operations per
 * pair, so GFLOP/s = {@code 4 n p / time}). Three variants:
 * <ul>
 *   <li>{@link #pair}: {@link MatrixKernels#multiply} then {@link MatrixKernels#multiplyTranspose}, which
 *       read the matrix twice, as NumPy's {@code A @ x; A.T @ y} does;</li>
 *   <li>{@link #fused}: {@link MatrixKernels#multiplyThenTranspose}, which reads it once;</li>
 *   <li>{@link #plainLoops}: the textbook double loops, the starting point the kernels are measured
 *       against.</li>
 * </ul>
 * The shapes are those of the peer script {@code /work/shared/peers/numpy_matvec.py}: 442 × 10 (the
 * diabetes data, in L1/L2), 2000 × 500 (8 MB, in L3) and 20000 × 1000 (160 MB, streamed from memory).
 * Entries are uniform on (−1, 1) from a {@link SplittableRandom} with a fixed seed. One thread; results go
 * to a {@link Blackhole}. The setup checks that the variants agree (fused and two-call bit for bit, the plain
 * loops to rounding) and fails otherwise.
 *
 * <p>Run: {@code java -cp examples/target/tandem.jar org.openjdk.jmh.Main MatVecBenchmark} (or
 * {@code examples/bench/matvec-compare.sh}, which also runs the NumPy peer and prints ratios).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MatVecBenchmark {

    /** {@code n x p}. */
    @Param({"442x10", "2000x500", "20000x1000"})
    public String shape;

    private int n;
    private int p;
    private double[] a;
    private double[] x;
    private double[] y;
    private double[] z;

    @Setup
    public void setUp() {
        String[] parts = shape.split("x");
        n = Integer.parseInt(parts[0]);
        p = Integer.parseInt(parts[1]);
        SplittableRandom rnd = new SplittableRandom(20240611L);
        a = new double[n * p];
        for (int k = 0; k < a.length; k++) {
            a[k] = rnd.nextDouble(-1, 1);
        }
        x = new double[p];
        for (int k = 0; k < p; k++) {
            x[k] = rnd.nextDouble(-1, 1);
        }
        y = new double[n];
        z = new double[p];
        checkVariantsAgree();
    }

    /** The three variants compute the same pair: fused and two-call bit for bit, plain loops to rounding. */
    private void checkVariantsAgree() {
        MatrixKernels.multiply(a, n, p, x, y);
        MatrixKernels.multiplyTranspose(a, n, p, y, z);
        double[] y1 = y.clone();
        double[] z1 = z.clone();
        MatrixKernels.multiplyThenTranspose(a, n, p, x, y, z);
        if (!java.util.Arrays.equals(y1, y) || !java.util.Arrays.equals(z1, z)) {
            throw new IllegalStateException("fused and two-call kernels differ for " + shape);
        }
        plainPair();
        double scale = 0;
        for (int j = 0; j < p; j++) {
            scale = Math.max(scale, Math.abs(z1[j]));
        }
        for (int j = 0; j < p; j++) {
            if (Math.abs(z[j] - z1[j]) > 1e-9 * scale) {
                throw new IllegalStateException("plain loops differ from the kernels at z[" + j + "] for " + shape);
            }
        }
    }

    /** {@code y = A x} and {@code z = Aᵀ y} as two kernel calls. */
    @Benchmark
    public void pair(Blackhole bh) {
        MatrixKernels.multiply(a, n, p, x, y);
        MatrixKernels.multiplyTranspose(a, n, p, y, z);
        bh.consume(y);
        bh.consume(z);
    }

    /** The same pair in one pass over the matrix. */
    @Benchmark
    public void fused(Blackhole bh) {
        MatrixKernels.multiplyThenTranspose(a, n, p, x, y, z);
        bh.consume(y);
        bh.consume(z);
    }

    /** The textbook loops: one dot product per row, then one row update of {@code z} per row. */
    @Benchmark
    public void plainLoops(Blackhole bh) {
        plainPair();
        bh.consume(y);
        bh.consume(z);
    }

    private void plainPair() {
        double[] a = this.a;
        int n = this.n;
        int p = this.p;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += a[i * p + j] * x[j];
            }
            y[i] = s;
        }
        java.util.Arrays.fill(z, 0.0);
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            for (int j = 0; j < p; j++) {
                z[j] += a[i * p + j] * yi;
            }
        }
    }
}
