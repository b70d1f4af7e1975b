package org.tandemopt.core.linalg;

/** How a linear solve ended. */
public enum LinearSolveStatus {
    /** The residual met the tolerance (or a direct factorization succeeded with a small residual). */
    CONVERGED,
    /** The iteration budget ran out before the tolerance was met; the returned iterate is the last one. */
    MAX_ITERATIONS,
    /** CG met {@code pᵀAp ≤ 0}: the operator is not positive definite; the iterate before that step is returned. */
    NEGATIVE_CURVATURE,
    /** The operator is singular to working precision (a zero pivot, or a Krylov breakdown with a large residual). */
    SINGULAR,
    /** The Neumann series diverged (the spectral radius of {@code I − αA} is at least 1). */
    DIVERGED,
    /** A NaN or infinity appeared. */
    NON_FINITE
}
