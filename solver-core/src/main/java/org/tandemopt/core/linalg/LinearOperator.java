package org.tandemopt.core.linalg;

/**
 * A square linear map {@code v ↦ A v} on {@code R^d}, given only by its action. The implicit systems of
 * bilevel optimization ({@code H_yy v = ∇_y f}) are solved through this interface, so the Hessian is never
 * formed unless a direct solver asks for it.
 *
 * <p>{@link #apply} must not keep references to its arguments and must write the whole of {@code out}.
 */
@FunctionalInterface
public interface LinearOperator {

    /** Computes {@code out ← A v}; {@code v} and {@code out} are distinct arrays of length {@code d}. */
    void apply(double[] v, double[] out);

    /**
     * Wraps a dense symmetric or general matrix stored row-major in a {@link DenseMatrix}. The returned
     * operator is a {@link MatrixOperator}, so the direct solvers ({@link DenseCholesky}, {@link DenseLU})
     * recognise it and read the matrix instead of assembling it column by column.
     *
     * @throws IllegalArgumentException if {@code a} is null or not square
     */
    static LinearOperator of(DenseMatrix a) {
        return new MatrixOperator(a);
    }
}
