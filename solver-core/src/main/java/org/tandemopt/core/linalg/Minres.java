package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/**
 * MINRES, the minimum-residual method of C. C. Paige and M. A. Saunders, "Solution of sparse indefinite
 * systems of linear equations", SIAM J. Numer. Anal. 12(4), 617–629 (1975), for {@code A v = b} with a
 * symmetric, possibly indefinite {@code A} — the implicit system {@code H_yy v = ∇_y f} at a saddle point or
 * a non-convex lower problem, where {@link ConjugateGradient} stops on negative curvature.
 *
 * <p><b>Algorithm.</b> The Lanczos process builds an orthonormal basis {@code V_k} of the Krylov space
 * {@code K_k(A, r_0)} with {@code A V_k = V_{k+1} T̄_k}, {@code T̄_k} the {@code (k+1) × k} tridiagonal
 * matrix with diagonal {@code α_j} and off-diagonal {@code β_j}:
 * <pre>
 *   β_1 q_1 = r_0,    w = A q_j − β_j q_{j−1},    α_j = q_jᵀw,    β_{j+1} q_{j+1} = w − α_j q_j.
 * </pre>
 * The iterate {@code v_k = v_0 + V_k y_k} minimises {@code ‖b − A v‖} over the Krylov space, i.e.
 * {@code y_k = argmin ‖β_1 e_1 − T̄_k y‖}. That small least-squares problem is solved by updating a QR
 * factorization of {@code T̄_k} with one Givens rotation {@code G_j = [c_j s_j; −s_j c_j]} per step: the
 * new column {@code (β_j, α_j, β_{j+1})} is rotated by {@code G_{j−2}} and {@code G_{j−1}} into
 * {@code (ε_j, δ_j, γ̄_j)}, then {@code G_j} with {@code γ_j = √(γ̄_j² + β_{j+1}²)},
 * {@code c_j = γ̄_j/γ_j}, {@code s_j = β_{j+1}/γ_j} annihilates {@code β_{j+1}}. Rotating the right-hand
 * side gives {@code τ_j = c_j η̄_j} and {@code η̄_{j+1} = −s_j η̄_j} ({@code η̄_1 = β_1}); the residual norm is
 * {@code ‖r_j‖ = |η̄_{j+1}|} without computing {@code r_j}. The solution is updated by short recurrences,
 * {@code d_j = (q_j − δ_j d_{j−1} − ε_j d_{j−2}) / γ_j} and {@code v_j = v_{j−1} + τ_j d_j}, so memory is
 * six vectors whatever the number of iterations. The iteration stops when
 * {@code |η̄_{j+1}| ≤ max(rtol ‖b‖, atol)}.
 *
 * <p><b>Honest residuals.</b> As in {@link ConjugateGradient}, the estimate {@code |η̄|} is confirmed by the
 * true residual {@code ‖b − A v‖} (one operator application, counted); if that misses the tolerance, MINRES
 * restarts from the current iterate within the same budget. The reported residual is always the true one.
 * For {@code b = 0} the answer {@code v = 0} (the minimum-norm solution) is returned at once.
 *
 * <p><b>Findings about {@code A}.</b> The negative-curvature flag is set when the {@code LDLᵀ} pivots of the
 * Lanczos matrix {@code T_j = V_jᵀ A V_j} ({@code π_1 = α_1}, {@code π_j = α_j − β_j²/π_{j−1}}, the pivots
 * CG would see) meet {@code π_j ≤ 0}: then {@code T_j} has a non-positive eigenvalue, so {@code A} has a
 * direction of non-positive curvature. MINRES keeps going (that is what it is for) and the status stays
 * about the residual. A singular {@code A} with {@code b} outside its range has no solution; MINRES then
 * converges to a least-squares solution, whose residual {@code r} stays large while {@code A r → 0}, and in
 * floating point its iterates would go on to blow up (S.-C. T. Choi, C. C. Paige, M. A. Saunders, "MINRES-QLP:
 * a Krylov subspace method for indefinite or singular symmetric systems", SIAM J. Sci. Comput. 33(4), 2011;
 * measured here: {@code ‖v‖ ≈ 8e16} after 60 steps on a {@code 17 × 17} example without this test). So before each update the solver evaluates, for free,
 * {@code ‖A r_{j−1}‖ = |η̄_j| √(γ̄_j² + (c_{j−1} β_{j+1})²)} and stops with
 * {@link LinearSolveStatus#SINGULAR}, keeping {@code v_{j−1}} (a least-squares solution), when
 * {@code ‖A r_{j−1}‖ ≤ max(rtol, √ε) ‖T‖ ‖r_{j−1}‖} ({@code ε = 2.2e-16} the machine epsilon, {@code ‖T‖} the
 * largest column norm of {@code T̄} seen; the least-squares stopping test of Choi, Paige and Saunders, with a
 * floor of {@code √ε ≈ 1.5e-8}: on the 17 × 17 example the ratio bottoms out near 1e-9, rounding noise), or
 * when {@code γ_j ≤ max(10, d) ε ‖T‖}
 * (the projected system is singular to working precision). For a non-singular {@code A}
 * {@code ‖A r‖ ≥ ‖r‖ / ‖A⁻¹‖}, so this can only fire when {@code κ(A) ≥ 1/max(rtol, √ε)}.
 *
 * <p><b>When to use.</b> Symmetric indefinite or semidefinite {@code A}, matrix-free. On positive definite
 * systems it needs about as many iterations as CG and three more vectors; its residual decreases
 * monotonically. Indefinite spectra converge more slowly than definite ones of the same {@code κ} (measured:
 * 3286 iterations, 22 d, for {@code d = 150}, eigenvalues of both signs with {@code |λ|} log-spaced over
 * {@code [2e-4, 2]}, to {@code 1e-10}), so raise the budget for hard systems. {@code A} must be symmetric: MINRES does not check (a non-symmetric {@code A} shows up as a
 * large true residual).
 *
 * <p><b>Defaults.</b> Relative tolerance {@value #DEFAULT_RELATIVE_TOLERANCE}, absolute tolerance 0 (off),
 * at most {@code 10 d} iterations. No preconditioner.
 *
 * <p><b>Memory and threads.</b> Immutable and thread-safe; each solve allocates six work arrays of length
 * {@code d} once, nothing per iteration.
 */
