package org.tandemopt.core.optim.prox;

import java.util.Arrays;

/**
 * The (weighted) ℓ1 norm {@code r(u) = Σ_i λ_i |u_i|}, {@code λ_i ≥ 0}: the sparsity-inducing regulariser of
 * the Lasso (Tibshirani 1996). Its proximal operator is the soft-threshold
 *
 * <pre>
 *   prox_{t r}(v)_i = sign(v_i) · max(|v_i| − t λ_i, 0)
 * </pre>
 *
 * (Parikh &amp; Boyd, <em>Proximal Algorithms</em>, 2014, §6.5.2). Build it with one weight for every coordinate
 * ({@link #of(double)}, any dimension) or one weight per coordinate ({@link #weighted(double[])}, fixed
 * dimension).
 *
 * <p><b>Jacobian.</b> The soft-threshold is piecewise linear; its derivative is 1 where {@code |v_i| > tλ_i}
 * and 0 where {@code |v_i| < tλ_i}. At the kink {@code |v_i| = tλ_i} the Clarke (and conservative) Jacobian is
 * the interval {@code [0, 1]}; {@link #jacobianDiagonal} selects {@link #kinkDerivative()} there, 0 by default
 * (the choice that keeps the support of the Jacobian equal to the support of the solution), configurable with
 * {@link #withKinkDerivative(double)}. A coordinate with {@code tλ_i = 0} is the identity, derivative 1.
 *
 * <p>Immutable and thread-safe; {@code prox} allocates nothing and {@code out} may alias {@code v}.
 */
public final class L1Norm implements ProximalOperator {

    private final double lambda;
    private final double[] weights;
    private final double kinkDerivative;

    private L1Norm(double lambda, double[] weights, double kinkDerivative) {
        this.lambda = lambda;
        this.weights = weights;
        this.kinkDerivative = kinkDerivative;
    }

    /**
     * @param lambda the weight {@code λ ≥ 0} of every coordinate
     * @return {@code λ‖u‖₁} on any dimension
     */
    public static L1Norm of(double lambda) {
        return new L1Norm(ProxChecks.weight("lambda", lambda), null, 0.0);
    }

    /**
     * @param weights the weights {@code λ_i ≥ 0} (copied), at least one
     * @return {@code Σ λ_i |u_i|} on dimension {@code weights.length}
     */
    public static L1Norm weighted(double[] weights) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("weights must be a non-empty array, got "
                    + (weights == null ? "null" : "length 0"));
        }
        double[] w = weights.clone();
        for (int i = 0; i < w.length; i++) {
            ProxChecks.weight("weights[" + i + "]", w[i]);
        }
        return new L1Norm(Double.NaN, w, 0.0);
    }

    /**
     * @param s the derivative selected at {@code |v_i| = tλ_i}, in {@code [0, 1]} (default 0)
     * @return a copy selecting {@code s} at kinks
     */
    public L1Norm withKinkDerivative(double s) {
        return new L1Norm(lambda, weights, ProxChecks.kink(s));
    }

    /** @return the derivative selected at kinks. */
    public double kinkDerivative() {
        return kinkDerivative;
    }

    /** @return the weight of coordinate {@code i}. */
    public double weight(int i) {
        return weights == null ? lambda : weights[i];
    }

    @Override
    public int dimension() {
        return weights == null ? -1 : weights.length;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, dimension());
        for (int i = 0; i < v.length; i++) {
            out[i] = softThreshold(v[i], t * weight(i));
        }
    }

    @Override
    public double value(double[] u) {
        ProxChecks.point("u", u, dimension());
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += weight(i) * Math.abs(u[i]);
        }
        return s;
    }

    /** Diagonal of the selected Jacobian element: 1, 0, or {@link #kinkDerivative()} at {@code |v_i| = tλ_i}. */
    @Override
    public boolean jacobianDiagonal(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, dimension());
        for (int i = 0; i < v.length; i++) {
            out[i] = softThresholdDerivative(v[i], t * weight(i), kinkDerivative);
        }
        return true;
    }

    @Override
    public boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, dimension());
        ProxChecks.point("w", w, v.length);
        for (int i = 0; i < v.length; i++) {
            out[i] = softThresholdDerivative(v[i], t * weight(i), kinkDerivative) * w[i];
        }
        return true;
    }

    /** @return {@code sign(v) max(|v| − τ, 0)}. */
    static double softThreshold(double v, double tau) {
        if (v > tau) {
            return v - tau;
        }
        if (v < -tau) {
            return v + tau;
        }
        return Double.isNaN(v) ? v : 0.0; // NaN propagates: never a silently wrong number
    }

    /** @return the derivative of {@link #softThreshold} with {@code kink} selected at {@code |v| = τ > 0}. */
    static double softThresholdDerivative(double v, double tau, double kink) {
        if (tau == 0) {
            return 1.0;
        }
        double a = Math.abs(v);
        if (a > tau) {
            return 1.0;
        }
        if (a < tau) {
            return 0.0;
        }
        return a == tau ? kink : Double.NaN;
    }

    @Override
    public String toString() {
        return "L1Norm{" + (weights == null ? "lambda=" + lambda : "weights=" + Arrays.toString(weights))
                + (kinkDerivative == 0 ? "" : ", kinkDerivative=" + kinkDerivative) + "}";
    }
}
