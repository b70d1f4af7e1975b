package org.tandemopt.core.autodiff;

import org.tandemopt.core.linalg.MatrixKernels;

/**
 * Row-major matrix-product kernels for the matmul node, in the three orientations reverse mode needs.
 * None allocates. The single-column cases (matrix-vector products) get dedicated loops, since they are the
 * hot path of regression losses.
 */
final class Kernels {

    private Kernels() {
    }

    /** {@code c[m×k] ← a[m×n] b[n×k]}, or {@code +=} when {@code accumulate}. */
    static void nn(double[] a, int m, int n, double[] b, int k, double[] c, boolean accumulate) {
        if (k == 1) {
            if (!accumulate) {
                MatrixKernels.multiply(a, m, n, b, c);
            } else {
                int i = 0;
                for (; i + 1 < m; i += 2) {
                    c[i] += MatrixKernels.rowDot(a, i * n, b, n);
                    c[i + 1] += MatrixKernels.rowDot(a, (i + 1) * n, b, n);
                }
                for (; i < m; i++) {
                    c[i] += MatrixKernels.rowDot(a, i * n, b, n);
                }
            }
            return;
        }
        if (!accumulate) {
            java.util.Arrays.fill(c, 0, m * k, 0.0);
        }
        int i = 0;
        for (; i + 1 < m; i += 2) { // two rows of c per pass over b: each row of b is loaded once for both
            int c0 = i * k;
            int c1 = c0 + k;
            int a0 = i * n;
            int a1 = a0 + n;
            for (int l = 0; l < n; l++) {
                double x0 = a[a0 + l];
                double x1 = a[a1 + l];
                int bl = l * k;
                for (int j = 0; j < k; j++) {
                    double bj = b[bl + j];
                    c[c0 + j] += x0 * bj;
                    c[c1 + j] += x1 * bj;
                }
            }
        }
        for (; i < m; i++) {
            int ci = i * k;
            int ai = i * n;
            for (int l = 0; l < n; l++) {
                double ail = a[ai + l];
                int bl = l * k;
                for (int j = 0; j < k; j++) {
                    c[ci + j] += ail * b[bl + j];
                }
            }
        }
    }

    /** {@code c[n×k] += a[m×n]ᵀ b[m×k]}. */
    static void tn(double[] a, int m, int n, double[] b, int k, double[] c) {
        if (k == 1) {
            int i = 0;
            for (; i + 1 < m; i += 2) {
                double b0 = b[i];
                double b1 = b[i + 1];
                int o0 = i * n;
                int o1 = o0 + n;
                for (int j = 0; j < n; j++) {
                    c[j] += b0 * a[o0 + j] + b1 * a[o1 + j];
                }
            }
            for (; i < m; i++) {
                double bi = b[i];
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    c[j] += bi * a[o + j];
                }
            }
            return;
        }
        int i = 0;
        for (; i + 1 < m; i += 2) { // two rows of a and b per update of c: half the loads and stores of c
            int a0 = i * n;
            int a1 = a0 + n;
            int b0 = i * k;
            int b1 = b0 + k;
            for (int l = 0; l < n; l++) {
                double x0 = a[a0 + l];
                double x1 = a[a1 + l];
                int cl = l * k;
                for (int j = 0; j < k; j++) {
                    c[cl + j] += x0 * b[b0 + j] + x1 * b[b1 + j];
                }
            }
        }
        for (; i < m; i++) {
            int ai = i * n;
            int bi = i * k;
            for (int l = 0; l < n; l++) {
                double ail = a[ai + l];
                int cl = l * k;
                for (int j = 0; j < k; j++) {
                    c[cl + j] += ail * b[bi + j];
                }
            }
        }
    }

    /** {@code c[m×n] += a[m×k] b[n×k]ᵀ}. */
    static void nt(double[] a, int m, int k, double[] b, int n, double[] c) {
        if (k == 1) {
            for (int i = 0; i < m; i++) {
                double ai = a[i];
                int ci = i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += ai * b[j];
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            int ai = i * k;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[ai + l] * b[bj + l];
                }
                c[ci + j] += s;
            }
        }
    }

    /** {@code c1[n] += a[m×n]ᵀ b1}, {@code c2[n] += a[m×n]ᵀ b2} in one pass over {@code a}. */
    static void tn2(double[] a, int m, int n, double[] b1, double[] b2, double[] c1, double[] c2) {
        for (int i = 0; i < m; i++) {
            double x = b1[i];
            double y = b2[i];
            int o = i * n;
            for (int j = 0; j < n; j++) {
                double aij = a[o + j];
                c1[j] += x * aij;
                c2[j] += y * aij;
            }
        }
    }
}
