package org.tandemopt.examples.bench.bilevel;

import java.util.SplittableRandom;

import org.tandemopt.bilevel.problems.RidgeHyperparameters;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linalg.MatrixKernels;

/**
 * The peer's data, drawn the same way from a seeded generator (the numbers differ from PyTorch's, the
 * distribution does not): {@code A} ({@code n × p}) Gaussian, {@code b = A w + 0.1 ξ}, {@code V}
 * ({@code n/2 × p}) Gaussian, {@code c = V w'}; {@code t = −2} everywhere; the inner step is {@code 1/L} with
 * {@code L = λ_max(AᵀA/n) + max_j e^{t_j}}, computed once outside the timed region (as the peer does).
 */
public final class RidgeData {

    /** The hyperparameter value of the benchmark, {@code t_j = −2}. */
    public static final double T = -2.0;

    public final int n;
    public final int p;
    public final RidgeHyperparameters ridge;
    public final double[] t;
    public final double step;

    /** @param n rows of {@code A}; {@code p} features; {@code seed} the generator's seed. */
    public RidgeData(int n, int p, long seed) {
        this.n = n;
        this.p = p;
        SplittableRandom rng = new SplittableRandom(seed);
        int m = n / 2;
        double[] a = gaussian(rng, n * p);
        double[] b = new double[n];
        MatrixKernels.multiply(a, n, p, gaussian(rng, p), b);
        for (int i = 0; i < n; i++) {
            b[i] += 0.1 * rng.nextGaussian();
        }
        double[] v = gaussian(rng, m * p);
        double[] c = new double[m];
        MatrixKernels.multiply(v, m, p, gaussian(rng, p), c);
        DenseMatrix am = DenseMatrix.of(n, p, a);
        this.ridge = RidgeHyperparameters.perFeature(am, b, DenseMatrix.of(m, p, v), c);
        this.t = new double[p];
        java.util.Arrays.fill(t, T);
        this.step = 1.0 / (largestEigenvalue(am.gram().toArray(), p) / n + Math.exp(T));
    }

    /** @return "n×p". */
    public static int[] parse(String size) {
        String[] s = size.split("x");
        return new int[] {Integer.parseInt(s[0]), Integer.parseInt(s[1])};
    }

    static double[] gaussian(SplittableRandom rng, int len) {
        double[] z = new double[len];
        for (int i = 0; i < len; i++) {
            z[i] = rng.nextGaussian();
        }
        return z;
    }

    /** λ_max of a symmetric positive semidefinite matrix by the power iteration (to 1e-12 relative). */
    static double largestEigenvalue(double[] g, int p) {
        double[] u = new double[p];
        double[] z = new double[p];
        java.util.Arrays.fill(u, 1.0 / Math.sqrt(p));
        double lambda = 0;
        for (int it = 0; it < 10_000; it++) {
            MatrixKernels.multiply(g, p, p, u, z);
            double s = 0;
            for (double e : z) {
                s += e * e;
            }
            double next = Math.sqrt(s);
            for (int j = 0; j < p; j++) {
                u[j] = z[j] / next;
            }
            if (Math.abs(next - lambda) <= 1e-12 * next) {
                return next;
            }
            lambda = next;
        }
        return lambda;
    }
}
