package org.tandemopt.core.linalg;

/**
 * What a {@link LinearSolver} reports about one solve.
 *
 * @param status           how the solve ended
 * @param residualNorm     {@code ‖b − A v‖} at the returned solution (recomputed or tracked, as the solver documents)
 * @param iterations       iterations (Krylov steps, Neumann terms; 1 for a direct solve)
 * @param operatorApplications how many times {@code A} was applied
 * @param negativeCurvature whether {@code A} was found not to be positive definite: a direction {@code p} with
 *                          {@code pᵀ A p ≤ 0} (CG; MINRES through the pivots of its Lanczos matrix) or a
 *                          negative eigenvalue (Cholesky)
 * @param inertia          for direct symmetric solves, {@code {positive, negative, zero}} eigenvalue counts;
 *                         {@code null} when unknown
 */
public record LinearSolveResult(LinearSolveStatus status, double residualNorm, int iterations,
                                int operatorApplications, boolean negativeCurvature, int[] inertia) {

    public LinearSolveResult {
        inertia = inertia == null ? null : inertia.clone();
    }

    @Override
    public int[] inertia() {
        return inertia == null ? null : inertia.clone();
    }

    /** @return whether the solve reached its tolerance. */
    public boolean converged() {
        return status == LinearSolveStatus.CONVERGED;
    }
}
