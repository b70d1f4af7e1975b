package org.tandemopt.bilevel.problems;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * Tuning the regularization of ridge regression on a validation set, with {@code x} the log-regularization:
 * <pre>
 *   lower  g(x, w) = ‖A w − b‖² / (2 N) + ½ Σ_j e^{x_{k(j)}} w_j²,
 *   upper  f(w)    = ‖V w − c‖² / (2 N_v),
 * </pre>
 * with one hyperparameter for all features ({@link #shared}, {@code n = 1}, {@code k(j) = 0}) or one per
 * feature ({@link #perFeature}, {@code n = m}, {@code k(j) = j}). The lower level is strongly convex, with
 * {@code H_yy = AᵀA/N + diag(e^{x})}, {@code H_yx = diag(e^{x}) w} (per feature; the column {@code e^{x} w}
 * when shared); all oracles are exact and use the dense kernels of {@code core.linalg}.
 * REFERENCE-PROBLEMS.md B3 is the shared case on deterministic 40 × 8 data.
 *
 * <p>Immutable and thread-safe (scratch buffers are per thread).
 */
public final class RidgeHyperparameters {

    private final DenseMatrix a;
    private final double[] b;
    private final DenseMatrix v;
    private final double[] c;
    private final boolean perFeature;

    private RidgeHyperparameters(DenseMatrix a, double[] b, DenseMatrix v, double[] c, boolean perFeature) {
        Functions.requireNonNull("a", a);
        Functions.requireNonNull("v", v);
        Functions.requireFinite("b", b, a.rows());
        Functions.requireFinite("c", c, v.rows());
        if (v.cols() != a.cols()) {
            throw new IllegalArgumentException("v has " + v.cols() + " columns, expected " + a.cols()
                    + " (the columns of a)");
        }
        this.a = a;
        this.b = b.clone();
        this.v = v;
        this.c = c.clone();
        this.perFeature = perFeature;
    }

    /** One regularization {@code e^{x_0}} for every feature ({@code n = 1}). */
    public static RidgeHyperparameters shared(DenseMatrix train, double[] trainTargets, DenseMatrix validation,
                                              double[] validationTargets) {
        return new RidgeHyperparameters(train, trainTargets, validation, validationTargets, false);
    }

    /** One regularization {@code e^{x_j}} per feature ({@code n = m}). */
    public static RidgeHyperparameters perFeature(DenseMatrix train, double[] trainTargets, DenseMatrix validation,
                                                  double[] validationTargets) {
        return new RidgeHyperparameters(train, trainTargets, validation, validationTargets, true);
    }

    /** @return the number {@code n} of hyperparameters. */
    public int parameterDimension() {
        return perFeature ? a.cols() : 1;
    }

    /** @return the bilevel problem started at log-regularization {@code x0} and weights {@code w = 0}. */
    public BilevelProblem problem(double[] x0) {
        return BilevelProblem.of(upper(), lower(), x0, new double[a.cols()]);
    }

    /** @return the lower objective {@code g}. */
    public ParametricFunction lower() {
        final int rows = a.rows();
        final int m = a.cols();
        final int n = parameterDimension();
        final double scale = 1.0 / rows;
        final ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[][] {new double[rows],
            new double[m]});
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }
            @Override public boolean hasSecondOrder() { return true; }

            double reg(double[] x, int j) {
                return Math.exp(x[perFeature ? j : 0]);
            }

            @Override
            public double value(double[] x, double[] w) {
                double[] r = scratch.get()[0];
                a.multiply(w, r);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = r[i] - b[i];
                    s += t * t;
                }
                double q = 0;
                for (int j = 0; j < m; j++) {
                    q += reg(x, j) * w[j] * w[j];
                }
                return 0.5 * scale * s + 0.5 * q;
            }

            @Override
            public double gradientY(double[] x, double[] w, double[] out) {
                double[][] sc = scratch.get();
                double[] r = sc[0];
                a.multiply(w, r);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    r[i] -= b[i];
                    s += r[i] * r[i];
                }
                a.multiplyTranspose(r, out);
                double q = 0;
                for (int j = 0; j < m; j++) {
                    double e = reg(x, j);
                    out[j] = scale * out[j] + e * w[j];
                    q += e * w[j] * w[j];
                }
                return 0.5 * scale * s + 0.5 * q;
            }

            @Override
            public void gradientX(double[] x, double[] w, double[] out) {
                if (perFeature) {
                    for (int j = 0; j < m; j++) {
                        out[j] = 0.5 * reg(x, j) * w[j] * w[j];
                    }
                } else {
                    double q = 0;
                    for (int j = 0; j < m; j++) {
                        q += w[j] * w[j];
                    }
                    out[0] = 0.5 * reg(x, 0) * q;
                }
            }

            @Override
            public void hessianYY(double[] x, double[] w, double[] u, double[] out) {
                double[] r = scratch.get()[0];
                a.multiplyThenTranspose(u, r, out);
                for (int j = 0; j < m; j++) {
                    out[j] = scale * out[j] + reg(x, j) * u[j];
                }
            }

            @Override
            public void crossTranspose(double[] x, double[] w, double[] z, double[] out) {
                if (perFeature) {
                    for (int j = 0; j < m; j++) {
                        out[j] = reg(x, j) * w[j] * z[j];
                    }
                } else {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += w[j] * z[j];
                    }
                    out[0] = reg(x, 0) * s;
                }
            }

            @Override
            public void cross(double[] x, double[] w, double[] u, double[] out) {
                for (int j = 0; j < m; j++) {
                    out[j] = reg(x, j) * w[j] * u[perFeature ? j : 0];
                }
            }
        };
    }

    /** @return the upper objective {@code f} (it does not depend on {@code x}). */
    public ParametricFunction upper() {
        final int rows = v.rows();
        final int m = v.cols();
        final int n = parameterDimension();
        final double scale = 1.0 / rows;
        final ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[rows]);
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }

            @Override
            public double value(double[] x, double[] w) {
                double[] r = scratch.get();
                v.multiply(w, r);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = r[i] - c[i];
                    s += t * t;
                }
                return 0.5 * scale * s;
            }

            @Override
            public double gradientY(double[] x, double[] w, double[] out) {
                double[] r = scratch.get();
                v.multiply(w, r);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    r[i] -= c[i];
                    s += r[i] * r[i];
                }
                v.multiplyTranspose(r, out);
                for (int j = 0; j < m; j++) {
                    out[j] *= scale;
                }
                return 0.5 * scale * s;
            }

            @Override
            public void gradientX(double[] x, double[] w, double[] out) {
                java.util.Arrays.fill(out, 0.0);
            }
        };
    }
}
