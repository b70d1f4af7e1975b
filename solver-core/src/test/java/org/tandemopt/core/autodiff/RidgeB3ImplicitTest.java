package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tandemopt.core.autodiff.Fd.assertClose;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * REFERENCE-PROBLEMS.md B3 (ridge bilevel, 40 × 8, log-regularization) with both levels defined once by AD.
 * The lower solution {@code w*(t)} comes from Newton steps on {@code g} whose Hessian is assembled from AD
 * Hessian-vector products; the hypergradient is the implicit formula {@code dF/dt = −H_yxᵀ v} with
 * {@code H_yy v = ∇_w f}, every block an AD oracle, the linear systems solved densely in the test.
 */
class RidgeB3ImplicitTest {

    static final int N = 40;
    static final int P = 8;
    static final int NV = 20;

    static final DenseMatrix A;
    static final double[] B;
    static final DenseMatrix V;
    static final double[] C;

    static {
        double[] a = new double[N * P];
        double[] xTrue = new double[P];
        for (int j = 0; j < P; j++) {
            xTrue[j] = (j % 2 == 0 ? 1.0 : -1.0) / (j + 1);
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                a[i * P + j] = Math.sin((i + 1.0) * (j + 1.0)) * Math.pow(0.6, j);
            }
        }
        A = DenseMatrix.of(N, P, a);
        B = new double[N];
        A.multiply(xTrue, B);
        for (int i = 0; i < N; i++) {
            B[i] += 0.3 * Math.cos(3.7 * (i + 1));
        }
        double[] v = new double[NV * P];
        for (int i = 0; i < NV; i++) {
            for (int j = 0; j < P; j++) {
                v[i * P + j] = Math.cos((i + 1.0) * (j + 2.0)) * Math.pow(0.6, j);
            }
        }
        V = DenseMatrix.of(NV, P, v);
        C = new double[NV];
        V.multiply(xTrue, C);
    }

    /** Lower level {@code g(t, w) = ‖Aw − b‖²/(2·40) + (e^t/2)‖w‖²}. */
    static final ParametricFunction LOWER = AutoDiff.parametric(1, P, (t, w) ->
            w.premultiply(A).minus(B).squaredNorm().div(2.0 * N).plus(t.exp().times(w.squaredNorm()).times(0.5)));

    /** Upper level {@code f(w) = ‖Vw − c‖²/(2·20)} (independent of t). */
    static final ParametricFunction UPPER = AutoDiff.parametric(1, P, (t, w) ->
            w.premultiply(V).minus(C).squaredNorm().div(2.0 * NV));

    /** Solves {@code M z = r} by Gaussian elimination with partial pivoting (M is P × P, copied). */
    static double[] solve(double[][] m, double[] r) {
        int n = r.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = java.util.Arrays.copyOf(m[i], n + 1);
            a[i][n] = r[i];
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int i = col + 1; i < n; i++) {
                if (Math.abs(a[i][col]) > Math.abs(a[piv][col])) {
                    piv = i;
                }
            }
            double[] tmp = a[col];
            a[col] = a[piv];
            a[piv] = tmp;
            for (int i = col + 1; i < n; i++) {
                double f = a[i][col] / a[col][col];
                for (int j = col; j <= n; j++) {
                    a[i][j] -= f * a[col][j];
                }
            }
        }
        double[] z = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * z[j];
            }
            z[i] = s / a[i][i];
        }
        return z;
    }

    /** {@code H_yy} assembled column by column from AD Hessian-vector products. */
    static double[][] hessian(double[] t, double[] w) {
        double[][] h = new double[P][P];
        double[] col = new double[P];
        for (int j = 0; j < P; j++) {
            LOWER.hessianYY(t, w, Fd.unit(P, j), col);
            for (int i = 0; i < P; i++) {
                h[i][j] = col[i];
            }
        }
        return h;
    }

    static double[] lowerSolution(double[] t) {
        double[] w = new double[P];
        double[] grad = new double[P];
        for (int k = 0; k < 3; k++) { // g is quadratic in w: the first Newton step is exact, two more polish it
            LOWER.gradientY(t, w, grad);
            double[] step = solve(hessian(t, w), grad);
            for (int i = 0; i < P; i++) {
                w[i] -= step[i];
            }
        }
        return w;
    }

    @ParameterizedTest(name = "t = {0}")
    @CsvSource({"-4, 6.604411700764e-4, 1.027871148890e-3", "-6, 7.968012535084e-5, 1.088917150435e-5"})
    void valueAndHypergradientByTheImplicitFormulaWithAdOracles(double t0, double expectedF, double expectedDf) {
        double[] t = {t0};
        double[] w = lowerSolution(t);
        double[] grad = new double[P];
        LOWER.gradientY(t, w, grad);
        for (double gi : grad) {
            assertEquals(0.0, gi, 1e-15, "∇_w g(t, w*) vanishes");
        }
        double[] gradF = new double[P];
        double value = UPPER.gradientY(t, w, gradF);
        double[] v = solve(hessian(t, w), gradF);            // H_yy v = ∇_w f
        double[] hyx = new double[1];
        LOWER.crossTranspose(t, w, v, hyx);                   // H_yxᵀ v
        double dF = -hyx[0];
        assertClose(expectedF, value, 1e-11, "F(" + t0 + ")");
        assertClose(expectedDf, dF, 1e-11, "dF/dt(" + t0 + ")");
        double[] ux = new double[1];
        UPPER.gradientX(t, w, ux);
        assertEquals(0.0, ux[0], 0.0, "the upper level does not depend on t");

        // the mixed block here is H_yx = e^t w*: both mixed products agree with it
        double[] cross = new double[P];
        LOWER.cross(t, w, new double[] {1}, cross);
        double[] expectedCross = w.clone();
        for (int i = 0; i < P; i++) {
            expectedCross[i] *= Math.exp(t0);
        }
        assertClose(expectedCross, cross, 1e-14, "H_yx · 1");
    }

    @ParameterizedTest(name = "t = {0}")
    @CsvSource({"-4"})
    void lowerSolutionMatchesTheReference(double t0) {
        double[] expected = {0.9597323432, -0.4715099672, 0.2702223213, -0.1361556639, 0.1017092670, -0.0271238929,
            0.0049884834, -0.0146177242};
        assertArrayEquals(expected, lowerSolution(new double[] {t0}), 5e-11);
    }
}
