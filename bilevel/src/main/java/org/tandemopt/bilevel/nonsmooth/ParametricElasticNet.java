package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.core.function.Functions;

/**
 * The ℓ1 / elastic-net term with weights that depend on the upper variable,
 * <pre>
 *   r(x, y) = Σ_i α_i(x) |y_i| + (β/2) ‖y‖²,      α_i(x) = x_0 | e^{x_0} | x_i | e^{x_i},   β ≥ 0 fixed,
 * </pre>
 * (Lasso: Tibshirani 1996; elastic net: Zou and Hastie 2005) — the regulariser whose strength a bilevel
 * problem tunes, with one shared weight ({@code n = 1}) or one weight per feature ({@code n = m}), linear
 * ({@code α = x}, needs {@code x ≥ 0}; a negative weight gives NaN, never a wrong number) or log-parametrised
 * ({@code α = e^x}). Its prox is the scaled soft-threshold
 * <pre>
 *   P(x, v, t)_i = sign(v_i) max(|v_i| − tα_i, 0) / (1 + tβ).
 * </pre>
 *
 * <p><b>Selected Jacobian.</b> With {@code d_i = 1} where {@code |v_i| > tα_i}, {@code 0} where
 * {@code |v_i| < tα_i}: {@code ∂P_i/∂v_i = d_i/(1 + tβ)} and {@code ∂P_i/∂α_i = −t sign(v_i) d_i/(1 + tβ)}.
 * At a kink {@code |v_i| = tα_i > 0} the conservative Jacobian of the soft-threshold in {@code (v, τ)} is the
 * segment between {@code (0, 0)} and {@code (1, −sign v)}; this class selects {@code d_i = s} there with
 * {@code s = 0} by default (the support of the derivative equals the support of the solution;
 * {@link #withKinkDerivative(double)} changes it), and reports the kink ({@link #kinks}). A zero weight has no
 * kink ({@code d_i = 1}). Bolte, Pauwels, Vaiter, "Automatic differentiation of nonsmooth iterative
 * algorithms", NeurIPS 2022, §2.
 *
 * <p>Immutable, thread-safe, allocation-free.
 */
public final class ParametricElasticNet implements ParametricProx {

    /** How the weights {@code α_i} read {@code x}. */
    public enum Weighting {
        /** {@code α_i = x_0} for every {@code i} ({@code n = 1}; needs {@code x_0 ≥ 0}). */
        SHARED_LINEAR,
        /** {@code α_i = e^{x_0}} ({@code n = 1}). */
        SHARED_LOG,
        /** {@code α_i = x_i} ({@code n = m}; needs {@code x ≥ 0}). */
        PER_FEATURE_LINEAR,
        /** {@code α_i = e^{x_i}} ({@code n = m}). */
        PER_FEATURE_LOG
    }

    private final Weighting weighting;
    private final int m;
    private final double beta;
    private final double kink;
    private final double kinkTolerance;

    private ParametricElasticNet(Weighting weighting, int m, double beta, double kink) {
        this(weighting, m, beta, kink, 0.0);
    }

    private ParametricElasticNet(Weighting weighting, int m, double beta, double kink, double kinkTolerance) {
        this.weighting = weighting;
        this.m = m;
        this.beta = beta;
        this.kink = kink;
        this.kinkTolerance = kinkTolerance;
    }

    /** @return {@code x_0 ‖y‖₁} (the Lasso with the strength {@code λ = x_0} itself as the parameter). */
    public static ParametricElasticNet lasso() {
        return new ParametricElasticNet(Weighting.SHARED_LINEAR, -1, 0, 0);
    }

    /**
     * @param weighting how {@code α} reads {@code x}
     * @param m         the dimension of {@code y} (used by the per-feature weightings; any value ≥ 1 otherwise)
     * @param beta      the quadratic weight {@code β ≥ 0} ({@code 0}: the Lasso)
     */
    public static ParametricElasticNet of(Weighting weighting, int m, double beta) {
        Functions.requireNonNull("weighting", weighting);
        Functions.requireAtLeast("m", m, 1);
        Functions.requireNonNegative("beta", beta);
        boolean per = weighting == Weighting.PER_FEATURE_LINEAR || weighting == Weighting.PER_FEATURE_LOG;
        return new ParametricElasticNet(weighting, per ? m : -1, beta, 0);
    }

    /**
     * @param s the derivative {@code d_i} selected at a kink, in {@code [0, 1]} (default 0)
     * @return a copy with that selection
     */
    public ParametricElasticNet withKinkDerivative(double s) {
        return new ParametricElasticNet(weighting, m, beta, Functions.requireInRange("s", s, 0, 1));
    }

    /** @return the derivative selected at kinks. */
    public double kinkDerivative() {
        return kink;
    }

    /** @return {@code β}. */
    public double beta() {
        return beta;
    }

