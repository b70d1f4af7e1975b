package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.LinearOperator;
import org.tandemopt.core.linalg.LinearSolveResult;
import org.tandemopt.core.linalg.LinearSolveStatus;
import org.tandemopt.core.linalg.LinearSolver;
import org.tandemopt.core.linalg.LinearSolvers;

/**
 * Implicit differentiation: after the scheduled inner steps reach {@code y_K}, solve the adjoint system and
 * apply the implicit function theorem's formula at {@code y_K}:
 * <pre>
 *   H_yy(x, y_K) v = ∇_y f(x, y_K),      ∇̂φ(x) = ∇_x f(x, y_K) − H_yx(x, y_K)ᵀ v.
 * </pre>
 * The system is solved matrix-free with the user's {@link LinearSolver} (conjugate gradient for a
 * positive-definite {@code H_yy}, MINRES when it may be indefinite, a dense factorization for small
 * {@code m}), warm-started from the previous outer iteration's {@code v} (on by default). {@link #create()}
 * uses {@link LinearSolvers#cg()}.
 *
 * <p><b>Bias.</b> Exact when {@code y_K = y*(x)} and the solve is exact; otherwise the error is
 * {@code O(‖y_K − y*‖ + ‖H_yy v − ∇_y f‖)} with constants set by {@code ‖H_yy⁻¹‖} and the Lipschitz constants
 * of the second derivatives (Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016;
 * Ghadimi and Wang, 2018). It does not depend on how {@code y_K} was reached. Not defined when {@code H_yy}
 * is singular (the implicit function theorem fails): the estimate then carries
 * {@link HypergradientStatus#SINGULAR_HESSIAN} or {@link HypergradientStatus#INDEFINITE_HESSIAN}, found from
 * the solver's report (negative curvature, a singular pivot, the inertia of a direct solver) and from the
 * free test {@code vᵀ∇_y f = vᵀ H_yy v > 0} — never a silent number.
 *
 * <p><b>Memory.</b> {@code O(m)}: one stored inner state; no tape. Cost: the inner steps, then one linear
 * solve ({@code H_yy} products) and one mixed product.
 */
public final class ImplicitDifferentiation implements HypergradientEstimator {

    private final LinearSolver solver;
    private final boolean warmStart;

    private ImplicitDifferentiation(LinearSolver solver, boolean warmStart) {
        this.solver = solver;
        this.warmStart = warmStart;
    }

    /**
     * @return implicit differentiation with the library's conjugate gradient, {@link LinearSolvers#cg()}
     *         (relative residual {@code 1e-10}, budget {@code 10 m} iterations), warm-starting {@code v}: the
     *         choice for a positive-definite {@code H_yy} (a strongly convex lower level)
     */
    public static ImplicitDifferentiation create() {
        return with(LinearSolvers.cg());
    }

    /** @return implicit differentiation with {@code solver}, warm-starting {@code v} across estimates. */
    public static ImplicitDifferentiation with(LinearSolver solver) {
        return new ImplicitDifferentiation(Functions.requireNonNull("solver", solver), true);
    }

    /** @return a copy that warm-starts {@code v} (default) or starts every solve from zero. */
    public ImplicitDifferentiation withWarmStart(boolean on) {
        return new ImplicitDifferentiation(solver, on);
    }

    public LinearSolver solver() { return solver; }
    public boolean warmStart() { return warmStart; }

    @Override
    public EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner) {
        return new Session(problem, inner);
    }

    @Override
    public String describe() {
        return "ImplicitDifferentiation{solver=" + solver + ", warmStart=" + warmStart + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Session extends EstimatorSession {
        private final double[] v;
        private final double[] mix;
        private double[] opX;
        private final LinearOperator hessian;

        Session(BilevelProblem problem, InnerAlgorithm inner) {
            super(problem, inner);
            if (!g.hasSecondOrder()) {
                throw new IllegalArgumentException("problem.lower() has no second-order oracles; expected H_yy v "
                        + "and H_yxᵀ w for implicit differentiation");
            }
            v = new double[m];
            mix = new double[n];
            hessian = (u, out) -> {
                g.hessianYY(opX, y, u, out);
                ownHvps++;
            };
        }

        /** The adjoint {@code v} of the last solve (the next solve's warm start). */
        @Override
        public double[] memory() {
            return v.clone();
        }

        @Override
        public void restoreMemory(double[] memory) {
            restoreInto(memory, v);
        }

        @Override
        void differentiate(double[] x, double[] finalState) {
            if (!warmStart) {
                java.util.Arrays.fill(v, 0.0);
            }
            opX = x;
            LinearSolveResult r = solver.solve(hessian, fy, v);
            solveResidual = r.residualNorm();
            solveIterations = r.iterations();
            inertia = r.inertia();
            hessianCondition = HessianCondition.POSITIVE_DEFINITE;
            if (r.status() == LinearSolveStatus.SINGULAR) {
                hessianCondition = HessianCondition.SINGULAR;
            }
            if (r.negativeCurvature() || r.status() == LinearSolveStatus.NEGATIVE_CURVATURE) {
                hessianCondition = HessianCondition.INDEFINITE;
            }
            if (inertia != null) {
                if (inertia[1] > 0) {
                    hessianCondition = HessianCondition.INDEFINITE;
                } else if (inertia[2] > 0) {
                    hessianCondition = HessianCondition.SINGULAR;
                }
            }
            // vᵀ H v = vᵀ ∇_y f must be positive for a positive-definite H_yy (free curvature test)
            if (hessianCondition == HessianCondition.POSITIVE_DEFINITE) {
                double vb = 0;
                double vv = 0;
                for (int i = 0; i < m; i++) {
                    vb += v[i] * fy[i];
                    vv += v[i] * v[i];
                }
                if (vv > 0 && !(vb > 0)) {
                    hessianCondition = HessianCondition.INDEFINITE;
                }
            }
            g.crossTranspose(x, y, v, mix);
            ownMixed++;
            for (int j = 0; j < n; j++) {
                grad[j] = fx[j] - mix[j];
            }
            if (hessianCondition == HessianCondition.SINGULAR) {
                status = HypergradientStatus.SINGULAR_HESSIAN;
            } else if (hessianCondition == HessianCondition.INDEFINITE) {
                status = HypergradientStatus.INDEFINITE_HESSIAN;
            } else if (r.status() == LinearSolveStatus.NON_FINITE) {
                status = HypergradientStatus.NON_FINITE;
            } else if (!r.converged()) {
                status = HypergradientStatus.LINEAR_SOLVE_FAILED;
            }
            if (status != HypergradientStatus.OK && !allFinite(v)) {
                java.util.Arrays.fill(v, 0.0); // do not warm-start the next solve from garbage
            }
        }
    }
}
