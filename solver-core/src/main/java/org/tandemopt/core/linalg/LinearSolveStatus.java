package org.tandemopt.core.linalg;

/**
 * How a linear solve ended. Every status other than {@link #CONVERGED} is a numerical finding about the
 * operator or the budget, reported instead of thrown; {@link LinearSolveResult#residualNorm()} always says
 * how good the returned vector is.
 */
public enum LinearSolveStatus {
    /** The residual met the tolerance (or a direct factorization succeeded with a small residual). */
    CONVERGED,
    /** The iteration budget ran out before the tolerance was met; the returned iterate is the last one. */
    MAX_ITERATIONS,
    /**
     * The operator is not positive definite and the solver needs it to be: CG met a direction with
     * {@code pᵀAp ≤ 0} (the iterate before that step is returned), or a Cholesky factorization met a
     * non-positive pivot and an eigenvalue count found a negative eigenvalue (the inertia is in the result,
     * the solution array is left as it came in).
     */
    NEGATIVE_CURVATURE,
    /** The operator is singular to working precision (a zero pivot, or a Krylov breakdown with a large residual). */
    SINGULAR,
    /** The Neumann series diverged (the spectral radius of {@code I − αA} is at least 1). */
    DIVERGED,
    /** A NaN or infinity appeared. */
    NON_FINITE
}
