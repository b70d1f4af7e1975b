package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/**
 * A {@link LinearOperator} backed by a square {@link DenseMatrix}: {@code apply(v, out)} is
 * {@code out ← A v}. It is what {@link LinearOperator#of(DenseMatrix)} returns; the direct solvers test for
 * it and factorize {@link #matrix()} directly (no operator applications), whereas any other operator is
 * assembled by applying it to the {@code d} unit vectors.
 *
 * <p>Immutable and thread-safe (the matrix is immutable).
 */
public final class MatrixOperator implements LinearOperator {

    private final DenseMatrix matrix;

    /**
     * @param matrix a square matrix
     * @throws IllegalArgumentException if {@code matrix} is null or not square
     */
    public MatrixOperator(DenseMatrix matrix) {
        Functions.requireNonNull("a", matrix);
        if (matrix.rows() != matrix.cols()) {
            throw new IllegalArgumentException("a is " + matrix.rows() + " x " + matrix.cols()
                    + ", expected a square matrix");
        }
        this.matrix = matrix;
    }

    /** @return the matrix {@code A}. */
    public DenseMatrix matrix() {
        return matrix;
    }

    /** @return the dimension {@code d} ({@code A} is {@code d × d}). */
    public int dimension() {
        return matrix.rows();
    }

    @Override
    public void apply(double[] v, double[] out) {
        matrix.multiply(v, out);
    }

    @Override
    public String toString() {
        return "MatrixOperator[" + matrix.rows() + " x " + matrix.cols() + "]";
    }
}
