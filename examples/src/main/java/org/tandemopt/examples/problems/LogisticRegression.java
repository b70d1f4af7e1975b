package org.tandemopt.examples.problems;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linalg.MatrixKernels;

/**
 * L2-regularized logistic regression
 * {@code J(β) = (1/n) Σ_i log(1 + exp(−t_i x_iᵀβ)) + (λ/2) Σ_{j ∈ P} β_j²} with labels {@code t_i ∈ {−1, +1}},
 * where the penalty set {@code P} is every coordinate but an optional unpenalized intercept (the last one).
 * Gradient {@code (1/n) Xᵀ(−t ∘ σ(−t ∘ Xβ)) + λ β_P}; Hessian-vector product
 * {@code (1/n) Xᵀ(D X v) + λ v_P}, {@code D = diag(σ(z)(1 − σ(z)))}. Per-thread scratch: thread-safe and
 * allocation-free after the first call on a thread.
 */
public final class LogisticRegression implements DifferentiableFunction {

    private final double[] x;
    private final double[] t;
    private final int n;
    private final int p;
    private final double lambda;
    private final boolean interceptLast;
    private final ThreadLocal<double[][]> scratch;

    /**
     * @param x             row-major features, {@code n × p}
     * @param labels01      labels in {0, 1}
     * @param p             number of columns
     * @param lambda        the L2 weight, {@code ≥ 0}
     * @param interceptLast whether the last column is an intercept left out of the penalty
     */
    public LogisticRegression(double[] x, double[] labels01, int p, double lambda, boolean interceptLast) {
        if (p < 1 || x.length % p != 0 || x.length / p != labels01.length) {
            throw new IllegalArgumentException("x has length " + x.length + ", expected labels01.length * p = "
                    + labels01.length + " * " + p);
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda = " + lambda + ", expected a number >= 0");
        }
        this.x = x.clone();
        this.n = labels01.length;
        this.p = p;
        this.t = new double[n];
        for (int i = 0; i < n; i++) {
            if (labels01[i] != 0 && labels01[i] != 1) {
                throw new IllegalArgumentException("labels01[" + i + "] = " + labels01[i] + ", expected 0 or 1");
            }
            t[i] = labels01[i] == 1 ? 1 : -1;
        }
        this.lambda = lambda;
        this.interceptLast = interceptLast;
        this.scratch = ThreadLocal.withInitial(() -> new double[2][n]);
    }

    @Override
    public int dimension() {
        return p;
    }

    @Override
    public double value(double[] beta) {
        double[] z = scratch.get()[0];
        MatrixKernels.multiply(x, n, p, beta, z);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += softplus(-t[i] * z[i]);
        }
        return s / n + penalty(beta);
    }

    @Override
    public double valueAndGradient(double[] beta, double[] g) {
        double[][] s = scratch.get();
        double[] z = s[0];
        double[] r = s[1];
        MatrixKernels.multiply(x, n, p, beta, z);
        double v = 0;
        for (int i = 0; i < n; i++) {
            double m = -t[i] * z[i];
            v += softplus(m);
            r[i] = -t[i] * sigmoid(m) / n;
        }
        MatrixKernels.multiplyTranspose(x, n, p, r, g);
        int last = interceptLast ? p - 1 : p;
        for (int j = 0; j < last; j++) {
            g[j] += lambda * beta[j];
        }
        return v / n + penalty(beta);
    }

    @Override
    public boolean hasHessianVector() {
        return true;
    }

    @Override
    public void hessianVector(double[] beta, double[] v, double[] out) {
        double[][] s = scratch.get();
        double[] z = s[0];
        double[] u = s[1];
        MatrixKernels.multiply(x, n, p, beta, z);
        for (int i = 0; i < n; i++) {
            double sg = sigmoid(z[i]);
            z[i] = sg * (1 - sg) / n;
        }
        MatrixKernels.multiply(x, n, p, v, u);
        for (int i = 0; i < n; i++) {
            u[i] *= z[i];
        }
        MatrixKernels.multiplyTranspose(x, n, p, u, out);
        int last = interceptLast ? p - 1 : p;
        for (int j = 0; j < last; j++) {
            out[j] += lambda * v[j];
        }
    }

    /**
     * @return an upper bound on the Lipschitz constant of the gradient, {@code λ_max(XᵀX)/(4n) + λ}, with
     *         {@code λ_max(XᵀX)} from 200 power iterations (an upper estimate: the result is multiplied by 1.01)
     */
    public double lipschitzBound() {
        double[] v = new double[p];
        java.util.Arrays.fill(v, 1 / Math.sqrt(p));
        double[] xv = new double[n];
        double[] w = new double[p];
        double eig = 0;
        for (int k = 0; k < 200; k++) {
            MatrixKernels.multiplyThenTranspose(x, n, p, v, xv, w);
            double norm = org.tandemopt.core.linalg.Vectors.norm2(w);
            eig = norm;
            for (int j = 0; j < p; j++) {
                v[j] = w[j] / norm;
            }
        }
        return 1.01 * eig / (4.0 * n) + lambda;
    }

    /** @return the fraction of rows whose predicted class ({@code x_iᵀβ > 0}) matches the label. */
    public double accuracy(double[] beta) {
        double[] z = new double[n];
        MatrixKernels.multiply(x, n, p, beta, z);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if ((z[i] > 0) == (t[i] > 0)) {
                ok++;
            }
        }
        return ok / (double) n;
    }

    private double penalty(double[] beta) {
        double s = 0;
        int last = interceptLast ? p - 1 : p;
        for (int j = 0; j < last; j++) {
            s += beta[j] * beta[j];
        }
        return 0.5 * lambda * s;
    }

    /** {@code log(1 + e^m)} without overflow. */
    static double softplus(double m) {
        return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    }

    /** {@code 1 / (1 + e^{−m})} without overflow. */
    static double sigmoid(double m) {
        if (m >= 0) {
            return 1 / (1 + Math.exp(-m));
        }
        double e = Math.exp(m);
        return e / (1 + e);
    }
}
