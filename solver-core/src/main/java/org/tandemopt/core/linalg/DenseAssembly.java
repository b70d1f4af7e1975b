package org.tandemopt.core.linalg;

/** Turns a {@link LinearOperator} into a row-major dense matrix for the direct solvers (package-private). */
final class DenseAssembly {

    private DenseAssembly() {
    }

    /** @return the number of operator applications {@link #copyOf} costs for {@code a}: 0 or {@code d}. */
    static int applications(LinearOperator a, int d) {
        return a instanceof MatrixOperator ? 0 : d;
    }

    /**
     * @return a fresh row-major copy of the {@code d × d} matrix of {@code a}: the backing array of a
     *         {@link MatrixOperator}, or the columns {@code A e_j} of any other operator ({@code d} applications)
     */
    static double[] copyOf(LinearOperator a, int d) {
        if (a instanceof MatrixOperator) {
            return ((MatrixOperator) a).matrix().data().clone();
        }
        double[] m = new double[d * d];
        double[] e = new double[d];
        double[] column = new double[d];
        for (int j = 0; j < d; j++) {
            e[j] = 1.0;
            a.apply(e, column);
            e[j] = 0.0;
            for (int i = 0; i < d; i++) {
                m[i * d + j] = column[i];
            }
        }
        return m;
    }

    /** @return {@code max_ij |m_ij|} of a row-major matrix. */
    static double maxAbs(double[] m) {
        return Vectors.normInf(m);
    }

    /** @return {@code ‖b − M x‖} for the row-major {@code d × d} matrix {@code m}, using {@code work}. */
    static double residual(double[] m, int d, double[] b, double[] x, double[] work) {
        MatrixKernels.multiply(m, d, d, x, work);
        for (int i = 0; i < d; i++) {
            work[i] = b[i] - work[i];
        }
        return Vectors.norm2(work);
    }

    /** @return the default relative singularity tolerance {@code max(10, d) · ε}. */
    static double defaultSingularityTolerance(int d) {
        return Math.max(10, d) * Math.ulp(1.0);
    }
}
