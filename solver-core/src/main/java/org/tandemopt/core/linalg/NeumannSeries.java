package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/**
 * The truncated Neumann series {@code v = α Σ_{k<K} (I − αA)^k b}, the approximate inverse-Hessian-vector
 * product of bilevel hypergradient methods (J. Lorraine, P. Vicol, D. Duvenaud, "Optimizing millions of
 * hyperparameters by implicit differentiation", AISTATS 2020; S. Ghadimi, M. Wang, "Approximation methods
 * for bilevel programming", arXiv:1802.02246, 2018). It converges to {@code A⁻¹ b} as {@code K → ∞} exactly
 * when the spectral radius {@code ρ(I − αA) < 1}; for symmetric positive definite {@code A} that is
 * {@code 0 < α < 2/λ_max(A)}, with rate {@code ρ = max(|1 − αλ_min|, |1 − αλ_max|)}.
 *
 * <p><b>Update.</b> The series is summed as the Richardson iteration
 * <pre>
 *   v_{k+1} = v_k + α r_k,     r_{k+1} = r_k − α A r_k     (r_k = b − A v_k),
 * </pre>
 * one operator application per term; from {@code v_0 = 0} its {@code K}-th iterate is the {@code K}-term
 * series above. A non-zero {@code solution} is a warm start: the result is then
 * {@code (I − αA)^K v_0 + α Σ_{k<K} (I − αA)^k b} (pass zeros for the plain truncated series).
 *
 * <p><b>Stopping.</b> After at most {@code K} terms; earlier when {@code ‖r_k‖ ≤ max(rtol ‖b‖, atol)}
 * ({@link LinearSolveStatus#CONVERGED}). When the {@code K} terms are used up without meeting the tolerance
 * the status is {@link LinearSolveStatus#MAX_ITERATIONS} — the normal outcome for a deliberately short series;
 * the residual says how far it is from {@code A⁻¹ b}. The terms {@code α r_k} grow without bound when
 * {@code ρ(I − αA) > 1}: the solve stops with {@link LinearSolveStatus#DIVERGED} as soon as
 * {@code ‖r_k‖ > γ min_{j≤k} ‖r_j‖} (divergence factor {@code γ}; for symmetric {@code A} and
 * {@code ρ < 1} the residual never grows, so any growth beyond rounding is a sure sign). The reported residual
 * is the true {@code ‖b − A v‖} of the returned vector, recomputed at the end (one application, counted).
 * For {@code b = 0} the answer {@code v = 0} is returned at once.
 *
 * <p><b>When to use.</b> When a fixed, small number of Hessian-vector products per hypergradient is wanted and
 * an upper bound {@code L ≥ λ_max} is known (take {@code α ≤ 1/L}); otherwise {@link ConjugateGradient}
 * converges much faster ({@code √κ} against {@code κ} iterations).
 *
 * <p><b>Defaults.</b> {@code α} and {@code K} have none (they are the method); relative tolerance
 * {@value #DEFAULT_RELATIVE_TOLERANCE}, absolute tolerance 0 (off), divergence factor
 * {@value #DEFAULT_DIVERGENCE_FACTOR}.
 *
 * <p><b>Memory and threads.</b> Immutable and thread-safe; each solve allocates two work arrays of length
 * {@code d} once, nothing per term.
 */
public final class NeumannSeries implements LinearSolver {

    /** Default relative residual tolerance for stopping before {@code K} terms. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-10;
    /** Default divergence factor {@code γ}. */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 10.0;

    private final double alpha;
    private final int terms;
    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final double divergenceFactor;

    private NeumannSeries(Builder b) {
        this.alpha = b.alpha;
        this.terms = b.terms;
        this.relativeTolerance = b.relativeTolerance;
        this.absoluteTolerance = b.absoluteTolerance;
        this.divergenceFactor = b.divergenceFactor;
    }

