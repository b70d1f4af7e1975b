package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/**
 * The (preconditioned) conjugate gradient method of M. R. Hestenes and E. Stiefel, "Methods of conjugate
 * gradients for solving linear systems", J. Res. Nat. Bur. Standards 49 (1952), for {@code A v = b} with a
 * symmetric positive definite {@code A} given only by its action — the implicit system {@code H_yy v = ∇_y f}
 * of a strongly convex lower problem. Textbook reference: Nocedal &amp; Wright, <em>Numerical Optimization</em>,
 * 2nd ed., 2006, Algorithms 5.2 and 5.3.
 *
 * <p>Update, from {@code r_0 = b − A v_0}, {@code z_0 = M⁻¹ r_0}, {@code p_0 = z_0}:
 * <pre>
 *   α_k = r_kᵀz_k / p_kᵀA p_k
 *   v_{k+1} = v_k + α_k p_k,      r_{k+1} = r_k − α_k A p_k
 *   z_{k+1} = M⁻¹ r_{k+1},        β_k = r_{k+1}ᵀz_{k+1} / r_kᵀz_k,      p_{k+1} = z_{k+1} + β_k p_k
 * </pre>
 * with {@code M⁻¹ = I} unless a preconditioner is set (it must be symmetric positive definite; see
 * {@link Preconditioners#jacobi(double[])}). The iteration stops when {@code ‖r_k‖ ≤ max(rtol ‖b‖, atol)}.
 *
 * <p><b>Honest residuals.</b> The recursively updated {@code r_k} drifts from the true residual on
 * ill-conditioned systems. When it meets the tolerance, the true residual {@code b − A v_k} is computed (one
 * operator application, counted); if that does not meet the tolerance too, {@code r_k} is replaced by it and
 * CG restarts from the steepest-descent direction (residual replacement), within the same iteration budget.
 * {@link LinearSolveResult#residualNorm()} is always the true {@code ‖b − A v‖} of the returned vector.
 * For {@code b = 0} the answer {@code v = 0} is returned at once, whatever the warm start.
 *
 * <p><b>Negative curvature.</b> If a direction has {@code p_kᵀA p_k ≤ 0}, {@code A} is not positive
 * definite: the solve stops with {@link LinearSolveStatus#NEGATIVE_CURVATURE}, the negative-curvature flag
 * set, and {@code solution} holding the iterate before that step ({@code v_k}). Use {@link Minres} for
 * symmetric indefinite systems. A non-finite {@code pᵀAp} or residual ends the solve with
 * {@link LinearSolveStatus#NON_FINITE}; a preconditioner that gives {@code rᵀM⁻¹r ≤ 0} (not positive definite)
 * ends it with {@link LinearSolveStatus#SINGULAR}.
 *
 * <p><b>When to use.</b> Symmetric positive definite {@code A}, matrix-free (Hessian-vector products), any
 * size; {@code O(√κ log(1/ε))} iterations for condition number {@code κ}. The {@code d} iterations of exact
 * arithmetic are not a bound in floating point: the default budget is {@code 10 d}, and spectra spread over
 * many decades need more (measured: 3270 iterations, 16 d, for {@code d = 200} with eigenvalues log-spaced over
 * {@code [3.5e-6, 3.5]}, {@code κ = 1e6}, to {@code 1e-8}; 688 for {@code κ = 1e4} to {@code 1e-10}).
 *
 * <p><b>Defaults.</b> Relative tolerance {@value #DEFAULT_RELATIVE_TOLERANCE}, absolute tolerance 0 (off),
 * at most {@code 10 d} iterations ({@code d = b.length}), no preconditioner.
 *
 * <p><b>Memory and threads.</b> Immutable and thread-safe. Each solve allocates its work arrays ({@code r},
 * {@code p}, {@code A p}, and {@code z} with a preconditioner: {@code 3d} or {@code 4d} doubles) once, at
 * the start of the call; nothing is allocated per iteration. A cold start ({@code solution} all zeros) skips
 * the initial operator application.
 *
 * <pre>{@code
 * LinearSolver cg = ConjugateGradient.builder().relativeTolerance(1e-12).build();
 * double[] v = new double[m];                       // cold start; keep v for a warm start next time
 * LinearSolveResult r = cg.solve((u, out) -> g.hessianYY(x, y, u, out), gradYf, v);
 * }</pre>
 */
public final class ConjugateGradient implements LinearSolver {

    /** Default relative residual tolerance {@code ‖b − A v‖ ≤ 1e-10 ‖b‖}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-10;

    private static final ConjugateGradient DEFAULTS = new Builder().build();

    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final int maxIterations; // 0: 10 d
    private final LinearOperator preconditioner; // null: none

    private ConjugateGradient(Builder b) {
        this.relativeTolerance = b.relativeTolerance;
        this.absoluteTolerance = b.absoluteTolerance;
        this.maxIterations = b.maxIterations;
        this.preconditioner = b.preconditioner;
    }

    /** @return CG with every default. */
    public static ConjugateGradient defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this solver's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.relativeTolerance = relativeTolerance;
        b.absoluteTolerance = absoluteTolerance;
        b.maxIterations = maxIterations;
        b.preconditioner = preconditioner;
        return b;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    /** @return the iteration budget for a system of dimension {@code d}. */
    public int maxIterations(int d) {
        return maxIterations > 0 ? maxIterations : (int) Math.min(Integer.MAX_VALUE, 10L * d);
    }

    /** @return whether a preconditioner is set. */
    public boolean isPreconditioned() {
        return preconditioner != null;
    }

