package org.tandemopt.core.optim.prox;

/**
 * The proximal operator of a closed convex function {@code r}:
 * {@code prox_{t r}(v) = argmin_u r(u) + ‖u − v‖² / (2t)}. Implementations are immutable, thread-safe and
 * allocation-free; {@code out} may alias {@code v}.
 */
public interface ProximalOperator {

    /** @return the dimension, or {@code -1} when the operator acts entrywise on any dimension. */
    int dimension();

    /** Computes {@code prox_{t r}(v)} into {@code out}, for a step {@code t > 0}. */
    void prox(double[] v, double t, double[] out);

    /** @return {@code r(u)} ({@code +∞} outside the domain of an indicator). */
    double value(double[] u);

    /**
     * Writes into {@code out} the diagonal of a selected element of the (conservative) Jacobian of
     * {@code v ↦ prox_{t r}(v)} when that Jacobian is diagonal, as for separable {@code r}, and returns true;
     * returns false when it is not diagonal. At kinks the selection is documented by the implementation.
     */
    default boolean jacobianDiagonal(double[] v, double t, double[] out) {
        return false;
    }

    /**
     * Writes into {@code out} the product {@code Jw} of a selected element {@code J} of the (conservative)
     * Jacobian of {@code v ↦ prox_{t r}(v)} with {@code w}, and returns true; returns false when the operator
     * does not provide it. The Jacobian of the prox of a convex function is symmetric, so this is also the
     * vector-Jacobian product {@code wᵀJ}. It is the general form of {@link #jacobianDiagonal} for operators
     * whose Jacobian is not diagonal (block soft-thresholding, simplex projection); the selection at kinks is
     * the one {@link #jacobianDiagonal} documents. {@code out} may alias {@code w}, not {@code v}.
     *
     * <p>The default returns false: operators opt in.
     */
    default boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
        return false;
    }
}