    /**
     * @param alpha the step {@code α > 0} (converges for {@code α < 2/λ_max} on positive definite {@code A})
     * @param terms the number of terms {@code K ≥ 1}
     * @return the series with the default tolerances
     */
    public static NeumannSeries of(double alpha, int terms) {
        return builder(alpha, terms).build();
    }

    /** @return a builder with step {@code α > 0}, {@code K ≥ 1} terms and the default tolerances. */
    public static Builder builder(double alpha, int terms) {
        return new Builder(alpha, terms);
    }

    public double alpha() {
        return alpha;
    }

    public int terms() {
        return terms;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    public double divergenceFactor() {
        return divergenceFactor;
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
        final double[] ar = new double[d];
        final double threshold = SolverSupport.threshold(relativeTolerance, absoluteTolerance, b);

        int applications = SolverSupport.initialResidual(a, b, x, ar, r);
        double rNorm = Vectors.norm2(r);
        LinearSolveResult early = SolverSupport.beforeFirstIteration(rNorm, threshold, applications);
        if (early != null) {
            return early;
        }
        LinearSolveStatus status = LinearSolveStatus.MAX_ITERATIONS;
        double smallest = rNorm;
        int k = 0;
        while (k < terms) {
            a.apply(r, ar);
            applications++;
            for (int i = 0; i < d; i++) {
                x[i] += alpha * r[i];
                r[i] -= alpha * ar[i];
            }
            k++;
            rNorm = Vectors.norm2(r);
            if (!Double.isFinite(rNorm)) {
                status = LinearSolveStatus.NON_FINITE;
                break;
            }
            if (rNorm <= threshold) {
                status = LinearSolveStatus.CONVERGED;
                break;
            }
            if (rNorm > divergenceFactor * smallest) {
                status = LinearSolveStatus.DIVERGED;
                break;
            }
            smallest = Math.min(smallest, rNorm);
        }
        double trueNorm = SolverSupport.residual(a, b, x, ar, r);
        applications++;
        if (!Double.isFinite(trueNorm)) {
            status = LinearSolveStatus.NON_FINITE;
        } else if (status == LinearSolveStatus.CONVERGED && trueNorm > threshold) {
            status = LinearSolveStatus.MAX_ITERATIONS; // the tracked residual met the tolerance, the true one did not
        }
        return new LinearSolveResult(status, trueNorm, k, applications, false, null);
    }

    @Override
    public String toString() {
        return "NeumannSeries{alpha=" + alpha + ", terms=" + terms + ", relativeTolerance=" + relativeTolerance
                + ", absoluteTolerance=" + absoluteTolerance + ", divergenceFactor=" + divergenceFactor + "}";
    }

    /** Validated builder; every setter rejects invalid values with an {@link IllegalArgumentException}. */
    public static final class Builder {
        private final double alpha;
        private final int terms;
        private double relativeTolerance = DEFAULT_RELATIVE_TOLERANCE;
        private double absoluteTolerance = 0;
        private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;

        private Builder(double alpha, int terms) {
            this.alpha = Functions.requirePositive("alpha", alpha);
            this.terms = Functions.requireAtLeast("terms", terms, 1);
        }

        /** Relative residual tolerance {@code rtol > 0} for stopping early (default 1e-10). */
        public Builder relativeTolerance(double rtol) {
            this.relativeTolerance = Functions.requirePositive("relativeTolerance", rtol);
            return this;
        }

        /** Absolute residual tolerance {@code atol ≥ 0} (default 0, off). */
        public Builder absoluteTolerance(double atol) {
            this.absoluteTolerance = SolverSupport.requireTolerance("absoluteTolerance", atol);
            return this;
        }

        /** Divergence factor {@code γ > 1} (default 10). */
        public Builder divergenceFactor(double gamma) {
            if (!(gamma > 1) || !Double.isFinite(gamma)) {
                throw new IllegalArgumentException("divergenceFactor = " + gamma + ", expected a finite number > 1");
            }
            this.divergenceFactor = gamma;
            return this;
        }

        public NeumannSeries build() {
            return new NeumannSeries(this);
        }
    }
}
