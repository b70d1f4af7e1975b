package org.tandemopt.core.linalg;

import java.util.SplittableRandom;

import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.matrix.store.RawStore;

/** Seeded test systems with known spectra, and an independent ojAlgo reference solve. */
final class TestSystems {

    private TestSystems() {
    }

    /** @return a random orthogonal matrix, the product of {@code d} Householder reflections {@code I − 2uuᵀ}. */
    static double[][] randomOrthogonal(int d, SplittableRandom rng) {
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            q[i][i] = 1;
        }
        double[] u = new double[d];
        for (int k = 0; k < d; k++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                u[i] = rng.nextGaussian();
                norm += u[i] * u[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                u[i] /= norm;
            }
            // q ← (I − 2 u uᵀ) q
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += u[i] * q[i][j];
                }
                for (int i = 0; i < d; i++) {
                    q[i][j] -= 2 * s * u[i];
                }
            }
        }
        return q;
    }

    /** @return {@code Q diag(λ) Qᵀ} for a seeded random orthogonal {@code Q}, exactly symmetric. */
    static DenseMatrix withSpectrum(double[] lambda, SplittableRandom rng) {
        int d = lambda.length;
        double[][] q = randomOrthogonal(d, rng);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[i][k] * lambda[k] * q[j][k];
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        return DenseMatrix.of(d, d, a);
    }

    /** @return {@code d} values from {@code max / κ} to {@code max}, log-spaced (just {@code max} for d = 1). */
    static double[] logSpaced(int d, double max, double kappa) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            double t = d == 1 ? 1.0 : (double) i / (d - 1);
            v[i] = max * Math.pow(kappa, t - 1);
        }
        return v;
    }

    static double[] gaussian(int d, SplittableRandom rng) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** @return {@code A⁻¹ b} by ojAlgo's LU, independently of the solvers under test. */
    static double[] referenceSolve(DenseMatrix a, double[] b) {
        R064Store m = R064Store.FACTORY.copy(RawStore.wrap(a.toRows()));
        LU<Double> lu = LU.R064.make(m);
        if (!lu.decompose(m) || !lu.isSolvable()) {
            throw new AssertionError("reference LU failed");
        }
        double[] x = b.clone();
        lu.ftran(x);
        return x;
    }

    /** @return {@code ‖b − A x‖}, computed by a naive loop. */
    static double residualNorm(DenseMatrix a, double[] b, double[] x) {
        int d = b.length;
        double s = 0;
        for (int i = 0; i < d; i++) {
            double ri = b[i];
            for (int j = 0; j < d; j++) {
                ri -= a.get(i, j) * x[j];
            }
            s += ri * ri;
        }
        return Math.sqrt(s);
    }

    /**
     * @return the rounding allowance of a computed residual, {@code 2 (d + 2) ε ‖ |A| |x| ‖ + ε ‖b‖}: two
     *         residual computations of the same {@code x} (the solver's, a naive loop) may differ by this much
     */
    static double residualSlack(DenseMatrix a, double[] b, double[] x) {
        int d = x.length;
        double s = 0;
        for (int i = 0; i < d; i++) {
            double t = 0;
            for (int j = 0; j < d; j++) {
                t += Math.abs(a.get(i, j) * x[j]);
            }
            s += t * t;
        }
        return 2 * (d + 2) * Math.ulp(1.0) * Math.sqrt(s) + Math.ulp(1.0) * norm(b);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** An operator that counts its applications and hides the matrix from the direct solvers. */
    static final class Counting implements LinearOperator {
        private final DenseMatrix a;
        int count;

        Counting(DenseMatrix a) {
            this.a = a;
        }

        @Override
        public void apply(double[] v, double[] out) {
            count++;
            a.multiply(v, out);
        }
    }
}
