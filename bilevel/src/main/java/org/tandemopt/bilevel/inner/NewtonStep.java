package org.tandemopt.bilevel.inner;

import org.tandemopt.core.function.FiniteDifferences;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.LinearOperator;
import org.tandemopt.core.linalg.LinearSolveResult;
import org.tandemopt.core.linalg.LinearSolveStatus;
import org.tandemopt.core.linalg.LinearSolver;

/**
 * Newton's method on the lower objective as an inner map: {@code F(x, y) = y − t d(x, y)} with the Newton
 * direction {@code d = H_yy⁻¹ ∇_y g} (solved by the given {@link LinearSolver}, warm-started from the
 * previous direction) and step {@code t} (default 1). Its Jacobians, exactly differentiated through the
 * solve:
 * <pre>
 *   A u = (1 − t) u + t H_yy⁻¹ (D_y H_yy[u]) d,
 *   B w = −t H_yy⁻¹ (H_yx w − (D_x H_yy[w]) d).
 * </pre>
 * The third-order terms {@code (D H_yy[·]) d} are not among the oracles of a {@code ParametricFunction}; they
 * are taken as central differences of second-order products along {@code d}
 * ({@code (H_yy(y + εd) − H_yy(y − εd)) u / 2ε}, and likewise for the mixed products), with
 * {@code ε = u^{1/3} max(1, ‖y‖)/‖d‖}. Their size is proportional to {@code ‖d‖ ~ ‖∇_y g‖}, so they vanish at
 * the solution and the difference error (about 1e-10 relative to the term) never dominates.
 *
 * <p>At a non-degenerate minimiser {@code A = 0} for {@code t = 1}: this is why one-step differentiation of
 * Newton is exact in the limit (J. Bolte, E. Pauwels, S. Vaiter, "One-step differentiation of iterative
 * algorithms", NeurIPS 2023, and REFERENCE-PROBLEMS.md B4, where the one-step error falls quadratically).
 * A solve that fails, or meets negative curvature, marks the map as failed ({@code failed()}): the estimators report it.
 */
public final class NewtonStep implements InnerAlgorithm {

    private final LinearSolver solver;
    private final double stepSize;

    private NewtonStep(LinearSolver solver, double stepSize) {
        this.solver = solver;
        this.stepSize = stepSize;
    }

    /** @return the pure Newton map ({@code t = 1}) solving its systems with {@code solver}. */
    public static NewtonStep of(LinearSolver solver) {
        return of(solver, 1.0);
    }

    /** @return the damped Newton map with step {@code 0 < t ≤ 1}. */
    public static NewtonStep of(LinearSolver solver, double stepSize) {
        Functions.requireNonNull("solver", solver);
        Functions.requirePositive("stepSize", stepSize);
        Functions.requireInRange("stepSize", stepSize, 0, 1);
        return new NewtonStep(solver, stepSize);
    }

    @Override
    public InnerMap bind(ParametricFunction lower) {
        return new Map(lower);
    }

