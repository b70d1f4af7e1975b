package org.tandemopt.core.linalg;

import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.decomposition.MatrixDecomposition;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.RawStore;

/**
 * The one place where ojAlgo (57.1.0) is called for dense factorizations; no ojAlgo type leaves this class.
 *
 * <p><b>Threading.</b> ojAlgo parallelises inside its "dense" decompositions ({@code DenseCholesky},
 * {@code DenseLU}, {@code DenseLDL} on {@code R064Store}): every elementary operation
 * ({@code ApplyCholesky}, {@code ApplyLU}, {@code ApplyLDL}, {@code SubstituteForwards/Backwards}, ...) has a
 * global {@code public static int THRESHOLD}; above it the work is split by
 * {@code org.ojalgo.concurrent.DivideAndConquer} over {@code OjAlgoUtils.ENVIRONMENT.threads} tasks of a
 * shared daemon pool. The global switches ({@code OjAlgoUtils.limitThreadsTo(int)},
 * {@code MatrixOperation.setThresholdsMinValue(int)}) would change the behaviour of every ojAlgo user in the
 * JVM, so we do not touch them. Instead we ask the factories for the implementation they pick for small
 * matrices: {@code Cholesky.R064.make(typical)} returns {@code RawCholesky} when the typical size has at most
 * 32 columns (otherwise the threaded {@code DenseCholesky}), {@code LU.R064.make(typical)} returns
 * {@code RawLU} up to 512 columns, {@code Eigenvalue.R064.make(typical, true)} returns
 * {@code RawEigenvalue.Symmetric} up to 8192, and {@code SingularValue.R064.make(typical, false)} returns
 * {@code RawSingularValue} up to 1024. The "raw" decompositions are the JAMA algorithms on
 * {@code double[][]} ({@code RawStore}), which never dispatch to threads, and they work for any size — the
 * typical size is only a hint to the factory. So every factorization here is single-threaded, whatever
 * the dimension.
 *
 * <p>Measured on the 2 shared cores of the build machine (best of repeated runs, Cholesky + one solve, SPD
 * matrix): {@code d = 150}: raw 0.32 ms, dense 0.66 ms (threaded), dense with the thresholds pushed up
 * (serial) 0.25 ms; {@code d = 300}: raw 1.8 ms, dense 3.6–4.1 ms, dense serial 1.7–2.0 ms;
 * {@code d = 50}: raw 0.025 ms, dense 0.016 ms (below every threshold, so serial anyway).
 */
final class OjAlgoDense {

    /** A 1 × 1 "typical" structure: makes the factories choose their single-threaded raw implementations. */
    private static final RawStore SMALL = RawStore.wrap(new double[][] {{1.0}});

    private OjAlgoDense() {
    }

    /** A computed factorization: whether it succeeded, its pivots, and an in-place solve. */
    static final class Factorization {
        private final MatrixDecomposition.Solver<Double> solver;
        private final boolean ok;
        private final double[] pivots;

        private Factorization(MatrixDecomposition.Solver<Double> solver, boolean ok, double[] pivots) {
            this.solver = solver;
            this.ok = ok;
            this.pivots = pivots;
        }

        /** @return whether the factorization ran to completion (Cholesky: the matrix looked positive definite). */
        boolean ok() {
            return ok;
        }

        /** @return the pivots: {@code L_ii²} for Cholesky, {@code U_ii} for LU. */
        double[] pivots() {
            return pivots;
        }

        /** {@code x ← A⁻¹ x}. Only valid when {@link #ok()}. */
        void solveInPlace(double[] x) {
            solver.ftran(x);
        }

        @Override
        public String toString() {
            return "Factorization[" + solver.getClass().getSimpleName() + ", ok=" + ok + "]";
        }
    }

    /** Cholesky {@code A = L Lᵀ} of the symmetric row-major {@code d × d} matrix {@code a} (not modified). */
    static Factorization cholesky(double[] a, int d) {
        Cholesky<Double> c = Cholesky.R064.make(SMALL);
        boolean ok = c.decompose(RawStore.wrap(toRows(a, d))) && c.isSPD();
        double[] pivots = new double[d];
        MatrixStore<Double> l = c.getL();
        for (int i = 0; i < d; i++) {
            double lii = l.doubleValue(i, i);
            pivots[i] = lii * lii;
        }
        return new Factorization(c, ok && allFinite(pivots), pivots);
    }

    /** LU with partial pivoting {@code PA = LU} of the row-major {@code d × d} matrix {@code a} (not modified). */
    static Factorization lu(double[] a, int d) {
        LU<Double> f = LU.R064.make(SMALL);
        boolean ok = f.decompose(RawStore.wrap(toRows(a, d)));
        double[] pivots = new double[d];
        MatrixStore<Double> u = f.getU();
        for (int i = 0; i < d; i++) {
            pivots[i] = u.doubleValue(i, i);
        }
        return new Factorization(f, ok && allFinite(pivots), pivots);
    }

    /** @return the eigenvalues of the symmetric row-major {@code d × d} matrix {@code a} (not modified). */
    static double[] symmetricEigenvalues(double[] a, int d) {
        Eigenvalue<Double> e = Eigenvalue.R064.make(SMALL, true);
        double[] values = new double[d];
        if (!e.computeValuesOnly(RawStore.wrap(toRows(a, d)))) {
            java.util.Arrays.fill(values, Double.NaN);
            return values;
        }
        e.getEigenvalues(values, java.util.Optional.empty());
        return values;
    }

    /** @return the singular values of the row-major {@code d × d} matrix {@code a} (not modified). */
    static double[] singularValues(double[] a, int d) {
        SingularValue<Double> s = SingularValue.R064.make(SMALL, false);
        double[] values = new double[d];
        if (!s.computeValuesOnly(RawStore.wrap(toRows(a, d)))) {
            java.util.Arrays.fill(values, Double.NaN);
            return values;
        }
        s.getSingularValues(values);
        return values;
    }

    private static double[][] toRows(double[] a, int d) {
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a, i * d, rows[i], 0, d);
        }
        return rows;
    }

    private static boolean allFinite(double[] v) {
        return Vectors.allFinite(v);
    }
}
