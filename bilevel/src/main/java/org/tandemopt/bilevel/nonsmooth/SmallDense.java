package org.tandemopt.bilevel.nonsmooth;

/**
 * Small dense kernels for the support-restricted systems (size {@code |S|}, typically a few to a few hundred):
 * LU with partial pivoting and the smallest singular value by cyclic Jacobi on {@code MᵀM}. Kept here rather
 * than behind the ojAlgo facade because the systems are tiny and built entry by entry.
 */
final class SmallDense {

    private SmallDense() {
    }

    /**
     * Solves {@code M X = B} in place ({@code M} is overwritten by its LU factors, {@code B} by {@code X}).
     *
     * @return false if a pivot is exactly zero
     */
    static boolean solve(double[][] a, double[][] b) {
        int k = a.length;
        int cols = k == 0 ? 0 : b[0].length;
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (a[p][c] == 0 || !Double.isFinite(a[p][c])) {
                return false;
            }
            if (p != c) {
                double[] t = a[p];
                a[p] = a[c];
                a[c] = t;
                t = b[p];
                b[p] = b[c];
                b[c] = t;
            }
            for (int r = c + 1; r < k; r++) {
                double f = a[r][c] / a[c][c];
                if (f != 0) {
                    for (int j = c; j < k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                    for (int j = 0; j < cols; j++) {
                        b[r][j] -= f * b[c][j];
                    }
                }
            }
        }
        for (int c = k - 1; c >= 0; c--) {
            for (int j = 0; j < cols; j++) {
                double s = b[c][j];
                for (int i = c + 1; i < k; i++) {
                    s -= a[c][i] * b[i][j];
                }
                b[c][j] = s / a[c][c];
            }
        }
        return true;
    }

    /** @return the smallest singular value of the square matrix {@code M} (not modified); 1 for an empty matrix. */
    static double smallestSingularValue(double[][] mat) {
        int k = mat.length;
        if (k == 0) {
            return 1.0;
        }
        double[][] g = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double s = 0;
                for (int r = 0; r < k; r++) {
                    s += mat[r][i] * mat[r][j];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (double e : jacobiEigenvalues(g)) {
            min = Math.min(min, e);
        }
        return Math.sqrt(Math.max(min, 0));
    }

    /** Cyclic Jacobi eigenvalue iteration for a symmetric matrix (overwritten); returns the eigenvalues. */
    static double[] jacobiEigenvalues(double[][] a) {
        int k = a.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < k; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < k; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-32 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < k; p++) {
                for (int q = p + 1; q < k; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < k; r++) {
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = c * arp - s * arq;
                        a[r][q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < k; r++) {
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = c * apr - s * aqr;
                        a[q][r] = s * apr + c * aqr;
                    }
                }
            }
        }
        double[] e = new double[k];
        for (int i = 0; i < k; i++) {
            e[i] = a[i][i];
        }
        return e;
    }

    /**
     * Overwrites the lower triangle of the symmetric positive-definite {@code a} with its Cholesky factor.
     *
     * @return false if a pivot is not positive
     */
    static boolean cholesky(double[][] a) {
        int k = a.length;
        for (int j = 0; j < k; j++) {
            double d = a[j][j];
            for (int p = 0; p < j; p++) {
                d -= a[j][p] * a[j][p];
            }
            if (!(d > 0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[j][j] = d;
            for (int i = j + 1; i < k; i++) {
                double s = a[i][j];
                for (int p = 0; p < j; p++) {
                    s -= a[i][p] * a[j][p];
                }
                a[i][j] = s / d;
            }
        }
        return true;
    }

    /** {@code out ← (LLᵀ)⁻¹ b} with the factor of {@link #cholesky}; {@code out} may alias {@code b}. */
    static void choleskySolve(double[][] l, double[] b, double[] out) {
        int k = l.length;
        for (int i = 0; i < k; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int p = 0; p < i; p++) {
                s -= li[p] * out[p];
            }
            out[i] = s / li[i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = out[i];
            for (int p = i + 1; p < k; p++) {
                s -= l[p][i] * out[p];
            }
            out[i] = s / l[i][i];
        }
    }

    /** @return {@code c AᵀA + diag} as a new {@code m × m} array. */
    static double[][] gram(double[][] a, double c, double diag) {
        int m = a[0].length;
        double[][] g = new double[m][m];
        for (double[] row : a) {
            for (int i = 0; i < m; i++) {
                double ri = c * row[i];
                if (ri != 0) {
                    for (int j = 0; j <= i; j++) {
                        g[i][j] += ri * row[j];
                    }
                }
            }
        }
        for (int i = 0; i < m; i++) {
            g[i][i] += diag;
            for (int j = 0; j < i; j++) {
                g[j][i] = g[i][j];
            }
        }
        return g;
    }
}
