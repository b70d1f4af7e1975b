package org.tandemopt.examples.problems;

import java.util.Arrays;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.examples.data.Dataset;

/**
 * Data hyper-cleaning: one weight {@code σ(x_i)} per training sample of a multinomial logistic regression,
 * tuned so that the model fits a clean validation set; samples with corrupted labels should end with small
 * weights:
 * <pre>
 *   lower  g(x, W) = (1/N) Σ_i σ(x_i) CE(W; a_i, c_i) + (μ/2)‖W‖²,   CE = log Σ_k e^{z_k} − z_{c},  z = Wᵀa,
 *   upper  f(W)    = (1/N_v) Σ_i CE(W; v_i, d_i),
 * </pre>
 * {@code W} is {@code p × K} stored row-major in {@code y} ({@code y[j K + k]}), {@code σ} the logistic function.
 * Oracles: {@code ∇_W CE = a (p − e_c)ᵀ} with {@code p = softmax(z)}; {@code H_yy V = (1/N) Σ σ_i a s_iᵀ + μV},
 * {@code s = p ∘ (Vᵀa) − p (pᵀVᵀa)}; {@code ∇_x g = σ'(x_i) CE_i / N}; the cross block
 * {@code H_yx u = (1/N) Σ σ'(x_i) u_i a_i (p_i − e_{c_i})ᵀ} and its transpose. Franceschi, Donini, Frasconi,
 * Pontil, "Forward and reverse gradient-based hyperparameter optimization", ICML 2017 (data hyper-cleaning);
 * Shaban et al., "Truncated back-propagation for bilevel optimization", AISTATS 2019.
 *
 * <p>Immutable and thread-safe (per-thread scratch of size {@code K}).
 */
public final class HyperCleaning {

    private final double[] a;
    private final int[] c;
    private final double[] v;
    private final int[] d;
    private final int p;
    private final int classes;
    private final double mu;
    private final ThreadLocal<double[][]> scratch;

    /**
     * @param train      training rows (features, labels 0..K−1, possibly corrupted)
     * @param validation clean validation rows, the same columns
     * @param classes    the number {@code K ≥ 2} of classes
     * @param mu         the ridge weight {@code μ > 0} that makes the lower level strongly convex
     */
    public HyperCleaning(Dataset train, Dataset validation, int classes, double mu) {
        Functions.requireNonNull("train", train);
        Functions.requireNonNull("validation", validation);
        Functions.requireAtLeast("classes", classes, 2);
        Functions.requirePositive("mu", mu);
        if (train.cols() != validation.cols()) {
            throw new IllegalArgumentException("validation has " + validation.cols() + " columns, expected "
                    + train.cols() + " (the columns of train)");
        }
        this.p = train.cols();
        this.classes = classes;
        this.mu = mu;
        this.a = train.features();
        this.v = validation.features();
        this.c = labels("train", train.targets(), classes);
        this.d = labels("validation", validation.targets(), classes);
        this.scratch = ThreadLocal.withInitial(() -> new double[3][classes]);
    }

