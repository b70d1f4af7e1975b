package org.tandemopt.bilevel.nonsmooth;

/**
 * The proximal operator of a convex, prox-friendly term {@code r(x, ·)} of a lower objective
 * {@code g(x, y) = h(x, y) + r(x, y)} whose weights may depend on the upper variable {@code x}:
 * <pre>
 *   P(x, v, t) = prox_{t r(x, ·)}(v) = argmin_u r(x, u) + ‖u − v‖² / (2t),
 * </pre>
 * with a <em>selected element</em> of its conservative Jacobian (Bolte and Pauwels, "Conservative set valued
 * fields, automatic differentiation, stochastic gradient methods and deep learning", Math. Program. 2021):
 * {@code J_v = ∂_v P} (symmetric, so the same matrix serves forward and reverse products) and
 * {@code J_x = ∂_x P}. Every implementation documents its selection at the kinks.
 *
 * <p>Implementations are immutable, thread-safe and allocation-free: {@link ParametricElasticNet} (ℓ1 and
 * elastic net with weights {@code λ(x)}), and {@link #of(org.tandemopt.core.optim.prox.ProximalOperator)}
 * for the {@code x}-independent operators of {@code core.optim.prox} (box, simplex, ball, group ℓ1).
 */
public interface ParametricProx {

    /** @return {@code n}, the dimension of {@code x} the weights read, or {@code -1} when {@code r} ignores {@code x}. */
    int parameterDimension();

    /** @return {@code m}, the dimension of {@code y}, or {@code -1} when the operator acts entrywise on any dimension. */
    int dimension();

    /** {@code out ← prox_{t r(x,·)}(v)}; {@code out} may alias {@code v}. */
    void prox(double[] x, double[] v, double t, double[] out);

    /** @return {@code r(x, y)}. */
    double value(double[] x, double[] y);

    /** {@code out ← J_v w}, the selected Jacobian element with respect to {@code v}; {@code out} may alias {@code w}, not {@code v}. */
    void jacobianVector(double[] x, double[] v, double t, double[] w, double[] out);

    /** {@code out ← out + J_x dx}, the derivative of the prox with respect to the weights' parameter {@code x}. */
    void parameterJacobianVector(double[] x, double[] v, double t, double[] dx, double[] out);

    /** {@code xAccumulate ← xAccumulate + J_xᵀ w}. */
    void parameterJacobianTranspose(double[] x, double[] v, double t, double[] w, double[] xAccumulate);

    /**
     * Writes the diagonal of the selected {@code J_v} when it is diagonal (separable {@code r}) and returns
     * true; returns false otherwise (the default). Support-restricted implicit differentiation needs it.
     */
    default boolean jacobianDiagonal(double[] x, double[] v, double t, double[] out) {
        return false;
    }

    /**
     * Marks in {@code out} the coordinates at which {@code v} lies on a kink of the prox (within
     * {@code tolerance} relative to the threshold), where the conservative Jacobian is a set and the
     * selection matters; returns how many, or {@code -1} when the operator cannot tell (the default).
     */
    default int kinks(double[] x, double[] v, double t, double tolerance, boolean[] out) {
        return -1;
    }

    /**
     * The same operator with the extreme selection at the kinks: every coordinate within {@code tolerance}
     * (relative, as in {@link #kinks}) of a kink takes the smallest ({@code upper = false}) or the largest
     * ({@code upper = true}) element of its conservative Jacobian, consistently in {@code J_v} and {@code J_x}.
     * Returns null when not available (the default).
     */
    default ParametricProx withExtremeSelection(boolean upper, double tolerance) {
        return null;
    }

    /**
     * Adapts an {@code x}-independent proximal operator of {@code core.optim.prox}: {@code J_x = 0}, and
     * {@code J_v} is the operator's own selection ({@code jacobianVector}, or {@code jacobianDiagonal}).
     *
     * @throws IllegalArgumentException if {@code operator} is null
     */
    static ParametricProx of(org.tandemopt.core.optim.prox.ProximalOperator operator) {
        return new FixedProx(operator);
    }
}
