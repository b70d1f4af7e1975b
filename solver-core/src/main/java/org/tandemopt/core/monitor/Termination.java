package org.tandemopt.core.monitor;

/**
 * Why a run ended. Every result carries one; none of them is an exception. The three predicates sort them
 * into convergence (the answer met a tolerance), limits (a budget or a request stopped a healthy run: the
 * answer is the best the budget allowed) and failures (the numbers went wrong: read the trace).
 */
public enum Termination {
    /** The gradient (or hypergradient, or saddle residual) norm met its absolute or relative tolerance. */
    CONVERGED_GRADIENT(Kind.CONVERGED),
    /** The objective changed less than its tolerance for the required number of consecutive iterations. */
    CONVERGED_VALUE(Kind.CONVERGED),
    /** The step {@code ‖x_{k+1} − x_k‖} was below its tolerance. */
    CONVERGED_STEP(Kind.CONVERGED),
    /** An algorithm-specific optimality test passed (for example a linear-solve residual); see the algorithm. */
    CONVERGED(Kind.CONVERGED),
    /** The iteration budget was used up. */
    MAX_ITERATIONS(Kind.LIMIT),
    /** The budget of function evaluations (values + gradients + second-order products) was used up. */
    MAX_EVALUATIONS(Kind.LIMIT),
    /** The wall-clock time limit was reached. */
    TIME_LIMIT(Kind.LIMIT),
    /** An {@link Interrupter} was triggered, possibly from another thread. */
    INTERRUPTED(Kind.LIMIT),
    /** A listener asked the run to stop. */
    STOPPED_BY_LISTENER(Kind.LIMIT),
    /**
     * A value, gradient or iterate became NaN or infinite. The trace keeps every iteration completed before. The
     * methods that check the function at a new iterate before accepting it (every {@code core.optim} optimizer)
     * return the last iterate at which value and gradient were finite, with that value, and their trace's last
     * record repeats it with step norm 0; otherwise (the driver's own check) the trace's last record is the
     * non-finite one and the record before it is the last finite iterate.
     */
    NON_FINITE(Kind.FAILURE),
    /** The line search found no step satisfying its condition within its trial budget. */
    LINE_SEARCH_FAILED(Kind.FAILURE),
    /** The search direction was not a descent direction (its slope was not negative). */
    NOT_DESCENT_DIRECTION(Kind.FAILURE),
    /** The iterates or values grew beyond the divergence bound. */
    DIVERGED(Kind.FAILURE),
    /** A propagated derivative (a Jacobian or adjoint carried through an iteration) grew beyond its bound. */
    DERIVATIVE_BLOW_UP(Kind.FAILURE),
    /** A linear solve inside the step did not converge (residual above tolerance at its budget). */
    LINEAR_SOLVE_FAILED(Kind.FAILURE),
    /** A Hessian that must be positive definite was found singular or indefinite. */
    INDEFINITE_HESSIAN(Kind.FAILURE);

    private enum Kind { CONVERGED, LIMIT, FAILURE }

    private final Kind kind;

    Termination(Kind kind) {
        this.kind = kind;
    }

    /** @return whether the run met a convergence tolerance. */
    public boolean isConverged() {
        return kind == Kind.CONVERGED;
    }

    /** @return whether a budget, an interrupter or a listener stopped a run that was otherwise healthy. */
    public boolean isLimit() {
        return kind == Kind.LIMIT;
    }

    /** @return whether the run failed numerically. */
    public boolean isFailure() {
        return kind == Kind.FAILURE;
    }
}