public final class Minres implements LinearSolver {

    /** Default relative residual tolerance {@code ‖b − A v‖ ≤ 1e-10 ‖b‖}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-10;

    private static final double EPS = Math.ulp(1.0);
    private static final double SQRT_EPS = Math.sqrt(EPS);
    private static final Minres DEFAULTS = new Builder().build();

    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final int maxIterations; // 0: 10 d

    private Minres(Builder b) {
        this.relativeTolerance = b.relativeTolerance;
        this.absoluteTolerance = b.absoluteTolerance;
        this.maxIterations = b.maxIterations;
    }

    /** @return MINRES with every default. */
    public static Minres defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
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

    @Override
    public LinearSolveResult solve(LinearOperator a, double[] b, double[] solution) {
        SolverSupport.checkArguments(a, b, solution);
        if (SolverSupport.isZero(b)) {
            return SolverSupport.zeroRightHandSide(solution);
        }
        final int d = b.length;
        final double[] x = solution;
        final double threshold = SolverSupport.threshold(relativeTolerance, absoluteTolerance, b);
        final int budget = maxIterations(d);
        final double singularGamma = EPS * Math.max(d, 10);
        final double leastSquaresTolerance = Math.max(relativeTolerance, SQRT_EPS);

        double[] r = new double[d];
        double[] q = new double[d];      // q_j
        double[] qPrev = new double[d];  // q_{j−1}
        double[] w = new double[d];
        double[] d1 = new double[d];     // d_{j−1}
        double[] d2 = new double[d];     // d_{j−2}

        int applications = SolverSupport.initialResidual(a, b, x, w, r);
        double rNorm = Vectors.norm2(r);
        LinearSolveResult early = SolverSupport.beforeFirstIteration(rNorm, threshold, applications);
        if (early != null) {
            return early;
        }

        LinearSolveStatus status = LinearSolveStatus.MAX_ITERATIONS;
        boolean negativeCurvature = false;
        boolean residualIsTrue = true;
        int iterations = 0;
        double tNorm = 0; // largest column norm of T̄ seen (estimate of ‖A‖)

        restarts:
        while (iterations < budget) {
            // (Re)start the Lanczos process from r = b − A x, ‖r‖ = rNorm.
            double beta1 = rNorm;
            Vectors.scale(1.0 / beta1, r, q);
            java.util.Arrays.fill(qPrev, 0.0);
            java.util.Arrays.fill(d1, 0.0);
            java.util.Arrays.fill(d2, 0.0);
            double beta = 0;        // β_j, the off-diagonal entry above α_j (0 for j = 1)
            double cOld = 1, sOld = 0; // G_{j−2}
            double c = 1, s = 0;       // G_{j−1}
            double etaBar = beta1;
            double pivot = 0;          // π_{j−1}
            boolean firstStep = true;

            while (iterations < budget) {
                a.apply(q, w);
                applications++;
                if (beta != 0) {
                    Vectors.axpy(-beta, qPrev, w);
                }
                double alpha = Vectors.dot(q, w, d);
                Vectors.axpy(-alpha, q, w);
                double betaNext = Vectors.norm2(w);
                if (!Double.isFinite(alpha) || !Double.isFinite(betaNext)) {
                    status = LinearSolveStatus.NON_FINITE;
                    break restarts;
                }
                if (!negativeCurvature) {
                    pivot = firstStep ? alpha : alpha - beta * beta / pivot;
                    if (!(pivot > 0)) {
                        negativeCurvature = true;
                    }
                }
                firstStep = false;
                tNorm = Math.max(tNorm, Math.sqrt(alpha * alpha + beta * beta + betaNext * betaNext));

                // Rotate the new column (β_j, α_j, β_{j+1}) by G_{j−2}, G_{j−1}, then build G_j.
                double epsilon = sOld * beta;
                double deltaTilde = cOld * beta;
                double delta = c * deltaTilde + s * alpha;
                double gammaBar = -s * deltaTilde + c * alpha;
                double gamma = Math.hypot(gammaBar, betaNext);
                // ‖A r_{j−1}‖ = |η̄_j| √(γ̄_j² + (c_{j−1} β_{j+1})²): a least-squares solution with a large residual
                double arNorm = Math.abs(etaBar) * Math.hypot(gammaBar, c * betaNext);
                if (arNorm <= leastSquaresTolerance * tNorm * Math.abs(etaBar) || gamma <= singularGamma * tNorm) {
                    status = LinearSolveStatus.SINGULAR;
                    break restarts;
                }
                double cNew = gammaBar / gamma;
                double sNew = betaNext / gamma;
                double tau = cNew * etaBar;
                etaBar = -sNew * etaBar;

                // d_j = (q_j − δ_j d_{j−1} − ε_j d_{j−2}) / γ_j, written over d_{j−2}; v_j = v_{j−1} + τ_j d_j.
                double invGamma = 1.0 / gamma;
                for (int i = 0; i < d; i++) {
                    double dj = (q[i] - delta * d1[i] - epsilon * d2[i]) * invGamma;
                    d2[i] = dj;
                    x[i] += tau * dj;
                }
                double[] t = d2;
                d2 = d1;
                d1 = t;
                iterations++;
                residualIsTrue = false;
                cOld = c;
                sOld = s;
                c = cNew;
                s = sNew;

                if (Math.abs(etaBar) <= threshold || betaNext == 0) {
                    rNorm = SolverSupport.residual(a, b, x, w, r);
                    applications++;
                    residualIsTrue = true;
                    if (rNorm <= threshold) {
                        status = LinearSolveStatus.CONVERGED;
                        break restarts;
                    }
                    if (!Double.isFinite(rNorm)) {
                        status = LinearSolveStatus.NON_FINITE;
                        break restarts;
                    }
                    // The estimate met the tolerance (or the Krylov space is invariant, β_{j+1} = 0) but the
                    // true residual did not: residual replacement, restart Lanczos from the true residual.
                    continue restarts;
                }
                // q_{j+1} = w / β_{j+1}; shift q_j into q_{j−1}.
                double[] u = qPrev;
                qPrev = q;
                q = w;
                w = u;
                Vectors.scale(1.0 / betaNext, q);
                beta = betaNext;
            }
        }
        if (!residualIsTrue) {
            rNorm = SolverSupport.residual(a, b, x, w, r);
            applications++;
            if (!Double.isFinite(rNorm)) {
                status = LinearSolveStatus.NON_FINITE;
            }
        }
        return new LinearSolveResult(status, rNorm, iterations, applications, negativeCurvature, null);
    }

    @Override
    public String toString() {
        return "Minres{relativeTolerance=" + relativeTolerance + ", absoluteTolerance=" + absoluteTolerance
                + ", maxIterations=" + (maxIterations > 0 ? maxIterations : "10d") + "}";
    }

    /** Validated builder; every setter rejects invalid values with an {@link IllegalArgumentException}. */
    public static final class Builder {
        private double relativeTolerance = DEFAULT_RELATIVE_TOLERANCE;
        private double absoluteTolerance = 0;
        private int maxIterations = 0;

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

        public Minres build() {
            return new Minres(this);
        }
    }
}
