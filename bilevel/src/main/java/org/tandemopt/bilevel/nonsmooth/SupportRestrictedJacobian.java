package org.tandemopt.bilevel.nonsmooth;

import java.util.Arrays;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * Nonsmooth implicit differentiation of {@code y*(x) = argmin_y h(x, y) + r(x, y)} at a computed solution,
 * restricted to the identified support. The solution is a fixed point of the forward-backward map
 * {@code F(x, y) = P(x, y − η∇_y h(x, y), η)}, {@code P = prox_{η r(x,·)}}; with the selected elements
 * {@code D = J_v} (diagonal for a separable {@code r}) and {@code J_x} of the prox at {@code u = y − η∇_y h},
 * <pre>
 *   A = D (I − η H_yy),   B = −η D H_yx + J_x,   (I − A) J = B.
 * </pre>
 * Off the support {@code S = {i : D_ii ≠ 0}} the rows of {@code A} and {@code B} vanish, so {@code J_N = 0} and
 * <pre>
 *   (I − A_SS) J_S = B_S,       I − A_SS = I − D_S + η D_S H_SS
 * </pre>
 * (for the Lasso, {@code J_S = −(H_SS)⁻¹ sign(y_S)} per unit of λ). The cost is {@code |S|} Hessian-vector
 * products and an {@code |S| × |S|} LU, instead of an {@code m × m} solve.
 *
 * <p><b>Qualification.</b> The nonsmooth implicit function theorem (Bolte, Le, Pauwels, Silveti-Falls,
 * "Nonsmooth implicit differentiation for machine learning and optimization", NeurIPS 2021, Thm. 1 and
 * Cor. 2) needs every element of the conservative Jacobian of {@code y − F(x, y)} to be invertible. Since
 * {@code I − A} is block triangular with an identity block off the support, its invertibility is that of
 * {@code I − A_SS}: the smallest singular value {@code σ_min(I − A_SS)} of the selected element is computed
 * and must exceed the qualification tolerance (default {@code 1e-10}), otherwise the status is
 * {@link NonsmoothStatus#NOT_QUALIFIED} and no Jacobian is returned. At coordinates on a kink
 * ({@code ||u_i| − ηα_i| ≤ tol·ηα_i}, default {@code tol = 1e-12}) both extreme selections
 * ({@code D_ii = 0}: coordinate out of the support; {@code D_ii} maximal: in) are differentiated and checked;
 * when their Jacobians differ the status is {@link NonsmoothStatus#KINK_AMBIGUITY} and the returned Jacobian is
 * only the selected element (the prox's kink derivative; 0 by default).
 *
 * <p>The step {@code η} does not change {@code J} at a qualified solution; it is {@code 1/L̂} by default
 * ({@code L̂} by the power iteration at {@code (x, y)}) or fixed with {@link #withStep}. Immutable and
 * thread-safe; each call allocates its small dense system.
 */
public final class SupportRestrictedJacobian {

    /** Default relative tolerance that declares a coordinate to be on a kink. */
    public static final double DEFAULT_KINK_TOLERANCE = 1e-12;
    /** Default smallest admissible {@code σ_min(I − A_SS)}. */
    public static final double DEFAULT_QUALIFICATION_TOLERANCE = 1e-10;

    private final double kinkTolerance;
    private final double qualificationTolerance;
    private final double step;

    private SupportRestrictedJacobian(double kinkTolerance, double qualificationTolerance, double step) {
        this.kinkTolerance = kinkTolerance;
        this.qualificationTolerance = qualificationTolerance;
        this.step = step;
    }

    /** @return kink tolerance {@code 1e-12}, qualification tolerance {@code 1e-10}, step {@code 1/L̂}. */
    public static SupportRestrictedJacobian defaults() {
        return new SupportRestrictedJacobian(DEFAULT_KINK_TOLERANCE, DEFAULT_QUALIFICATION_TOLERANCE, Double.NaN);
    }

    /** @return a copy with the relative kink tolerance {@code tol ≥ 0} (0: exact kinks only). */
    public SupportRestrictedJacobian withKinkTolerance(double tol) {
        return new SupportRestrictedJacobian(Functions.requireNonNegative("kinkTolerance", tol),
                qualificationTolerance, step);
    }

    /** @return a copy with the qualification tolerance {@code tol ≥ 0} on {@code σ_min(I − A_SS)}. */
    public SupportRestrictedJacobian withQualificationTolerance(double tol) {
        return new SupportRestrictedJacobian(kinkTolerance,
                Functions.requireNonNegative("qualificationTolerance", tol), step);
    }

    /** @return a copy differentiating the forward-backward map with the fixed step {@code η > 0}. */
    public SupportRestrictedJacobian withStep(double eta) {
        return new SupportRestrictedJacobian(kinkTolerance, qualificationTolerance,
                Functions.requirePositive("step", eta));
    }

    /** @return the relative kink tolerance. */
    public double kinkTolerance() {
        return kinkTolerance;
    }

    /** @return the qualification tolerance. */
    public double qualificationTolerance() {
        return qualificationTolerance;
    }

    /**
     * Differentiates the solution {@code y} of {@code min h(x, ·) + r(x, ·)} with respect to {@code x}.
     *
     * @param h    the smooth part, with second-order oracles
     * @param prox the prox of {@code r}
     * @param x    the upper variable (length {@code n}, finite)
     * @param y    the computed solution (length {@code m}, finite); its accuracy is reported as
     *             {@code fixedPointResidual}
     * @throws IllegalArgumentException for null, wrong-length or non-finite arguments, or mismatched dimensions
     */
    public NonsmoothJacobian compute(ParametricFunction h, ParametricProx prox, double[] x, double[] y) {
        Functions.requireNonNull("h", h);
        Functions.requireNonNull("prox", prox);
        if (!h.hasSecondOrder()) {
            throw new IllegalArgumentException("h has no second-order oracles (hasSecondOrder() is false); "
                    + "expected H_yy v and H_yx u");
        }
        int n = h.parameterDimension();
        int m = h.variableDimension();
        Functions.requireFinite("x", x, n);
        Functions.requireFinite("y", y, m);
        if (prox.parameterDimension() != -1 && prox.parameterDimension() != n) {
            throw new IllegalArgumentException("prox.parameterDimension() = " + prox.parameterDimension()
                    + ", expected " + n + " or -1");
        }
        if (prox.dimension() != -1 && prox.dimension() != m) {
            throw new IllegalArgumentException("prox.dimension() = " + prox.dimension() + ", expected " + m
                    + " or -1");
        }
        double[] a = new double[m];
        double[] b = new double[m];
        double eta = step;
        long hvps = 0;
        if (Double.isNaN(eta)) {
            double l = Lipschitz.estimate(h, x, y, a, b);
            if (!(l > 0) || !Double.isFinite(l)) {
                return refused(NonsmoothStatus.NON_FINITE, Double.NaN, Double.NaN, hvps);
            }
            eta = 1.0 / l;
        }
        double[] grad = new double[m];
        h.gradientY(x, y, grad);
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            u[i] = y[i] - eta * grad[i];
        }
        double[] p = new double[m];
        prox.prox(x, u, eta, p);
        double res = 0;
        for (int i = 0; i < m; i++) {
            res += (y[i] - p[i]) * (y[i] - p[i]);
        }
        res = Math.sqrt(res) / eta;
        double[] d = new double[m];
        if (!prox.jacobianDiagonal(x, u, eta, d)) {
            return refused(NonsmoothStatus.NOT_SEPARABLE, res, eta, hvps);
        }
        boolean[] mask = new boolean[m];
        int kinkCount = prox.kinks(x, u, eta, kinkTolerance, mask);
        int[] kinks = kinkCount < 0 ? null : indices(mask, kinkCount);

        Solve selected = solve(h, prox, x, y, u, eta, d);
        hvps += selected.hvps;
        double lowerSigma = Double.NaN;
        double upperSigma = Double.NaN;
        double spread = 0;
        boolean ambiguous = false;
        ParametricProx lowProx = kinkCount > 0 ? prox.withExtremeSelection(false, kinkTolerance) : null;
        ParametricProx highProx = kinkCount > 0 ? prox.withExtremeSelection(true, kinkTolerance) : null;
        if (lowProx != null && highProx != null) {
            double[] dl = new double[m];
            double[] du = new double[m];
            lowProx.jacobianDiagonal(x, u, eta, dl);
            highProx.jacobianDiagonal(x, u, eta, du);
            Solve lo = solve(h, lowProx, x, y, u, eta, dl);
            Solve hi = solve(h, highProx, x, y, u, eta, du);
            hvps += lo.hvps + hi.hvps;
            lowerSigma = lo.sigma;
            upperSigma = hi.sigma;
            if (lo.jacobian == null || hi.jacobian == null || lo.sigma < qualificationTolerance
                    || hi.sigma < qualificationTolerance) {
                ambiguous = true;
                spread = Double.POSITIVE_INFINITY;
            } else {
                double scale = 1;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        spread = Math.max(spread, Math.abs(lo.jacobian[i][j] - hi.jacobian[i][j]));
                        scale = Math.max(scale, Math.abs(lo.jacobian[i][j]));
                    }
                }
                ambiguous = spread > 1e-12 * scale;
            }
        }
        if (kinkCount > 0 && (lowProx == null || highProx == null)) {
            ambiguous = true;               // kinks found but the extremes cannot be examined: do not claim exactness
            spread = Double.NaN;
        }
        NonsmoothStatus status;
        double[][] jac = selected.jacobian;
        if (jac == null || !(selected.sigma >= qualificationTolerance)) {
            status = Double.isNaN(selected.sigma) ? NonsmoothStatus.NON_FINITE : NonsmoothStatus.NOT_QUALIFIED;
            jac = null;
        } else if (!finite(jac)) {
            status = NonsmoothStatus.NON_FINITE;
            jac = null;
        } else {
            status = ambiguous ? NonsmoothStatus.KINK_AMBIGUITY : NonsmoothStatus.OK;
        }
        return new NonsmoothJacobian(status, jac, selected.support, kinks, selected.sigma, lowerSigma, upperSigma,
                spread, res, eta, hvps);
    }

    private static NonsmoothJacobian refused(NonsmoothStatus s, double res, double eta, long hvps) {
        return new NonsmoothJacobian(s, null, new int[0], null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, res,
                eta, hvps);
    }

    private record Solve(double[][] jacobian, int[] support, double sigma, long hvps) {
    }

    /** Builds and solves {@code (I − A_SS) J_S = B_S} for the diagonal selection {@code d}. */
    private static Solve solve(ParametricFunction h, ParametricProx prox, double[] x, double[] y, double[] u,
                               double eta, double[] d) {
        int n = h.parameterDimension();
        int m = h.variableDimension();
        int k = 0;
        for (double di : d) {
            if (di != 0) {
                k++;
            }
        }
        int[] s = new int[k];
        k = 0;
        for (int i = 0; i < m; i++) {
            if (d[i] != 0) {
                s[k++] = i;
            }
        }
        double[][] mat = new double[k][k];
        double[] e = new double[m];
        double[] col = new double[m];
        for (int c = 0; c < k; c++) {
            int j = s[c];
            e[j] = 1;
            h.hessianYY(x, y, e, col);
            e[j] = 0;
            for (int r = 0; r < k; r++) {
                int i = s[r];
                mat[r][c] = (r == c ? 1 - d[i] : 0) + eta * d[i] * col[i];
            }
        }
        double[][] rhs = new double[k][n];
        double[] ex = new double[n];
        for (int j = 0; j < n; j++) {
            ex[j] = 1;
            h.cross(x, y, ex, col);
            for (int i = 0; i < m; i++) {
                col[i] *= -eta * d[i];
            }
            prox.parameterJacobianVector(x, u, eta, ex, col);
            ex[j] = 0;
            for (int r = 0; r < k; r++) {
                rhs[r][j] = col[s[r]];
            }
        }
        double sigma = SmallDense.smallestSingularValue(mat);
        double[][] jac = null;
        if (sigma > 0 && SmallDense.solve(mat, rhs)) {
            jac = new double[m][n];
            for (int r = 0; r < k; r++) {
                jac[s[r]] = rhs[r];
            }
        }
        return new Solve(jac, s, sigma, k);
    }

    private static int[] indices(boolean[] mask, int count) {
        int[] out = new int[count];
        int c = 0;
        for (int i = 0; i < mask.length && c < count; i++) {
            if (mask[i]) {
                out[c++] = i;
            }
        }
        return c == count ? out : Arrays.copyOf(out, c);
    }

    private static boolean finite(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SupportRestrictedJacobian{kinkTolerance=" + kinkTolerance + ", qualificationTolerance="
                + qualificationTolerance + ", step=" + (Double.isNaN(step) ? "1/L" : step) + "}";
    }
}
