package org.tandemopt.bilevel.problems;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linalg.MatrixKernels;

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
 * <p><b>Two forms.</b> The data form (default) applies {@code A} and {@code Aᵀ} in every oracle: a gradient
 * costs {@code 2Nm} multiply-adds, a Hessian-vector product one fused pass over {@code A}
 * ({@link DenseMatrix#multiplyThenTranspose}; the gradient is {@code AᵀAw/N − Aᵀb/N + e^{x}∘w} with {@code Aᵀb/N} formed
 * once, so it is one pass too). {@link #gramForm()} precomputes {@code AᵀA/N} and {@code Aᵀb/N}
 * so that both cost {@code m²}: the fast choice when {@code m < N} and many inner steps share the data
 * (unrolled and implicit hypergradients; measured in docs/PERFORMANCE-bilevel.md). Both forms give the same
 * derivatives to rounding. {@code e^{x}} is computed once per {@code x}, not per oracle call.
 *
 * <p>Immutable and thread-safe (scratch buffers are per thread).
 */
public final class RidgeHyperparameters {

    private final DenseMatrix a;
    private final double[] b;
    private final DenseMatrix v;
    private final double[] c;
    private final boolean perFeature;
    /** Gram form: {@code AᵀA/N} row-major, {@code Aᵀb/N}, {@code ‖b‖²/N}; null/NaN in the data form. */
    private final double[] gram;
    private final double[] atb;
    private final double bb;

    private RidgeHyperparameters(DenseMatrix a, double[] b, DenseMatrix v, double[] c, boolean perFeature) {
        Functions.requireNonNull("a", a);
        Functions.requireNonNull("v", v);
        Functions.requireFinite("b", b, a.rows());
        Functions.requireFinite("c", c, v.rows());
        if (v.cols() != a.cols()) {
            throw new IllegalArgumentException("v has " + v.cols() + " columns, expected " + a.cols()
                    + " (the columns of a)");
        }
        requireFiniteEntries("a", a);
        requireFiniteEntries("v", v);
        this.a = a;
        this.b = b.clone();
        this.v = v;
        this.c = c.clone();
        this.perFeature = perFeature;
        this.gram = null;
        this.atb = null;
        this.bb = Double.NaN;
    }

    /** The Gram form of {@code data}. */
    private RidgeHyperparameters(RidgeHyperparameters data) {
        this.a = data.a;
        this.b = data.b;
        this.v = data.v;
        this.c = data.c;
        this.perFeature = data.perFeature;
        int rows = a.rows();
        int m = a.cols();
        double scale = 1.0 / rows;
        double[] g = a.gram().toArray();
        for (int i = 0; i < g.length; i++) {
            g[i] *= scale;
        }
        double[] h = new double[m];
        a.multiplyTranspose(b, h);
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s += b[i] * b[i];
        }
        for (int j = 0; j < m; j++) {
            h[j] *= scale;
        }
        this.gram = g;
        this.atb = h;
        this.bb = s * scale;
    }

    /** Refuses a NaN or infinite entry, as the targets are refused: it would only surface as NaN derivatives. */
    private static void requireFiniteEntries(String name, DenseMatrix m) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                double e = m.get(i, j);
                if (!Double.isFinite(e)) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] = " + e
                            + ", expected finite data");
                }
            }
        }
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

    /**
     * @return a copy whose lower objective works on the precomputed Gram form {@code G = AᵀA/N},
     *         {@code h = Aᵀb/N}, {@code β = ‖b‖²/N}: {@code ∇_y g = G w − h + e^{x}∘w} and
     *         {@code H_yy u = G u + e^{x}∘u} cost {@code m²} instead of {@code 2Nm}; it pays when {@code m < N}
     *         (see docs/PERFORMANCE-bilevel.md). Forming {@code G} costs {@code N m²/2} multiply-adds once, here.
     *         The values returned by {@code gradientY} are then {@code ½(wᵀGw − 2hᵀw + β) + ½Σe^{x_j}w_j²},
     *         whose absolute rounding error is about {@code ε(β + wᵀGw)} (cancellation when the fit is close);
     *         {@code value} still uses the data and is accurate to the last digits. The upper level is unchanged.
     */
    public RidgeHyperparameters gramForm() {
        if (gram != null) {
            return this;
        }
        return new RidgeHyperparameters(this);
    }

    /** @return {@code Aᵀb/N}, computed once (the data-form gradient is {@code AᵀAw/N − Aᵀb/N + e^{x}∘w}). */
    private double[] atbData() {
        if (atb != null) {
            return atb;
        }
        double[] h = new double[a.cols()];
        a.multiplyTranspose(b, h);
        double scale = 1.0 / a.rows();
        for (int j = 0; j < h.length; j++) {
            h[j] *= scale;
        }
        return h;
    }

    /** @return whether the lower level uses the precomputed Gram form ({@link #gramForm()}). */
    public boolean isGramForm() {
        return gram != null;
    }

    /**
     * Per-thread work buffers of an oracle, and {@code e^{x}} cached for the last {@code x} seen (the inner
     * steps of one estimate all share one {@code x}, so the exponentials are taken once per estimate).
     */
    private static final class Scratch {
        final double[] rows;
        final double[] cols;
        final double[] lastX;
        final double[] reg;
        boolean valid;

        Scratch(int rows, int m, int n) {
            this.rows = new double[rows];
            this.cols = new double[m];
            this.lastX = new double[n];
            this.reg = new double[m];
        }

        /** @return {@code e^{x_{k(j)}}} for every feature {@code j}, recomputed only when {@code x} changed. */
        double[] reg(double[] x, boolean perFeature) {
            boolean same = valid;
            for (int k = 0; same && k < lastX.length; k++) {
                same = Double.doubleToRawLongBits(x[k]) == Double.doubleToRawLongBits(lastX[k]);
            }
            if (!same) {
                System.arraycopy(x, 0, lastX, 0, lastX.length);
                if (perFeature) {
                    for (int j = 0; j < reg.length; j++) {
                        reg[j] = Math.exp(x[j]);
                    }
                } else {
                    java.util.Arrays.fill(reg, Math.exp(x[0]));
                }
                valid = true;
            }
            return reg;
        }
    }

    /** @return the lower objective {@code g}. */
    public ParametricFunction lower() {
        final int rows = a.rows();
        final int m = a.cols();
        final int n = parameterDimension();
        final double scale = 1.0 / rows;
        final double[] gm = gram;
        final double[] h = atb;
        final double[] atbData = atbData();
        final double beta = bb;
        final boolean perFeature = this.perFeature;
        final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(rows, m, n));
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }
            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public double value(double[] x, double[] w) {
                Scratch sc = scratch.get();
                double[] e = sc.reg(x, perFeature);
                double[] r = sc.rows;
                a.multiply(w, r);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = r[i] - b[i];
                    s += t * t;
                }
                double q = 0;
                for (int j = 0; j < m; j++) {
                    q += e[j] * w[j] * w[j];
                }
                return 0.5 * scale * s + 0.5 * q;
            }

            @Override
            public double gradientY(double[] x, double[] w, double[] out) {
                Scratch sc = scratch.get();
                double[] e = sc.reg(x, perFeature);
                double q = 0;
                if (gm != null) {
                    // G w − h + e∘w, value ½(wᵀGw − 2hᵀw + β) + ½Σ e w²
                    MatrixKernels.multiply(gm, m, m, w, out);
                    double wgw = 0;
                    double hw = 0;
                    for (int j = 0; j < m; j++) {
                        double wj = w[j];
                        wgw += wj * out[j];
                        hw += h[j] * wj;
                        double ew = e[j] * wj;
                        q += ew * wj;
                        out[j] = out[j] - h[j] + ew;
                    }
                    return 0.5 * (wgw - 2 * hw + beta) + 0.5 * q;
                }
                // one pass over A: r = A w, out = Aᵀ r = AᵀA w; then ∇ = out/N − Aᵀb/N + e∘w
                double[] r = sc.rows;
                a.multiplyThenTranspose(w, r, out);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = r[i] - b[i];
                    s += t * t;
                }
                for (int j = 0; j < m; j++) {
                    double ew = e[j] * w[j];
                    out[j] = scale * out[j] - atbData[j] + ew;
                    q += ew * w[j];
                }
                return 0.5 * scale * s + 0.5 * q;
            }

            @Override
            public void gradientX(double[] x, double[] w, double[] out) {
                double[] e = scratch.get().reg(x, perFeature);
                if (perFeature) {
                    for (int j = 0; j < m; j++) {
                        out[j] = 0.5 * e[j] * w[j] * w[j];
                    }
                } else {
                    double q = 0;
                    for (int j = 0; j < m; j++) {
                        q += w[j] * w[j];
                    }
                    out[0] = 0.5 * e[0] * q;
                }
            }

            @Override
            public void hessianYY(double[] x, double[] w, double[] u, double[] out) {
                Scratch sc = scratch.get();
                double[] e = sc.reg(x, perFeature);
                if (gm != null) {
                    MatrixKernels.multiply(gm, m, m, u, out);
                    for (int j = 0; j < m; j++) {
                        out[j] += e[j] * u[j];
                    }
                    return;
                }
                a.multiplyThenTranspose(u, sc.rows, out);
                for (int j = 0; j < m; j++) {
                    out[j] = scale * out[j] + e[j] * u[j];
                }
            }

            @Override
            public void crossTranspose(double[] x, double[] w, double[] z, double[] out) {
                double[] e = scratch.get().reg(x, perFeature);
                if (perFeature) {
                    for (int j = 0; j < m; j++) {
                        out[j] = e[j] * w[j] * z[j];
                    }
                } else {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += w[j] * z[j];
                    }
                    out[0] = e[0] * s;
                }
            }

            @Override
            public void cross(double[] x, double[] w, double[] u, double[] out) {
                double[] e = scratch.get().reg(x, perFeature);
                for (int j = 0; j < m; j++) {
                    out[j] = e[j] * w[j] * u[perFeature ? j : 0];
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
