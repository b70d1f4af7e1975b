package org.tandemopt.core.function;

/**
 * A smooth scalar function {@code J : R^d -> R} with a fused value-and-gradient oracle.
 *
 * <p>Implementations are pure: the same input gives the same output, no state is kept between calls, and
 * a single instance may be called from many threads at once. Every oracle writes into an array the caller
 * owns, so a solver that reuses its buffers allocates nothing per iteration.
 *
 * <p>The Hessian-vector product is optional. Hand-coded functions override {@link #hessianVector} and
 * {@link #hasHessianVector}; functions built with automatic differentiation get it for free; anything
 * else can be wrapped, explicitly, by {@link FiniteDifferences#withHessianVector(DifferentiableFunction)}.
 */
public interface DifferentiableFunction {

    /** @return the dimension {@code d} of the argument. */
    int dimension();

    /** @return {@code J(x)}. */
    double value(double[] x);

    /**
     * Computes the gradient into {@code gradientOut} and returns the value.
     *
     * @param x           the point, length {@link #dimension()}, not modified
     * @param gradientOut receives {@code ∇J(x)}, length {@link #dimension()}
     * @return {@code J(x)}
     */
    double valueAndGradient(double[] x, double[] gradientOut);

    /** @return whether {@link #hessianVector} is supported. */
    default boolean hasHessianVector() {
        return false;
    }

    /**
     * Computes {@code ∇²J(x) v} into {@code out}.
     *
     * @throws UnsupportedOperationException when {@link #hasHessianVector()} is false
     */
    default void hessianVector(double[] x, double[] v, double[] out) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " has no Hessian-vector product; define it by automatic differentiation or wrap it with "
                + "FiniteDifferences.withHessianVector(...)");
    }
}
