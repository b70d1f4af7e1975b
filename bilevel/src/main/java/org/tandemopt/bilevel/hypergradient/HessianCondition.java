package org.tandemopt.bilevel.hypergradient;

/** What an estimator learned about {@code H_yy} at the inner point it used. */
public enum HessianCondition {
    /** The estimator does not look at {@code H_yy} (unrolled, forward, one-step, finite differences). */
    NOT_CHECKED,
    /** No sign of trouble: the solve converged and {@code vᵀ H_yy v > 0} for the adjoint {@code v}. */
    POSITIVE_DEFINITE,
    /** Singular to working precision. */
    SINGULAR,
    /** Indefinite: a direction of non-positive curvature was found. */
    INDEFINITE
}
