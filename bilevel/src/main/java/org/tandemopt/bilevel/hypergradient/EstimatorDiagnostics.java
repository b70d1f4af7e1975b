package org.tandemopt.bilevel.hypergradient;

/**
 * What one hypergradient estimate cost and how far it can be trusted. Quantities an estimator does not
 * compute are NaN (doubles) or 0 (counts).
 *
 * @param status                 whether the estimate can be trusted
 * @param innerSteps             inner steps run by this estimate
 * @param innerResidual          {@code ‖∇_y g(x, y)‖} at the returned inner point
 * @param linearSolveResidual    {@code ‖H_yy v − ∇_y f‖} of implicit differentiation
 * @param linearSolveIterations  iterations of that solve
 * @param gradientEvaluations    gradients of {@code f} and {@code g}
 * @param hessianVectorProducts  products {@code H_yy v}
 * @param mixedProducts          products {@code H_yx u}, {@code H_yxᵀ w}
 * @param peakStoredStates       most inner states held in memory at once (the tape of reverse mode)
 * @param wallNanos              wall time of the estimate
 * @param hessianCondition       what was learned about {@code H_yy}
 * @param inertia                {@code {positive, negative, zero}} eigenvalue counts from a direct solver, or null
 * @param derivativeGrowth       largest norm of the propagated derivative (adjoint or Jacobian) relative to
 *                               its initial norm; NaN when none is propagated
 * @param derivativeBlowUp       whether that growth exceeded the estimator's blow-up factor or was not finite
 * @param qualification          the smallest singular value of the (restricted) implicit system checked by a
 *                               nonsmooth implicit estimator (the smallest over the selections examined at kinks);
 *                               NaN when not checked
 */
public record EstimatorDiagnostics(HypergradientStatus status, int innerSteps, double innerResidual,
                                   double linearSolveResidual, int linearSolveIterations, long gradientEvaluations,
                                   long hessianVectorProducts, long mixedProducts, int peakStoredStates,
                                   long wallNanos, HessianCondition hessianCondition, int[] inertia,
                                   double derivativeGrowth, boolean derivativeBlowUp, double qualification) {

    public EstimatorDiagnostics {
        inertia = inertia == null ? null : inertia.clone();
    }

    /** The diagnostics without a qualification check ({@code qualification = NaN}). */
    public EstimatorDiagnostics(HypergradientStatus status, int innerSteps, double innerResidual,
                                double linearSolveResidual, int linearSolveIterations, long gradientEvaluations,
                                long hessianVectorProducts, long mixedProducts, int peakStoredStates,
                                long wallNanos, HessianCondition hessianCondition, int[] inertia,
                                double derivativeGrowth, boolean derivativeBlowUp) {
        this(status, innerSteps, innerResidual, linearSolveResidual, linearSolveIterations, gradientEvaluations,
                hessianVectorProducts, mixedProducts, peakStoredStates, wallNanos, hessianCondition, inertia,
                derivativeGrowth, derivativeBlowUp, Double.NaN);
    }

    @Override
    public int[] inertia() {
        return inertia == null ? null : inertia.clone();
    }

    /** @return whether the status is {@link HypergradientStatus#OK}. */
    public boolean ok() {
        return status == HypergradientStatus.OK;
    }

    @Override
    public String toString() {
        return "EstimatorDiagnostics{" + status + ", innerSteps=" + innerSteps + ", innerResidual=" + innerResidual
                + ", solveResidual=" + linearSolveResidual + ", solveIterations=" + linearSolveIterations
                + ", gradients=" + gradientEvaluations + ", hvps=" + hessianVectorProducts + ", mixed=" + mixedProducts
                + ", peakStates=" + peakStoredStates + ", hessian=" + hessianCondition
                + (inertia == null ? "" : ", inertia=" + java.util.Arrays.toString(inertia))
                + ", growth=" + derivativeGrowth + ", blowUp=" + derivativeBlowUp
                + (Double.isNaN(qualification) ? "" : ", qualification=" + qualification) + ", nanos=" + wallNanos + "}";
    }
}
