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
    NON_FINITE(Termination.NON_FINITE),
    /**
     * Nonsmooth implicit differentiation: the inner solution lies on a kink of the prox where the extreme
     * elements of the conservative Jacobian give different hypergradients; the estimate is one selected element,
     * not the derivative. Solvers stop rather than trust it.
     */
    KINK_AMBIGUITY(Termination.LINEAR_SOLVE_FAILED),
    /**
     * Nonsmooth implicit differentiation: the qualification condition failed (the restricted implicit system is
     * singular or too ill-conditioned), so the implicit function theorem does not apply; no estimate is given.
     */
    NOT_QUALIFIED(Termination.LINEAR_SOLVE_FAILED);


    private final Termination termination;

    HypergradientStatus(Termination termination) {
        this.termination = termination;
    }

    /** @return the termination a solver reports when it meets this status, or {@code null} for {@link #OK}. */
    public Termination termination() {
        return termination;
    }
}
