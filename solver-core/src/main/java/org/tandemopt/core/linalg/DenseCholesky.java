package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/**
 * A direct solve of {@code A v = b} for a symmetric positive definite {@code A} by the Cholesky factorization
 * {@code A = L Lᵀ} (Golub &amp; Van Loan, <em>Matrix Computations</em>, 4th ed., 2013, §4.2), computed by ojAlgo's
 * single-threaded {@code RawCholesky} behind an internal facade (no ojAlgo type is part of the API), and a
 * certificate of what {@code A} is when it is not positive definite: its <em>inertia</em>.
 *
 * <p><b>Threads.</b> ojAlgo's default dense decompositions split their work over a thread pool above fixed
 * per-operation sizes ({@code ApplyCholesky.THRESHOLD = 128}, {@code ApplyLU.THRESHOLD = 256}); on the two
 * cores of the build machine that made a {@code d = 150} Cholesky solve 2.6× slower than the same code run
 * serially (0.66 ms against 0.25 ms; the raw implementation used here took 0.32 ms, at {@code d = 300} 1.8 ms
 * against 3.6–4.1 ms threaded). The "raw" (JAMA) implementations never start threads, whatever the size, and
 * no global ojAlgo setting is changed.
 *
 * <p>The matrix is read directly from a {@link MatrixOperator} (what {@link LinearOperator#of(DenseMatrix)}
 * returns, no operator application) or assembled from any other operator by applying it to the {@code d}
 * unit vectors ({@code d} applications, counted). It must be symmetric: when
 * {@code max_ij |a_ij − a_ji| > σ max_ij |a_ij|} the solve throws {@link IllegalArgumentException} (use
 * {@link DenseLU}); within that tolerance the symmetric part {@code (A + Aᵀ)/2} is factorized, which absorbs
 * the rounding asymmetry of Hessians assembled from Hessian-vector products.
 *
 * <p><b>Outcomes.</b> With Cholesky pivots {@code π_i = L_ii²}:
 * <ul>
 *   <li>the factorization succeeds and {@code min π_i > √ε max π_i}: {@link LinearSolveStatus#CONVERGED}, the
 *       solution is written, the inertia is {@code {d, 0, 0}};</li>
 *   <li>otherwise ojAlgo's symmetric eigenvalue decomposition decides. It gives the inertia {@code {p, n, z}}
 *       — the numbers of eigenvalues {@code λ > τ max|λ|}, {@code λ < −τ max|λ|} and in between — and the
 *       status is {@link LinearSolveStatus#NEGATIVE_CURVATURE} if {@code n > 0} (the negative-curvature flag
 *       is set), else {@link LinearSolveStatus#SINGULAR} if {@code z > 0}; in both cases {@code solution} is
 *       left as it came in. If {@code n = z = 0} the matrix is positive definite but ill-conditioned: it is
 *       solved (by the Cholesky factor, or by LU if rounding made the factorization fail) and the status is
 *       {@link LinearSolveStatus#CONVERGED}.</li>
 * </ul>
 * Every Cholesky pivot lies in {@code [λ_min, λ_max]}, so a pivot ratio above {@code √ε} proves
 * {@code κ(A) < 1/√ε}: well-conditioned matrices never pay for the eigenvalues. The converse fails — the
 * pivot ratio of exactly singular matrices was measured up to {@code 2.2e3 ε} at {@code d = 150} — which is why
 * the pivots only screen and the eigenvalues (accurate to about {@code ε ‖A‖}: at most {@code 1.7 ε ‖A‖} for
 * the zero eigenvalues in the same measurements) decide. The bilevel module reads the inertia to flag an
 * indefinite {@code H_yy} (a lower-level saddle point, not a minimum). A non-finite entry of {@code A} gives
 * {@link LinearSolveStatus#NON_FINITE}. The reported residual is {@code ‖b − A_s v‖} with the assembled
 * symmetric part {@code A_s}; iterations is 1. The warm start is ignored.
 *
 * <p><b>When to use.</b> Small and medium symmetric systems (cost {@code d³/3} flops, {@code O(d²)} memory
 * allocated per solve), reference answers, and whenever the inertia of {@code H_yy} matters.
 *
 * <p><b>Defaults.</b> Singularity tolerance {@code τ = max(10, d) · ε} ({@code ε = 2.2e-16}); symmetry
 * tolerance {@code σ =} {@value #DEFAULT_SYMMETRY_TOLERANCE}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DenseCholesky implements LinearSolver {

    /** Default relative symmetry tolerance {@code σ}. */
    public static final double DEFAULT_SYMMETRY_TOLERANCE = 1e-8;

    private static final DenseCholesky DEFAULTS = new Builder().build();
    /** Pivot ratio below which the eigenvalues are computed. */
    private static final double SCREEN = Math.sqrt(Math.ulp(1.0));

    private final double singularityTolerance; // NaN: max(10, d) ε
    private final double symmetryTolerance;

    private DenseCholesky(Builder b) {
        this.singularityTolerance = b.singularityTolerance;
        this.symmetryTolerance = b.symmetryTolerance;
    }

    /** @return the Cholesky solver with every default. */
    public static DenseCholesky defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the singularity tolerance used for dimension {@code d}. */
    public double singularityTolerance(int d) {
        return Double.isNaN(singularityTolerance) ? DenseAssembly.defaultSingularityTolerance(d) : singularityTolerance;
    }

    public double symmetryTolerance() {
        return symmetryTolerance;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also when {@code A} is not symmetric within the symmetry tolerance
     */
    @Override
    public LinearSolveResult solve(LinearOperator a, double[] b, double[] solution) {
        SolverSupport.checkArguments(a, b, solution);
        final int d = b.length;
        final int applications = DenseAssembly.applications(a, d);
        final double[] m = DenseAssembly.copyOf(a, d);
        final double[] work = new double[d];
        if (!Vectors.allFinite(m)) {
            return new LinearSolveResult(LinearSolveStatus.NON_FINITE, Double.NaN, 0, applications, false, null);
        }
        symmetrize(m, d);
        final double tau = singularityTolerance(d);

        OjAlgoDense.Factorization f = OjAlgoDense.cholesky(m, d);
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double p : f.pivots()) {
            largest = Math.max(largest, p);
            smallest = Math.min(smallest, p);
        }
        LinearSolveStatus status;
        int[] inertia;
        if (f.ok() && smallest > SCREEN * largest) {
            status = solveWith(f, b, solution, work);
            inertia = new int[] {d, 0, 0};
        } else {
            inertia = inertia(OjAlgoDense.symmetricEigenvalues(m, d), tau);
            if (inertia[1] > 0) {
                status = LinearSolveStatus.NEGATIVE_CURVATURE;
            } else if (inertia[2] > 0) {
                status = LinearSolveStatus.SINGULAR;
            } else {
                status = solveWith(f.ok() ? f : OjAlgoDense.lu(m, d), b, solution, work);
            }
        }
        double residual = DenseAssembly.residual(m, d, b, solution, work);
        return new LinearSolveResult(status, residual, 1, applications, inertia[1] > 0, inertia);
    }

    /** Solves with a successful factorization into {@code solution} (through {@code work}); returns the status. */
    private static LinearSolveStatus solveWith(OjAlgoDense.Factorization f, double[] b, double[] solution,
                                               double[] work) {
        System.arraycopy(b, 0, work, 0, b.length);
        f.solveInPlace(work);
        if (!Vectors.allFinite(work)) {
            return LinearSolveStatus.NON_FINITE;
        }
        System.arraycopy(work, 0, solution, 0, b.length);
        return LinearSolveStatus.CONVERGED;
    }

    /**
     * The inertia of a symmetric matrix: {@code {positive, negative, zero}} eigenvalue counts, where an
     * eigenvalue counts as zero when {@code |λ| ≤ τ max|λ|} (this solver's singularity tolerance).
     *
     * @param a a square symmetric matrix (its symmetric part is used, within the symmetry tolerance)
     * @return {@code {p, n, z}} with {@code p + n + z = d}
     * @throws IllegalArgumentException if {@code a} is null, not square, not finite, or not symmetric
     */
    public int[] inertia(DenseMatrix a) {
        LinearOperator op = LinearOperator.of(a);
        int d = a.rows();
        double[] m = DenseAssembly.copyOf(op, d);
        if (!Vectors.allFinite(m)) {
            throw new IllegalArgumentException("a has a non-finite entry, expected a finite matrix");
        }
        symmetrize(m, d);
        return inertia(OjAlgoDense.symmetricEigenvalues(m, d), singularityTolerance(d));
    }

    private static int[] inertia(double[] eigenvalues, double tau) {
        double scale = Vectors.normInf(eigenvalues);
        if (Double.isNaN(scale)) {
            return new int[] {0, 0, eigenvalues.length};
        }
        int positive = 0;
        int negative = 0;
        int zero = 0;
        for (double lambda : eigenvalues) {
            if (Math.abs(lambda) <= tau * scale) {
                zero++;
            } else if (lambda > 0) {
                positive++;
            } else {
                negative++;
            }
        }
        return new int[] {positive, negative, zero};
    }

    /** Checks symmetry within the tolerance and replaces {@code m} by {@code (m + mᵀ)/2}. */
    private void symmetrize(double[] m, int d) {
        double scale = DenseAssembly.maxAbs(m);
        double worst = 0;
        int wi = 0;
        int wj = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double diff = Math.abs(m[i * d + j] - m[j * d + i]);
                if (diff > worst) {
                    worst = diff;
                    wi = i;
                    wj = j;
                }
                double mean = 0.5 * (m[i * d + j] + m[j * d + i]);
                m[i * d + j] = mean;
                m[j * d + i] = mean;
            }
        }
        if (worst > symmetryTolerance * scale) {
            throw new IllegalArgumentException("a is not symmetric: |a[" + wi + "][" + wj + "] - a[" + wj + "][" + wi
                    + "]| = " + worst + ", expected at most " + symmetryTolerance + " * max|a_ij| = "
                    + symmetryTolerance * scale + " (use DenseLU for non-symmetric systems)");
        }
    }

    @Override
    public String toString() {
        return "DenseCholesky{singularityTolerance="
                + (Double.isNaN(singularityTolerance) ? "max(10,d)*eps" : singularityTolerance)
                + ", symmetryTolerance=" + symmetryTolerance + "}";
    }

    /** Validated builder; every setter rejects invalid values with an {@link IllegalArgumentException}. */
    public static final class Builder {
        private double singularityTolerance = Double.NaN;
        private double symmetryTolerance = DEFAULT_SYMMETRY_TOLERANCE;

        private Builder() {
        }

        /** Relative pivot/eigenvalue tolerance {@code τ ∈ (0, 1)} (default {@code max(10, d) ε}). */
        public Builder singularityTolerance(double tau) {
            this.singularityTolerance = Functions.requireOpenRange("singularityTolerance", tau, 0, 1);
            return this;
        }

        /** Relative symmetry tolerance {@code σ ≥ 0} (default 1e-8). */
        public Builder symmetryTolerance(double sigma) {
            this.symmetryTolerance = Functions.requireNonNegative("symmetryTolerance", sigma);
            return this;
        }

        public DenseCholesky build() {
            return new DenseCholesky(this);
        }
    }
}
