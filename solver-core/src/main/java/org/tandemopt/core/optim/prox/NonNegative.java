package org.tandemopt.core.optim.prox;

/**
 * The projection onto the non-negative orthant {@code C = {u : u_i ≥ 0}}: {@code Π_C(v)_i = max(v_i, 0)}, the
 * proximal operator of the indicator of {@code C} for every step {@code t}. Use it for non-negativity
 * constraints (non-negative least squares, non-negative matrix factorisation factors, variance parameters).
 *
 * <p><b>Jacobian.</b> Diagonal: 1 where {@code v_i > 0}, 0 where {@code v_i < 0}; at the kink {@code v_i = 0}
 * the Clarke Jacobian is {@code [0, 1]} and {@link #jacobianDiagonal} selects {@link #kinkDerivative()}, 0 by
 * default (the relu convention {@code relu'(0) = 0}), configurable with {@link #withKinkDerivative(double)}.
 *
 * <p>Acts entrywise on any dimension. Immutable and thread-safe; allocation-free; {@code out} may alias
 * {@code v}.
 */
public final class NonNegative implements Projection {

    private static final NonNegative DEFAULT = new NonNegative(0.0);

    private final double kinkDerivative;

    private NonNegative(double kinkDerivative) {
        this.kinkDerivative = kinkDerivative;
    }

    /** @return the projection with derivative 0 selected at {@code v_i = 0}. */
    public static NonNegative of() {
        return DEFAULT;
    }

    /**
     * @param s the derivative selected at {@code v_i = 0}, in {@code [0, 1]} (default 0)
     * @return a copy with that selection
     */
    public NonNegative withKinkDerivative(double s) {
        return new NonNegative(ProxChecks.kink(s));
    }

    /** @return the derivative selected at {@code v_i = 0}. */
    public double kinkDerivative() {
        return kinkDerivative;
    }

    @Override
    public int dimension() {
        return -1;
    }

    @Override
    public void project(double[] v, double[] out) {
        ProxChecks.lengths(v, "out", out, -1);
        for (int i = 0; i < v.length; i++) {
            double vi = v[i];
            out[i] = vi < 0 ? 0.0 : vi; // NaN propagates; -0.0 stays -0.0 (it is in C)
        }
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        project(v, out);
    }

    @Override
    public boolean contains(double[] u, double tolerance) {
        ProxChecks.point("u", u, -1);
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance = " + tolerance + ", expected a number >= 0");
        }
        for (double ui : u) {
            if (!(ui >= -tolerance)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean jacobianDiagonal(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, -1);
        for (int i = 0; i < v.length; i++) {
            out[i] = derivative(v[i]);
        }
        return true;
    }

    @Override
    public boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, -1);
        ProxChecks.point("w", w, v.length);
        for (int i = 0; i < v.length; i++) {
            out[i] = derivative(v[i]) * w[i];
        }
        return true;
    }

    private double derivative(double vi) {
        if (vi > 0) {
            return 1.0;
        }
        if (vi < 0) {
            return 0.0;
        }
        return vi == 0 ? kinkDerivative : Double.NaN;
    }

    @Override
    public String toString() {
        return "NonNegative{" + (kinkDerivative == 0 ? "" : "kinkDerivative=" + kinkDerivative) + "}";
    }
}
