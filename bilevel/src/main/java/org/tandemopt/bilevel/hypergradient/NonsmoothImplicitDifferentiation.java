package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.nonsmooth.NonsmoothJacobian;
import org.tandemopt.bilevel.nonsmooth.ParametricProx;
import org.tandemopt.bilevel.nonsmooth.SupportRestrictedJacobian;
import org.tandemopt.core.function.Functions;

/**
 * Nonsmooth implicit differentiation for a lower level {@code g(x, y) = h(x, y) + r(x, y)}, {@code h} the
 * problem's (smooth) lower objective and {@code r} given by its {@link ParametricProx}: run the inner algorithm
 * (any of {@code org.tandemopt.bilevel.nonsmooth}: ISTA, FISTA, Douglas–Rachford, ADMM) as scheduled, then at
 * {@code y_K}
 * <pre>
 *   J = ∂y*(x)/∂x from (I − A_SS) J_S = B_S, J_N = 0          ({@link SupportRestrictedJacobian})
 *   ∇̂φ(x) = ∇_x f(x, y_K) + Jᵀ ∇_y f(x, y_K)
 * </pre>
 * Bolte, Le, Pauwels, Silveti-Falls, "Nonsmooth implicit differentiation for machine learning and
 * optimization", NeurIPS 2021; for the Lasso, Bertrand et al., "Implicit differentiation of Lasso-type models
 * for hyperparameter optimization", ICML 2020.
 *
 * <p><b>Trust.</b> The diagnostics carry {@code qualification}, the smallest {@code σ_min(I − A_SS)} over the
 * selections examined; the status is {@link HypergradientStatus#NOT_QUALIFIED} (estimate NaN) when the
 * selected element is not qualified, and {@link HypergradientStatus#KINK_AMBIGUITY} when a coordinate is on a
 * kink and the extreme selections disagree. Bias {@code O(‖y_K − y*‖)} as long as the support is identified;
 * the fixed-point residual of {@code y_K} is the diagnostics' inner residual. Memory {@code O(|S|² + m n)}.
 */
public final class NonsmoothImplicitDifferentiation implements HypergradientEstimator {

    private final ParametricProx prox;
    private final SupportRestrictedJacobian jacobian;

    private NonsmoothImplicitDifferentiation(ParametricProx prox, SupportRestrictedJacobian jacobian) {
        this.prox = Functions.requireNonNull("prox", prox);
        this.jacobian = Functions.requireNonNull("jacobian", jacobian);
    }

    /** @return the estimator for the term whose prox is {@code prox}, with {@link SupportRestrictedJacobian#defaults()}. */
    public static NonsmoothImplicitDifferentiation with(ParametricProx prox) {
        return new NonsmoothImplicitDifferentiation(prox, SupportRestrictedJacobian.defaults());
    }

    /** @return a copy using the given configuration of the restricted solve (kink and qualification tolerances). */
    public NonsmoothImplicitDifferentiation withJacobian(SupportRestrictedJacobian j) {
        return new NonsmoothImplicitDifferentiation(prox, j);
    }

    @Override
    public EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner) {
        return new Session(problem, inner);
    }

    @Override
    public String describe() {
        return "NonsmoothImplicitDifferentiation{" + prox + ", " + jacobian + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Session extends EstimatorSession {

        Session(BilevelProblem problem, InnerAlgorithm inner) {
            super(problem, inner);
        }

        @Override
        void differentiate(double[] x, double[] finalState) {
            NonsmoothJacobian j = jacobian.compute(g, prox, x, y);
            ownHvps += j.hessianVectorProducts();
            double q = j.sigmaMin();
            if (!Double.isNaN(j.sigmaMinLower())) {
                q = Math.min(q, j.sigmaMinLower());
            }
            if (!Double.isNaN(j.sigmaMinUpper())) {
                q = Math.min(q, j.sigmaMinUpper());
            }
            qualification = q;
            switch (j.status()) {
                case OK -> status = HypergradientStatus.OK;
                case KINK_AMBIGUITY -> status = HypergradientStatus.KINK_AMBIGUITY;
                case NOT_QUALIFIED -> status = HypergradientStatus.NOT_QUALIFIED;
                case NOT_SEPARABLE -> status = HypergradientStatus.LINEAR_SOLVE_FAILED;
                default -> status = HypergradientStatus.NON_FINITE;
            }
            double[][] jac = j.jacobian();
            for (int c = 0; c < n; c++) {
                if (jac == null) {
                    grad[c] = Double.NaN;
                    continue;
                }
                double s = fx[c];
                for (int i : j.support()) {
                    s += jac[i][c] * fy[i];
                }
                grad[c] = s;
            }
        }
    }
}