    /** @return the weighting. */
    public Weighting weighting() {
        return weighting;
    }

    @Override
    public int parameterDimension() {
        return m == -1 ? 1 : m;
    }

    @Override
    public int dimension() {
        return m;
    }

    private boolean perFeature() {
        return m != -1;
    }

    private boolean log() {
        return weighting == Weighting.SHARED_LOG || weighting == Weighting.PER_FEATURE_LOG;
    }

    /** @return {@code α_i(x)}, NaN when a linear weight is negative. */
    public double weight(double[] x, int i) {
        double z = x[perFeature() ? i : 0];
        if (log()) {
            return Math.exp(z);
        }
        return z >= 0 ? z : Double.NaN;
    }

    /** @return {@code dα_i/dx_{k(i)}}. */
    private double weightDerivative(double[] x, int i, double alpha) {
        return log() ? alpha : 1.0;
    }

    private int index(int i) {
        return perFeature() ? i : 0;
    }

    private double d(double v, double tau) {
        if (tau == 0) {
            return 1.0;
        }
        double a = Math.abs(v);
        if (kinkTolerance > 0 && Math.abs(a - tau) <= kinkTolerance * tau) {
            return kink;
        }
        if (a > tau) {
            return 1.0;
        }
        if (a < tau) {
            return 0.0;
        }
        return a == tau ? kink : Double.NaN;
    }

    @Override
    public void prox(double[] x, double[] v, double t, double[] out) {
        double s = 1.0 / (1.0 + t * beta);
        for (int i = 0; i < v.length; i++) {
            double tau = t * weight(x, i);
            double vi = v[i];
            double r;
            if (!(tau >= 0)) {
                r = Double.NaN;
            } else if (vi > tau) {
                r = vi - tau;
            } else if (vi < -tau) {
                r = vi + tau;
            } else {
                r = Double.isNaN(vi) ? vi : 0.0;
            }
            out[i] = r * s;
        }
    }

    @Override
    public double value(double[] x, double[] y) {
        double a = 0;
        double q = 0;
        for (int i = 0; i < y.length; i++) {
            a += weight(x, i) * Math.abs(y[i]);
            q += y[i] * y[i];
        }
        return a + 0.5 * beta * q;
    }

    @Override
    public void jacobianVector(double[] x, double[] v, double t, double[] w, double[] out) {
        double s = 1.0 / (1.0 + t * beta);
        for (int i = 0; i < v.length; i++) {
            out[i] = d(v[i], t * weight(x, i)) * s * w[i];
        }
    }

    @Override
    public boolean jacobianDiagonal(double[] x, double[] v, double t, double[] out) {
        double s = 1.0 / (1.0 + t * beta);
        for (int i = 0; i < v.length; i++) {
            out[i] = d(v[i], t * weight(x, i)) * s;
        }
        return true;
    }

    @Override
    public void parameterJacobianVector(double[] x, double[] v, double t, double[] dx, double[] out) {
        double s = 1.0 / (1.0 + t * beta);
        for (int i = 0; i < v.length; i++) {
            double alpha = weight(x, i);
            double di = d(v[i], t * alpha);
            if (di != 0) {
                out[i] -= t * Math.signum(v[i]) * di * s * weightDerivative(x, i, alpha) * dx[index(i)];
            }
        }
    }

    @Override
    public void parameterJacobianTranspose(double[] x, double[] v, double t, double[] w, double[] xAccumulate) {
        double s = 1.0 / (1.0 + t * beta);
        for (int i = 0; i < v.length; i++) {
            double alpha = weight(x, i);
            double di = d(v[i], t * alpha);
            if (di != 0) {
                xAccumulate[index(i)] -= t * Math.signum(v[i]) * di * s * weightDerivative(x, i, alpha) * w[i];
            }
        }
    }

    @Override
    public int kinks(double[] x, double[] v, double t, double tolerance, boolean[] out) {
        int count = 0;
        for (int i = 0; i < v.length; i++) {
            double tau = t * weight(x, i);
            boolean k = tau > 0 && Math.abs(Math.abs(v[i]) - tau) <= tolerance * tau;
            out[i] = k;
            if (k) {
                count++;
            }
        }
        return count;
    }

    /**
     * The extreme selections: kink derivative 0 or 1, applied to every coordinate within {@code tolerance}
     * (relative) of its threshold.
     */
    @Override
    public ParametricElasticNet withExtremeSelection(boolean upper, double tolerance) {
        return new ParametricElasticNet(weighting, m, beta, upper ? 1.0 : 0.0,
                Functions.requireNonNegative("tolerance", tolerance));
    }

    @Override
    public String toString() {
        return "ParametricElasticNet{" + weighting + (perFeature() ? ", m=" + m : "") + ", beta=" + beta
                + (kink == 0 ? "" : ", kinkDerivative=" + kink) + "}";
    }
}
