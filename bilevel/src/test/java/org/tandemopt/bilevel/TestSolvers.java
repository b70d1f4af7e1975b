package org.tandemopt.bilevel;

import org.tandemopt.core.linalg.LinearOperator;
import org.tandemopt.core.linalg.LinearSolveResult;
import org.tandemopt.core.linalg.LinearSolveStatus;
import org.tandemopt.core.linalg.LinearSolver;

/**
 * Tiny linear solvers for the tests (the library's solvers live in core.linalg on another branch): a dense
 * symmetric LDLᵀ solve that reports the inertia, Gaussian elimination with partial pivoting, and conjugate
 * gradient that reports negative curvature.
 */
public final class TestSolvers {

    private TestSolvers() {
    }

    /** Forms the dense matrix of {@code a} column by column. */
    static double[][] dense(LinearOperator a, int d) {
        double[][] h = new double[d][d];
        double[] e = new double[d];
        double[] col = new double[d];
        for (int j = 0; j < d; j++) {
            e[j] = 1;
            a.apply(e, col);
            e[j] = 0;
            for (int i = 0; i < d; i++) {
                h[i][j] = col[i];
            }
        }
        return h;
    }

    /** Dense symmetric LDLᵀ without pivoting; singular when a pivot is below 1e-13 times the largest entry. */
    public static LinearSolver ldlt() {
        return new LinearSolver() {
            @Override
            public LinearSolveResult solve(LinearOperator a, double[] b, double[] x) {
                int d = b.length;
                double[][] h = dense(a, d);
                double scale = 0;
                for (double[] r : h) {
                    for (double v : r) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                }
                double[][] l = new double[d][d];
                double[] dd = new double[d];
                int pos = 0, neg = 0, zero = 0;
                for (int j = 0; j < d; j++) {
                    double s = h[j][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[j][k] * l[j][k] * dd[k];
                    }
                    dd[j] = s;
                    if (Math.abs(s) <= 1e-13 * Math.max(scale, Double.MIN_NORMAL)) {
                        zero++;
                        dd[j] = 0;
                    } else if (s > 0) {
                        pos++;
                    } else {
                        neg++;
                    }
                    l[j][j] = 1;
                    for (int i = j + 1; i < d; i++) {
                        double t = h[i][j];
                        for (int k = 0; k < j; k++) {
                            t -= l[i][k] * l[j][k] * dd[k];
                        }
                        l[i][j] = dd[j] == 0 ? 0 : t / dd[j];
                    }
                }
                int[] inertia = {pos, neg, zero};
                if (zero > 0) {
                    return new LinearSolveResult(LinearSolveStatus.SINGULAR, Double.NaN, 1, d, false, inertia);
                }
                double[] z = b.clone();
                for (int i = 0; i < d; i++) {
                    for (int k = 0; k < i; k++) {
                        z[i] -= l[i][k] * z[k];
                    }
                }
                for (int i = 0; i < d; i++) {
                    z[i] /= dd[i];
                }
                for (int i = d - 1; i >= 0; i--) {
                    for (int k = i + 1; k < d; k++) {
                        z[i] -= l[k][i] * z[k];
                    }
                }
                System.arraycopy(z, 0, x, 0, d);
                double[] r = new double[d];
                a.apply(x, r);
                double res = 0;
                for (int i = 0; i < d; i++) {
                    res += (b[i] - r[i]) * (b[i] - r[i]);
                }
                return new LinearSolveResult(LinearSolveStatus.CONVERGED, Math.sqrt(res), 1, d + 1, neg > 0, inertia);
            }

            @Override
            public String toString() {
                return "TestLDLT";
            }
        };
    }

    /**
     * The library's conjugate gradient ({@code core.linalg.ConjugateGradient}) to {@code ‖r‖ ≤ tol·‖b‖} within
     * {@code maxIterations}: what the solver tests use, now that solver-core has it. The hand-written {@link #cg}
     * and {@link #ldlt} below stay as independent references.
     */
    public static LinearSolver coreCg(double tol, int maxIterations) {
        return org.tandemopt.core.linalg.ConjugateGradient.builder().relativeTolerance(tol).maxIterations(maxIterations)
                .build();
    }

    /** Conjugate gradient to {@code ‖r‖ ≤ tol·‖b‖}; stops with NEGATIVE_CURVATURE when {@code pᵀAp ≤ 0}. */
    public static LinearSolver cg(double tol, int maxIterations) {
        return new LinearSolver() {
            @Override
            public LinearSolveResult solve(LinearOperator a, double[] b, double[] x) {
                int d = b.length;
                double[] r = new double[d];
                double[] p = new double[d];
                double[] ap = new double[d];
                a.apply(x, ap);
                int applications = 1;
                double bn = 0;
                double rr = 0;
                for (int i = 0; i < d; i++) {
                    r[i] = b[i] - ap[i];
                    p[i] = r[i];
                    rr += r[i] * r[i];
                    bn += b[i] * b[i];
                }
                double target = tol * Math.sqrt(bn);
                int it = 0;
                while (Math.sqrt(rr) > target && it < maxIterations) {
                    a.apply(p, ap);
                    applications++;
                    double pap = 0;
                    for (int i = 0; i < d; i++) {
                        pap += p[i] * ap[i];
                    }
                    if (!(pap > 0)) {
                        return new LinearSolveResult(LinearSolveStatus.NEGATIVE_CURVATURE, Math.sqrt(rr), it,
                                applications, true, null);
                    }
                    double alpha = rr / pap;
                    double rrNew = 0;
                    for (int i = 0; i < d; i++) {
                        x[i] += alpha * p[i];
                        r[i] -= alpha * ap[i];
                        rrNew += r[i] * r[i];
                    }
                    double beta = rrNew / rr;
                    rr = rrNew;
                    for (int i = 0; i < d; i++) {
                        p[i] = r[i] + beta * p[i];
                    }
                    it++;
                }
                LinearSolveStatus st = Math.sqrt(rr) <= target ? LinearSolveStatus.CONVERGED
                        : LinearSolveStatus.MAX_ITERATIONS;
                return new LinearSolveResult(st, Math.sqrt(rr), it, applications, false, null);
            }

            @Override
            public String toString() {
                return "TestCG{" + tol + "}";
            }
        };
    }
}
