package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/**
 * Preconditioners for {@link ConjugateGradient}, each given by its inverse action {@code z ← M⁻¹ r}.
 *
 * <p>The Jacobi (diagonal) preconditioner {@code M = diag(A)} rescales the unknowns so that {@code M^{-1/2}
 * A M^{-1/2}} has unit diagonal; it helps when the rows of {@code A} have very different scales, costs
 * {@code d} multiplications per application and nothing to set up beyond the diagonal (Saad, <em>Iterative
 * Methods for Sparse Linear Systems</em>, 2nd ed., 2003, §10.2). The operators returned here are immutable
 * and thread-safe.
 */
public final class Preconditioners {

    private Preconditioners() {
    }

    /**
     * The Jacobi preconditioner {@code z_i = r_i / a_ii}.
     *
     * @param diagonal the diagonal of {@code A}; every entry finite and {@code > 0} (copied)
     * @throws IllegalArgumentException if an entry is not a finite positive number
     */
    public static LinearOperator jacobi(double[] diagonal) {
        Functions.requireNonNull("diagonal", diagonal);
        final double[] inverse = new double[diagonal.length];
        for (int i = 0; i < diagonal.length; i++) {
            if (!(diagonal[i] > 0) || !Double.isFinite(diagonal[i])) {
                throw new IllegalArgumentException("diagonal[" + i + "] = " + diagonal[i]
                        + ", expected a finite number > 0 (the Jacobi preconditioner needs a positive diagonal)");
            }
            inverse[i] = 1.0 / diagonal[i];
        }
        return new LinearOperator() {
            @Override
            public void apply(double[] r, double[] z) {
                for (int i = 0; i < inverse.length; i++) {
                    z[i] = inverse[i] * r[i];
                }
            }

            @Override
            public String toString() {
                return "Jacobi[" + inverse.length + "]";
            }
        };
    }

    /** The Jacobi preconditioner of a square matrix, from its diagonal (which must be positive). */
    public static LinearOperator jacobi(DenseMatrix a) {
        Functions.requireNonNull("a", a);
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("a is " + a.rows() + " x " + a.cols() + ", expected a square matrix");
        }
        double[] diagonal = new double[a.rows()];
        for (int i = 0; i < diagonal.length; i++) {
            diagonal[i] = a.get(i, i);
        }
        return jacobi(diagonal);
    }
}