    @Override
    public String describe() {
        return "NewtonStep{t=" + stepSize + ", solver=" + solver + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Map extends AbstractInnerMap {
        private final double[] grad;
        private final double[] d;
        private final double[] sol;
        private final double[] rhs;
        private final double[] yShift;
        private final double[] xShift;
        private final double[] p1;
        private final double[] p2;
        private final double[] q1;
        private final double[] q2;
        private double[] opX;
        private double[] opY;
        private boolean failed;
        private final LinearOperator hessian;

        Map(ParametricFunction g) {
            super(g);
            grad = new double[m];
            d = new double[m];
            sol = new double[m];
            rhs = new double[m];
            yShift = new double[m];
            xShift = new double[n];
            p1 = new double[m];
            p2 = new double[m];
            q1 = new double[n];
            q2 = new double[n];
            hessian = (v, out) -> {
                g.hessianYY(opX, opY, v, out);
                hvps++;
            };
        }

        @Override public int stateSize() { return m; }

        @Override
        public void initialState(double[] y0, double[] s) {
            System.arraycopy(y0, 0, s, 0, m);
        }

        @Override
        public void prepare(double[] x, double[] state) {
            failed = false;
        }

        @Override
        public boolean failed() {
            return failed;
        }

        private void solve(double[] x, double[] y, double[] b, double[] out) {
            opX = x;
            opY = y;
            LinearSolveResult r = solver.solve(hessian, b, out);
            if (r.status() != LinearSolveStatus.CONVERGED || r.negativeCurvature()) {
                failed = true;
            }
            int[] inertia = r.inertia();
            if (inertia != null && (inertia[1] > 0 || inertia[2] > 0)) {
                failed = true;
            }
        }

        /** Recomputes the Newton direction at (x, y) into d. */
        private double direction(double[] x, double[] y) {
            g.gradientY(x, y, grad);
            gradients++;
            solve(x, y, grad, d);
            return norm(grad, m);
        }

        @Override
        public double step(double[] x, double[] s, double[] out) {
            double r = direction(x, s);
            for (int i = 0; i < m; i++) {
                out[i] = s[i] - stepSize * d[i];
            }
            return r;
        }

        /** ε for a difference along d from y, or 0 when d vanishes. */
        private double epsAlong(double[] y, double[] dir) {
            double dn = norm(dir, dir.length);
            if (dn == 0 || !Double.isFinite(dn)) {
                return 0;
            }
            return FiniteDifferences.DEFAULT_RELATIVE_STEP * Math.max(1.0, norm(y, y.length)) / dn;
        }

        /** out ← (D_y H_yy[d]) u, by central differences along d. */
        private void thirdAlongD(double[] x, double[] y, double[] u, double[] out) {
            double eps = epsAlong(y, d);
            if (eps == 0) {
                java.util.Arrays.fill(out, 0.0);
                return;
            }
            for (int i = 0; i < m; i++) {
                yShift[i] = y[i] + eps * d[i];
            }
            g.hessianYY(x, yShift, u, p1);
            for (int i = 0; i < m; i++) {
                yShift[i] = y[i] - eps * d[i];
            }
            g.hessianYY(x, yShift, u, p2);
            hvps += 2;
            double inv = 0.5 / eps;
            for (int i = 0; i < m; i++) {
                out[i] = (p1[i] - p2[i]) * inv;
            }
        }

        @Override
        public void vjp(double[] x, double[] s, double[] v, double[] out, double[] xAcc) {
            direction(x, s);
            java.util.Arrays.fill(sol, 0.0);
            solve(x, s, v, sol); // sol = H⁻¹ v
            // Aᵀ v = (1 − t) v + t (D_y H[d]) H⁻¹ v
            thirdAlongD(x, s, sol, rhs);
            for (int i = 0; i < m; i++) {
                out[i] = (1 - stepSize) * v[i] + stepSize * rhs[i];
            }
            // Bᵀ v = −t (H_yxᵀ u − ∇_x(uᵀ H_yy d)),  u = H⁻¹ v
            g.crossTranspose(x, s, sol, q1);
            mixed++;
            for (int j = 0; j < n; j++) {
                xAcc[j] -= stepSize * q1[j];
            }
            double eps = epsAlong(s, d);
            if (eps != 0) {
                for (int i = 0; i < m; i++) {
                    yShift[i] = s[i] + eps * d[i];
                }
                g.crossTranspose(x, yShift, sol, q1);
                for (int i = 0; i < m; i++) {
                    yShift[i] = s[i] - eps * d[i];
                }
                g.crossTranspose(x, yShift, sol, q2);
                mixed += 2;
                double inv = 0.5 / eps;
                for (int j = 0; j < n; j++) {
                    xAcc[j] += stepSize * (q1[j] - q2[j]) * inv;
                }
            }
        }

        @Override
        public void jvp(double[] x, double[] s, double[] u, double[] w, double[] out) {
            direction(x, s);
            // rhs = (D_y H[d]) u
            thirdAlongD(x, s, u, rhs);
            if (w != null) {
                // rhs −= H_yx w − (D_x H[w]) d
                g.cross(x, s, w, p1);
                mixed++;
                for (int i = 0; i < m; i++) {
                    rhs[i] -= p1[i];
                }
                double wn = norm(w, n);
                double dn = norm(d, m);
                if (wn > 0 && dn > 0) {
                    double eps = FiniteDifferences.DEFAULT_RELATIVE_STEP * Math.max(1.0, norm(x, n)) / wn;
                    for (int j = 0; j < n; j++) {
                        xShift[j] = x[j] + eps * w[j];
                    }
                    g.hessianYY(xShift, s, d, p1);
                    for (int j = 0; j < n; j++) {
                        xShift[j] = x[j] - eps * w[j];
                    }
                    g.hessianYY(xShift, s, d, p2);
                    hvps += 2;
                    double inv = 0.5 / eps;
                    for (int i = 0; i < m; i++) {
                        rhs[i] += (p1[i] - p2[i]) * inv;
                    }
                }
            }
            java.util.Arrays.fill(sol, 0.0);
            solve(x, s, rhs, sol);
            for (int i = 0; i < m; i++) {
                out[i] = (1 - stepSize) * u[i] + stepSize * sol[i];
            }
        }
    }
}
