package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.core.monitor.Termination;

/** Whether a hypergradient estimate can be trusted, and if not, why. */
public enum HypergradientStatus {
    /** No trouble was detected. */
    OK(null),
    /** {@code H_yy} was found singular (a zero pivot or eigenvalue, or a linear solve breakdown). */
    SINGULAR_HESSIAN(Termination.INDEFINITE_HESSIAN),
    /** {@code H_yy} was found indefinite (negative curvature, negative eigenvalues, or {@code vᵀH_yy v ≤ 0}). */
    INDEFINITE_HESSIAN(Termination.INDEFINITE_HESSIAN),
    /** The linear solve of implicit differentiation, or of a Newton inner step, did not converge. */
    LINEAR_SOLVE_FAILED(Termination.LINEAR_SOLVE_FAILED),
    /** A propagated derivative grew beyond the estimator's blow-up factor. */
    DERIVATIVE_BLOW_UP(Termination.DERIVATIVE_BLOW_UP),
    /** A NaN or infinity appeared in the inner iterates or the estimate. */
    NON_FINITE(Termination.NON_FINITE);

    private final Termination termination;

    HypergradientStatus(Termination termination) {
        this.termination = termination;
    }

    /** @return the termination a solver reports when it meets this status, or {@code null} for {@link #OK}. */
    public Termination termination() {
        return termination;
    }
}
