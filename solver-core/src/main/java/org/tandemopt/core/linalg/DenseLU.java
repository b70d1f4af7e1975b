package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/**
 * A direct solve of {@code A v = b} for a general square {@code A} by LU factorization with partial
 * pivoting, {@code P A = L U} (Golub &amp; Van Loan, <em>Matrix Computations</em>, 4th ed., 2013, §3.4), computed
 * by ojAlgo's single-threaded {@code RawLU} behind an internal facade (no ojAlgo type is part of the API).
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
 * unit vectors ({@code d} applications, counted). Cost {@code 2d³/3} flops and {@code O(d²)} memory allocated
 * per solve; use it for small and medium systems (up to a few thousand unknowns), for symmetric indefinite
 * systems where {@link DenseCholesky} refuses, or to get a reference answer.
 *
 * <p><b>Singularity.</b> The matrix is singular to working precision when its smallest singular value is
 * {@code σ_min ≤ τ σ_max}: the status is {@link LinearSolveStatus#SINGULAR} and {@code solution} is left as it
 * came in. The pivots of {@code U} are only a cheap screen — {@code min |u_ii| / max |u_ii|} of exactly
 * singular matrices was measured up to {@code 1.9e3 ε} at {@code d = 200}, so a pivot test at {@code τ} would
 * miss them — hence a pivot ratio at most {@code √ε} triggers ojAlgo's (single-threaded) singular value
 * decomposition, which decides. A
 * non-finite entry of {@code A} gives {@link LinearSolveStatus#NON_FINITE}. Otherwise the status is
 * {@link LinearSolveStatus#CONVERGED}, with one iteration. The reported residual is {@code ‖b − A v‖} computed
 * with the assembled matrix. The warm start is ignored (a direct solve needs none). The inertia is not
 * reported ({@code null}); {@link DenseCholesky} reports it for symmetric matrices.
 *
 * <p><b>Defaults.</b> Singularity tolerance {@code τ = max(10, d) · ε} ({@code ε = 2.2e-16}), the
 * convention of MATLAB's {@code rank} (on singular values).
 *
 * <p>Immutable and thread-safe.
 */
public final class DenseLU implements LinearSolver {

    private static final DenseLU DEFAULTS = new DenseLU(Double.NaN);
    /** Pivot ratio below which the singular values are computed. */
    private static final double SCREEN = Math.sqrt(Math.ulp(1.0));

    private final double singularityTolerance; // NaN: max(10, d) ε

    private DenseLU(double singularityTolerance) {
        this.singularityTolerance = singularityTolerance;
    }

    /** @return the LU solver with the default singularity tolerance. */
    public static DenseLU defaults() {
        return DEFAULTS;
    }

    /**
     * @param tau the relative pivot tolerance {@code τ ∈ (0, 1)}
     * @return an LU solver that reports {@link LinearSolveStatus#SINGULAR} when {@code σ_min ≤ τ σ_max}
     */
    public static DenseLU withSingularityTolerance(double tau) {
        return new DenseLU(Functions.requireOpenRange("singularityTolerance", tau, 0, 1));
    }

    /** @return the singularity tolerance used for dimension {@code d}. */
    public double singularityTolerance(int d) {
        return Double.isNaN(singularityTolerance) ? DenseAssembly.defaultSingularityTolerance(d) : singularityTolerance;
    }

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
        OjAlgoDense.Factorization f = OjAlgoDense.lu(m, d);
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double u : f.pivots()) {
            largest = Math.max(largest, Math.abs(u));
            smallest = Math.min(smallest, Math.abs(u));
        }
        LinearSolveStatus status;
        if (!f.ok() || !(smallest > SCREEN * largest) && isSingular(m, d)) {
            status = LinearSolveStatus.SINGULAR;
        } else {
            System.arraycopy(b, 0, work, 0, d);
            f.solveInPlace(work);
            if (Vectors.allFinite(work)) {
                System.arraycopy(work, 0, solution, 0, d);
                status = LinearSolveStatus.CONVERGED;
            } else {
                status = LinearSolveStatus.NON_FINITE;
            }
        }
        double residual = DenseAssembly.residual(m, d, b, solution, work);
        return new LinearSolveResult(status, residual, 1, applications, false, null);
    }

    /** @return whether {@code σ_min ≤ τ σ_max}. */
    private boolean isSingular(double[] m, int d) {
        double[] sigma = OjAlgoDense.singularValues(m, d);
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double s : sigma) {
            max = Math.max(max, s);
            min = Math.min(min, s);
        }
        return !(min > singularityTolerance(d) * max);
    }

    @Override
    public String toString() {
        return "DenseLU{singularityTolerance="
                + (Double.isNaN(singularityTolerance) ? "max(10,d)*eps" : singularityTolerance) + "}";
    }
}
