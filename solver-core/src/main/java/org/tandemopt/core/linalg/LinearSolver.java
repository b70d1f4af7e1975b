package org.tandemopt.core.linalg;

/**
 * A solver of {@code A v = b} for a square {@link LinearOperator}. Implementations are immutable
 * configuration (tolerance, iteration budget) and thread-safe; per-solve work buffers are allocated per call
 * or kept per thread, as each documents.
 *
 * <p>{@code solution} carries the warm start in and the solution out, which is how implicit
 * differentiation reuses the previous adjoint across outer iterations. A solve never throws for numerical
 * trouble: the returned {@link LinearSolveResult} says what happened.
 */
public interface LinearSolver {

    /**
     * Solves {@code A v = b}.
     *
     * @param a        the operator, of dimension {@code b.length}
     * @param b        the right-hand side (not modified)
     * @param solution in: the starting guess (zeros for a cold start); out: the computed solution
     * @return status, residual norm {@code ‖b − A v‖}, iterations and what the solver learned about {@code A}
     * @throws IllegalArgumentException if the arrays are null or of different lengths
     */
    LinearSolveResult solve(LinearOperator a, double[] b, double[] solution);
}
