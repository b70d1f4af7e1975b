package org.tandemopt.examples.bench.autodiff;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tandemopt.core.autodiff.AdFunction;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.autodiff.Expr;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linalg.MatrixKernels;

/**
 * Cost of AD oracles relative to one AD value evaluation and to hand-written gradients, on
 * <ul>
 *   <li>{@code logistic}: {@code J(w) = mean_i log(1 + exp(−t_i x_iᵀw)) + (λ/2)‖w‖²}, {@code X} 1000 × 100;</li>
 *   <li>{@code network}: {@code L(θ) = (1/2N)‖tanh(X W1 + 1 b1ᵀ) w2 + b2 − t‖²}, {@code X} 1000 × 100,
 *       32 hidden units (3 265 parameters).</li>
 * </ul>
 * Every call alternates between two points so the workspace's forward cache never short-cuts a sweep (the
 * {@code ...SamePoint} variant shows the cached case a CG solve sees). The hand-written logistic gradient uses
 * the library's {@code MatrixKernels} (the fastest of the variants we tried, faster than one fused pass per row);
 * the hand-written network gradient is backpropagation fused per row.
 *
 * <p>Run (about 2 minutes): {@code mvn -B -q package -pl examples -am -DskipTests && java -cp
 * examples/target/tandem.jar org.openjdk.jmh.Main 'bench.autodiff' -f 1 -wi 3 -w 1 -i 5 -r 1}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AutoDiffBenchmark {

    static final int N = 1000;
    static final int P = 100;
    static final int HIDDEN = 32;
    static final double LAMBDA = 0.01;

    /** The logistic-regression loss, by AD and by hand. */
    @State(Scope.Thread)
    public static class Logistic {
        double[] x;
        double[] minusT;
        AdFunction ad;
        double[][] points = new double[2][];
        double[] direction;
        double[] gradient = new double[P];
        double[] hv = new double[P];
        double[] margins = new double[N];
        int flip;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rng = new SplittableRandom(2026);
            x = new double[N * P];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            minusT = new double[N];
            for (int i = 0; i < N; i++) {
                minusT[i] = rng.nextBoolean() ? 1 : -1;
            }
            DenseMatrix xm = DenseMatrix.of(N, P, x);
            double[] mt = minusT;
            ad = AutoDiff.function(P, w -> w.premultiply(xm).times(mt).softplus().mean()
                    .plus(w.squaredNorm().times(LAMBDA / 2)));
            for (int k = 0; k < 2; k++) {
                points[k] = new double[P];
                for (int j = 0; j < P; j++) {
                    points[k][j] = 0.1 * rng.nextGaussian();
                }
            }
            direction = new double[P];
            for (int j = 0; j < P; j++) {
                direction[j] = rng.nextGaussian();
            }
        }

        double[] next() {
            flip ^= 1;
            return points[flip];
        }

        double[] residual = new double[N];

        /**
         * Hand-written with the library kernels: margins {@code m = X w} (four rows at a time), residuals
         * {@code r_i = −t_i σ(−t_i m_i)/N}, then {@code g = Xᵀ r + λ w} (two rows at a time).
         */
        double handGradient(double[] w, double[] g) {
            MatrixKernels.multiply(x, N, P, w, margins);
            double value = 0;
            double inv = 1.0 / N;
            for (int i = 0; i < N; i++) {
                double m = minusT[i] * margins[i];
                double e = Math.exp(-Math.abs(m));
                value += (Math.max(m, 0) + Math.log1p(e)) * inv;
                double s = m >= 0 ? 1 / (1 + e) : e / (1 + e);
                residual[i] = minusT[i] * s * inv;
            }
            MatrixKernels.multiplyTranspose(x, N, P, residual, g);
            for (int j = 0; j < P; j++) {
                g[j] += LAMBDA * w[j];
                value += 0.5 * LAMBDA * w[j] * w[j];
            }
            return value;
        }

        double handValue(double[] w) {
            MatrixKernels.multiply(x, N, P, w, margins);
            double value = 0;
            for (int j = 0; j < P; j++) {
                value += 0.5 * LAMBDA * w[j] * w[j];
            }
            for (int i = 0; i < N; i++) {
                double m = minusT[i] * margins[i];
                value += (Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m)))) / N;
            }
            return value;
        }
    }

    /** The two-layer tanh network, by AD and by hand (backpropagation fused per row). */
    @State(Scope.Thread)
    public static class Network {
        static final int D = P * HIDDEN + HIDDEN + HIDDEN + 1;
        double[] x;
        double[] t;
        AdFunction ad;
        double[][] points = new double[2][];
        double[] direction;
        double[] gradient = new double[D];
        double[] hv = new double[D];
        double[] a = new double[HIDDEN];
        double[] delta = new double[HIDDEN];
        int flip;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rng = new SplittableRandom(2027);
            x = new double[N * P];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            t = new double[N];
            for (int i = 0; i < N; i++) {
                t[i] = rng.nextGaussian();
            }
            DenseMatrix xm = DenseMatrix.of(N, P, x);
            double[] tt = t;
            int o1 = P * HIDDEN;
            int o2 = o1 + HIDDEN;
            int o3 = o2 + HIDDEN;
            ad = AutoDiff.function(D, th -> {
                Expr w1 = th.slice(0, o1).reshape(P, HIDDEN);
                Expr h = w1.premultiply(xm).plusRow(th.slice(o1, o2)).tanh();
                return h.matmul(th.slice(o2, o3)).plus(th.get(o3)).minus(tt).squaredNorm().div(2.0 * N);
            });
            for (int k = 0; k < 2; k++) {
                points[k] = new double[D];
                for (int j = 0; j < D; j++) {
                    points[k][j] = 0.1 * rng.nextGaussian();
                }
            }
            direction = new double[D];
            for (int j = 0; j < D; j++) {
                direction[j] = rng.nextGaussian();
            }
        }

        double[] next() {
            flip ^= 1;
            return points[flip];
        }

        double handGradient(double[] th, double[] g) {
            java.util.Arrays.fill(g, 0.0);
            int o1 = P * HIDDEN;
            int o2 = o1 + HIDDEN;
            int o3 = o2 + HIDDEN;
            double inv = 1.0 / N;
            double value = 0;
            for (int i = 0; i < N; i++) {
                int xo = i * P;
                System.arraycopy(th, o1, a, 0, HIDDEN);
                for (int l = 0; l < P; l++) {
                    double xl = x[xo + l];
                    int wo = l * HIDDEN;
                    for (int c = 0; c < HIDDEN; c++) {
                        a[c] += xl * th[wo + c];
                    }
                }
                double out = th[o3];
                for (int c = 0; c < HIDDEN; c++) {
                    a[c] = Math.tanh(a[c]);
                    out += a[c] * th[o2 + c];
                }
                double r = out - t[i];
                value += 0.5 * r * r * inv;
                double ri = r * inv;
                g[o3] += ri;
                for (int c = 0; c < HIDDEN; c++) {
                    g[o2 + c] += a[c] * ri;
                    delta[c] = ri * th[o2 + c] * (1 - a[c] * a[c]);
                    g[o1 + c] += delta[c];
                }
                for (int l = 0; l < P; l++) {
                    double xl = x[xo + l];
                    int wo = l * HIDDEN;
                    for (int c = 0; c < HIDDEN; c++) {
                        g[wo + c] += xl * delta[c];
                    }
                }
            }
            return value;
        }
    }

    @Benchmark
    public double logisticValueAd(Logistic s) {
        return s.ad.value(s.next());
    }

    @Benchmark
    public double logisticValueHand(Logistic s) {
        return s.handValue(s.next());
    }

    @Benchmark
    public double logisticGradientAd(Logistic s) {
        return s.ad.valueAndGradient(s.next(), s.gradient);
    }

    @Benchmark
    public double logisticGradientHand(Logistic s) {
        return s.handGradient(s.next(), s.gradient);
    }

    @Benchmark
    public double[] logisticHvpAd(Logistic s) {
        s.ad.hessianVector(s.next(), s.direction, s.hv);
        return s.hv;
    }

    @Benchmark
    public double[] logisticHvpAdSamePoint(Logistic s) {
        s.ad.hessianVector(s.points[0], s.direction, s.hv);
        return s.hv;
    }

    @Benchmark
    public double networkValueAd(Network s) {
        return s.ad.value(s.next());
    }

    @Benchmark
    public double networkGradientAd(Network s) {
        return s.ad.valueAndGradient(s.next(), s.gradient);
    }

    @Benchmark
    public double networkGradientHand(Network s) {
        return s.handGradient(s.next(), s.gradient);
    }

    @Benchmark
    public double[] networkHvpAd(Network s) {
        s.ad.hessianVector(s.next(), s.direction, s.hv);
        return s.hv;
    }
}