    @Override
    public LinearSolveResult solve(LinearOperator a, double[] b, double[] solution) {
        SolverSupport.checkArguments(a, b, solution);
        if (SolverSupport.isZero(b)) {
            return SolverSupport.zeroRightHandSide(solution);
        }
        final int d = b.length;
        final double[] x = solution;
        final double[] r = new double[d];
        final double[] p = new double[d];
        final double[] ap = new double[d];
        final double[] z = preconditioner == null ? r : new double[d];
        final double threshold = SolverSupport.threshold(relativeTolerance, absoluteTolerance, b);
        final int budget = maxIterations(d);

        int applications = SolverSupport.initialResidual(a, b, x, ap, r);
        double rNorm = Vectors.norm2(r);
        LinearSolveResult early = SolverSupport.beforeFirstIteration(rNorm, threshold, applications);
        if (early != null) {
            return early;
        }

        LinearSolveStatus status = LinearSolveStatus.MAX_ITERATIONS;
        boolean negativeCurvature = false;
        boolean residualIsTrue = true; // whether rNorm is the true residual of x (r_0 is)
        int iterations = 0;
        double rz = 0;
        boolean restart = true;
        while (true) {
            if (restart) {
                rz = precondition(r, z);
                if (!(rz > 0) || !Double.isFinite(rz)) {
                    status = Double.isFinite(rz) ? LinearSolveStatus.SINGULAR : LinearSolveStatus.NON_FINITE;
                    break;
                }
                System.arraycopy(z, 0, p, 0, d);
                restart = false;
            }
            if (iterations >= budget) {
                break;
            }
            a.apply(p, ap);
            applications++;
            double pap = Vectors.dot(p, ap, d);
            if (!Double.isFinite(pap)) {
                status = LinearSolveStatus.NON_FINITE;
                break;
            }
            if (pap <= 0) {
                status = LinearSolveStatus.NEGATIVE_CURVATURE;
                negativeCurvature = true;
                break;
            }
            double alpha = rz / pap;
            for (int i = 0; i < d; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            iterations++;
            rNorm = Vectors.norm2(r);
            residualIsTrue = false;
            if (!Double.isFinite(rNorm)) {
                status = LinearSolveStatus.NON_FINITE;
                break;
            }
            if (rNorm <= threshold) {
                rNorm = SolverSupport.residual(a, b, x, ap, r);
                applications++;
                residualIsTrue = true;
                if (rNorm <= threshold) {
                    status = LinearSolveStatus.CONVERGED;
                    break;
                }
                restart = true; // residual replacement
                continue;
            }
            double rzNew = precondition(r, z);
            if (!(rzNew > 0) || !Double.isFinite(rzNew)) {
                status = Double.isFinite(rzNew) ? LinearSolveStatus.SINGULAR : LinearSolveStatus.NON_FINITE;
                break;
            }
            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < d; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        if (!residualIsTrue && status != LinearSolveStatus.CONVERGED) {
            rNorm = SolverSupport.residual(a, b, x, ap, r);
            applications++;
            if (!Double.isFinite(rNorm)) {
                status = LinearSolveStatus.NON_FINITE;
            }
        }
        return new LinearSolveResult(status, rNorm, iterations, applications, negativeCurvature, null);
    }

    /** {@code z ← M⁻¹ r} (nothing without a preconditioner, where {@code z} is {@code r}); returns {@code rᵀz}. */
    private double precondition(double[] r, double[] z) {
        if (preconditioner != null) {
            preconditioner.apply(r, z);
        }
        return Vectors.dot(r, z, r.length);
    }

    @Override
    public String toString() {
        return "ConjugateGradient{relativeTolerance=" + relativeTolerance + ", absoluteTolerance="
                + absoluteTolerance + ", maxIterations=" + (maxIterations > 0 ? maxIterations : "10d")
                + ", preconditioner=" + (preconditioner == null ? "none" : preconditioner) + "}";
    }

    /** Validated builder; every setter rejects invalid values with an {@link IllegalArgumentException}. */
    public static final class Builder {
        private double relativeTolerance = DEFAULT_RELATIVE_TOLERANCE;
        private double absoluteTolerance = 0;
        private int maxIterations = 0;
        private LinearOperator preconditioner;

        private Builder() {
        }

        /** Relative residual tolerance {@code rtol > 0}: stop when {@code ‖r‖ ≤ rtol ‖b‖} (default 1e-10). */
        public Builder relativeTolerance(double rtol) {
            this.relativeTolerance = Functions.requirePositive("relativeTolerance", rtol);
            return this;
        }

        /** Absolute residual tolerance {@code atol ≥ 0}: stop when {@code ‖r‖ ≤ atol} (default 0, off). */
        public Builder absoluteTolerance(double atol) {
            this.absoluteTolerance = SolverSupport.requireTolerance("absoluteTolerance", atol);
            return this;
        }

        /** Iteration budget, at least 1 (default {@code 10 d}). */
        public Builder maxIterations(int n) {
            this.maxIterations = Functions.requireAtLeast("maxIterations", n, 1);
            return this;
        }

        /**
         * A symmetric positive definite preconditioner given by its inverse action {@code z ← M⁻¹ r}, of the
         * same dimension as the systems solved (default none).
         */
        public Builder preconditioner(LinearOperator inverseM) {
            this.preconditioner = Functions.requireNonNull("preconditioner", inverseM);
            return this;
        }

        /** Removes the preconditioner. */
        public Builder noPreconditioner() {
            this.preconditioner = null;
            return this;
        }

        public ConjugateGradient build() {
            return new ConjugateGradient(this);
        }
    }
}