    private static int[] labels(String name, double[] t, int classes) {
        int[] l = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] != Math.rint(t[i]) || t[i] < 0 || t[i] >= classes) {
                throw new IllegalArgumentException(name + " label " + i + " = " + t[i] + ", expected an integer in [0, "
                        + (classes - 1) + "]");
            }
            l[i] = (int) t[i];
        }
        return l;
    }

    /** @return {@code n}, the number of training samples (one hyperparameter each). */
    public int parameterDimension() {
        return c.length;
    }

    /** @return {@code m = p K}. */
    public int variableDimension() {
        return p * classes;
    }

    /** @return the bilevel problem from {@code x0} and {@code W = 0}. */
    public BilevelProblem problem(double[] x0) {
        Functions.requireFinite("x0", x0, c.length);
        return BilevelProblem.of(upper(), lower(), x0, new double[p * classes]);
    }

    /** @return the fraction of rows of {@code data} whose arg-max class under {@code W} is the label. */
    public double accuracy(Dataset data, double[] w) {
        double[] x = data.features();
        double[] t = data.targets();
        double[] z = new double[classes];
        int ok = 0;
        for (int i = 0; i < data.rows(); i++) {
            scores(x, i, w, z);
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (z[k] > z[best]) {
                    best = k;
                }
            }
            if (best == (int) t[i]) {
                ok++;
            }
        }
        return ok / (double) data.rows();
    }

    /** z = Wᵀ x_i. */
    private void scores(double[] x, int i, double[] w, double[] z) {
        Arrays.fill(z, 0.0);
        int off = i * p;
        for (int j = 0; j < p; j++) {
            double aij = x[off + j];
            if (aij == 0) {
                continue;
            }
            int row = j * classes;
            for (int k = 0; k < classes; k++) {
                z[k] += aij * w[row + k];
            }
        }
    }

    /** Turns z into softmax probabilities in place; returns the log-sum-exp. */
    private double softmax(double[] z) {
        double max = z[0];
        for (int k = 1; k < classes; k++) {
            max = Math.max(max, z[k]);
        }
        double s = 0;
        for (int k = 0; k < classes; k++) {
            z[k] = Math.exp(z[k] - max);
            s += z[k];
        }
        for (int k = 0; k < classes; k++) {
            z[k] /= s;
        }
        return max + Math.log(s);
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /** out += coef · x_i rᵀ. */
    private void addOuter(double[] x, int i, double coef, double[] r, double[] out) {
        int off = i * p;
        for (int j = 0; j < p; j++) {
            double aij = coef * x[off + j];
            if (aij == 0) {
                continue;
            }
            int row = j * classes;
            for (int k = 0; k < classes; k++) {
                out[row + k] += aij * r[k];
            }
        }
    }

    /** Weighted CE value and (if out != null) gradient; weights null means 1. */
    private double loss(double[] x, int[] lab, double[] weights, double[] w, double[] out) {
        double[][] s = scratch.get();
        double[] z = s[0];
        int n = lab.length;
        if (out != null) {
            Arrays.fill(out, 0, p * classes, 0.0);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double wi = weights == null ? 1 : sigmoid(weights[i]);
            scores(x, i, w, z);
            softmax(z);
            total += wi * -Math.log(Math.max(z[lab[i]], Double.MIN_NORMAL)); // CE = −log p_c
            if (out != null) {
                z[lab[i]] -= 1;
                addOuter(x, i, wi / n, z, out);
            }
        }
        return total / n;
    }

    /** Weighted Hessian-vector product of the CE part. */
    private void hessian(double[] x, int n, double[] weights, double[] w, double[] vec, double[] out) {
        double[][] s = scratch.get();
        double[] z = s[0];
        double[] zv = s[1];
        Arrays.fill(out, 0, p * classes, 0.0);
        for (int i = 0; i < n; i++) {
            double wi = weights == null ? 1 : sigmoid(weights[i]);
            scores(x, i, w, z);
            softmax(z);
            scores(x, i, vec, zv);
            double pz = 0;
            for (int k = 0; k < classes; k++) {
                pz += z[k] * zv[k];
            }
            for (int k = 0; k < classes; k++) {
                zv[k] = z[k] * (zv[k] - pz);
            }
            addOuter(x, i, wi / n, zv, out);
        }
    }

    private double ridge(double[] w) {
        double s = 0;
        for (int j = 0; j < p * classes; j++) {
            s += w[j] * w[j];
        }
        return 0.5 * mu * s;
    }

    /** @return the lower objective {@code g}. */
    public ParametricFunction lower() {
        final int n = c.length;
        final int m = p * classes;
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }
            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public double value(double[] x, double[] y) {
                return loss(a, c, x, y, null) + ridge(y);
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                double val = loss(a, c, x, y, out) + ridge(y);
                for (int j = 0; j < m; j++) {
                    out[j] += mu * y[j];
                }
                return val;
            }

            @Override
            public void gradientX(double[] x, double[] y, double[] out) {
                double[] z = scratch.get()[0];
                for (int i = 0; i < n; i++) {
                    scores(a, i, y, z);
                    softmax(z);
                    double s = sigmoid(x[i]);
                    out[i] = s * (1 - s) * -Math.log(Math.max(z[c[i]], Double.MIN_NORMAL)) / n;
                }
            }

            @Override
            public void hessianYY(double[] x, double[] y, double[] vec, double[] out) {
                hessian(a, n, x, y, vec, out);
                for (int j = 0; j < m; j++) {
                    out[j] += mu * vec[j];
                }
            }

            @Override
            public void cross(double[] x, double[] y, double[] u, double[] out) {
                double[] z = scratch.get()[0];
                Arrays.fill(out, 0, m, 0.0);
                for (int i = 0; i < n; i++) {
                    if (u[i] == 0) {
                        continue;
                    }
                    scores(a, i, y, z);
                    softmax(z);
                    z[c[i]] -= 1;
                    double s = sigmoid(x[i]);
                    addOuter(a, i, s * (1 - s) * u[i] / n, z, out);
                }
            }

            @Override
            public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                double[][] sc = scratch.get();
                double[] z = sc[0];
                double[] zw = sc[2];
                for (int i = 0; i < n; i++) {
                    scores(a, i, y, z);
                    softmax(z);
                    z[c[i]] -= 1;
                    scores(a, i, w, zw);
                    double dot = 0;
                    for (int k = 0; k < classes; k++) {
                        dot += z[k] * zw[k];
                    }
                    double s = sigmoid(x[i]);
                    out[i] = s * (1 - s) * dot / n;
                }
            }
        };
    }

    /** @return the upper objective {@code f}, the mean validation cross-entropy. */
    public ParametricFunction upper() {
        final int n = c.length;
        final int m = p * classes;
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }
            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public double value(double[] x, double[] y) {
                return loss(v, d, null, y, null);
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                return loss(v, d, null, y, out);
            }

            @Override
            public void gradientX(double[] x, double[] y, double[] out) {
                Arrays.fill(out, 0, n, 0.0);
            }

            @Override
            public void hessianYY(double[] x, double[] y, double[] vec, double[] out) {
                hessian(v, d.length, null, y, vec, out);
            }

            @Override
            public void cross(double[] x, double[] y, double[] u, double[] out) {
                Arrays.fill(out, 0, m, 0.0);
            }

            @Override
            public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                Arrays.fill(out, 0, n, 0.0);
            }
        };
    }
}
