package org.tandemopt.core.optim.prox;

/**
 * The elastic-net penalty {@code r(u) = λ₁‖u‖₁ + (λ₂/2)‖u‖²}, {@code λ₁, λ₂ ≥ 0} (Zou &amp; Hastie, "Regularization
 * and variable selection via the elastic net", JRSS-B 2005): sparsity from the ℓ1 part, grouping and strong
 * convexity from the quadratic part. Its proximal operator is a soft-threshold followed by a shrinkage:
 *
 * <pre>
 *   prox_{t r}(v)_i = sign(v_i) · max(|v_i| − t λ₁, 0) / (1 + t λ₂)
 * </pre>
 *
 * (Parikh &amp; Boyd, <em>Proximal Algorithms</em>, 2014, §6.5.3).
 *
 * <p><b>Jacobian.</b> Diagonal, {@code 1/(1 + tλ₂)} where {@code |v_i| > tλ₁} and 0 where {@code |v_i| < tλ₁};
 * at the kink {@code |v_i| = tλ₁ > 0} the Clarke Jacobian is {@code [0, 1/(1 + tλ₂)]} and
 * {@link #jacobianDiagonal} selects {@code kinkDerivative/(1 + tλ₂)}, with {@code kinkDerivative = 0} by
 * default ({@link #withKinkDerivative(double)} changes it). With {@code λ₁ = 0} there is no kink.
 *
 * <p>Acts entrywise on any dimension. Immutable and thread-safe; {@code prox} allocates nothing and
 * {@code out} may alias {@code v}.
 */
public final class ElasticNet implements ProximalOperator {

    private final double l1;
    private final double l2;
    private final double kinkDerivative;

    private ElasticNet(double l1, double l2, double kinkDerivative) {
        this.l1 = l1;
        this.l2 = l2;
        this.kinkDerivative = kinkDerivative;
    }

    /**
     * @param lambda1 the ℓ1 weight {@code λ₁ ≥ 0}
     * @param lambda2 the quadratic weight {@code λ₂ ≥ 0}
     * @return {@code λ₁‖u‖₁ + (λ₂/2)‖u‖²}
     */
    public static ElasticNet of(double lambda1, double lambda2) {
        return new ElasticNet(ProxChecks.weight("lambda1", lambda1), ProxChecks.weight("lambda2", lambda2), 0.0);
    }

    /**
     * @param s the soft-threshold derivative selected at {@code |v_i| = tλ₁}, in {@code [0, 1]} (default 0)
     * @return a copy with that selection
     */
    public ElasticNet withKinkDerivative(double s) {
        return new ElasticNet(l1, l2, ProxChecks.kink(s));
    }

    /** @return {@code λ₁}. */
    public double lambda1() {
        return l1;
    }

    /** @return {@code λ₂}. */
    public double lambda2() {
        return l2;
    }

    /** @return the soft-threshold derivative selected at kinks (before the {@code 1/(1 + tλ₂)} factor). */
    public double kinkDerivative() {
        return kinkDerivative;
    }

    @Override
    public int dimension() {
        return -1;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, -1);
        double tau = t * l1;
        double shrink = 1.0 / (1.0 + t * l2);
        for (int i = 0; i < v.length; i++) {
            out[i] = L1Norm.softThreshold(v[i], tau) * shrink;
        }
    }

    @Override
    public double value(double[] u) {
        ProxChecks.point("u", u, -1);
        double a = 0;
        double q = 0;
        for (double ui : u) {
            a += Math.abs(ui);
            q += ui * ui;
        }
        return l1 * a + 0.5 * l2 * q;
    }

    @Override
    public boolean jacobianDiagonal(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, -1);
        double tau = t * l1;
        double shrink = 1.0 / (1.0 + t * l2);
        for (int i = 0; i < v.length; i++) {
            out[i] = L1Norm.softThresholdDerivative(v[i], tau, kinkDerivative) * shrink;
        }
        return true;
    }

    @Override
    public boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, -1);
        ProxChecks.point("w", w, v.length);
        double tau = t * l1;
        double shrink = 1.0 / (1.0 + t * l2);
        for (int i = 0; i < v.length; i++) {
            out[i] = L1Norm.softThresholdDerivative(v[i], tau, kinkDerivative) * shrink * w[i];
        }
        return true;
    }

    @Override
    public String toString() {
        return "ElasticNet{lambda1=" + l1 + ", lambda2=" + l2
                + (kinkDerivative == 0 ? "" : ", kinkDerivative=" + kinkDerivative) + "}";
    }
}
