package org.tandemopt.bilevel.nonsmooth;

/** The outcome of nonsmooth implicit differentiation at a solution ({@link SupportRestrictedJacobian}). */
public enum NonsmoothStatus {
    /** The selected element is qualified and no kink changes the answer: the Jacobian is the Jacobian. */
    OK,
    /**
     * Some coordinate lies on a kink of the prox and the two extreme selections there give different
     * Jacobians (or one of them is not qualified): the derivative is set-valued, and the number returned is
     * only the selected element, not "the" derivative.
     */
    KINK_AMBIGUITY,
    /**
     * The restricted system {@code I − A_SS} of the selected element is singular or too ill-conditioned
     * (smallest singular value below the qualification tolerance): the nonsmooth implicit function theorem
     * does not apply; no Jacobian is returned.
     */
    NOT_QUALIFIED,
    /** The prox's selected Jacobian is not diagonal, so no support restriction exists (use the piggyback). */
    NOT_SEPARABLE,
    /** A NaN or infinity appeared. */
    NON_FINITE
}
