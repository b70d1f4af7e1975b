package org.tandemopt.core.function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The finite-difference adapters against closed-form second derivatives.
 *
 * <p>The parametric function ({@code n = 3}, {@code m = 4}, fixed {@code C ∈ R^{3×4}}):
 * <pre>
 *   h(x, y) = Σ_ij C_ij sin(x_i) y_j² + Σ_j log(1 + y_j²) + ½‖x‖² Σ_j y_j + sin(x_0) Σ_{j<m−1} y_j y_{j+1}
 * </pre>
 * has a non-diagonal {@code H_yy} and a cross block {@code H_yx} that depends on both {@code x} and {@code y}:
 * <pre>
 *   (H_yy)_jj = 2 Σ_i C_ij sin(x_i) + 2(1 − y_j²)/(1 + y_j²)²,   (H_yy)_{j,j±1} = sin(x_0),
 *   (H_yx)_ji = 2 y_j C_ij cos(x_i) + x_i + [i = 0] cos(x_0)(y_{j−1} + y_{j+1}).
 * </pre>
 */
class FiniteDifferencesTest {

    /**
     * Relative accuracy asserted for the central differences with the default step: the documented "about ten
     * digits"; the worst error measured over the seeds below is 6.4e-11.
     */
    static final double FD_TOLERANCE = 1e-9;

    static final int N = 3;
    static final int M = 4;
    static final double[][] C = {{1.0, -0.5, 2.0, 0.3}, {0.7, 1.5, -1.2, 0.4}, {-0.9, 0.2, 0.8, 1.1}};

    /** The hand-coded function with exact second-order oracles. */
    static final ParametricFunction H = new ParametricFunction() {
        @Override public int parameterDimension() { return N; }
        @Override public int variableDimension() { return M; }

        @Override
        public double value(double[] x, double[] y) {
            double v = 0;
            double sumY = 0;
            for (int j = 0; j < M; j++) {
                for (int i = 0; i < N; i++) {
                    v += C[i][j] * Math.sin(x[i]) * y[j] * y[j];
                }
                v += Math.log1p(y[j] * y[j]);
                sumY += y[j];
            }
            v += 0.5 * squaredNorm(x) * sumY;
            for (int j = 0; j < M - 1; j++) {
                v += Math.sin(x[0]) * y[j] * y[j + 1];
            }
            return v;
        }

        @Override
        public double gradientY(double[] x, double[] y, double[] out) {
            double half = 0.5 * squaredNorm(x);
            for (int j = 0; j < M; j++) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += C[i][j] * Math.sin(x[i]);
                }
                out[j] = 2 * y[j] * s + 2 * y[j] / (1 + y[j] * y[j]) + half
                        + Math.sin(x[0]) * (neighbours(y, j));
            }
            return value(x, y);
        }

        @Override
        public void gradientX(double[] x, double[] y, double[] out) {
            double sumY = 0;
            double chain = 0;
            for (int j = 0; j < M; j++) {
                sumY += y[j];
            }
            for (int j = 0; j < M - 1; j++) {
                chain += y[j] * y[j + 1];
            }
            for (int i = 0; i < N; i++) {
                double s = 0;
                for (int j = 0; j < M; j++) {
                    s += C[i][j] * y[j] * y[j];
                }
                out[i] = Math.cos(x[i]) * s + x[i] * sumY + (i == 0 ? Math.cos(x[0]) * chain : 0);
            }
        }

        @Override public boolean hasSecondOrder() { return true; }

        @Override
        public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
            for (int j = 0; j < M; j++) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += C[i][j] * Math.sin(x[i]);
                }
                double q = 1 + y[j] * y[j];
                out[j] = (2 * s + 2 * (1 - y[j] * y[j]) / (q * q)) * v[j] + Math.sin(x[0]) * neighbours(v, j);
            }
        }

        @Override
        public void cross(double[] x, double[] y, double[] u, double[] out) {
            for (int j = 0; j < M; j++) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += hyx(x, y, j, i) * u[i];
                }
                out[j] = s;
            }
        }

        @Override
        public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
            for (int i = 0; i < N; i++) {
                double s = 0;
                for (int j = 0; j < M; j++) {
                    s += hyx(x, y, j, i) * w[j];
                }
                out[i] = s;
            }
        }
    };

    static double hyx(double[] x, double[] y, int j, int i) {
        return 2 * y[j] * C[i][j] * Math.cos(x[i]) + x[i] + (i == 0 ? Math.cos(x[0]) * neighbours(y, j) : 0);
    }

    static double neighbours(double[] v, int j) {
        return (j > 0 ? v[j - 1] : 0) + (j < v.length - 1 ? v[j + 1] : 0);
    }

    static double squaredNorm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s;
    }

    /** Only first-order oracles: what a user would wrap. */
    static final ParametricFunction FIRST_ORDER = new ParametricFunction() {
        @Override public int parameterDimension() { return N; }
        @Override public int variableDimension() { return M; }
        @Override public double value(double[] x, double[] y) { return H.value(x, y); }
        @Override public double gradientY(double[] x, double[] y, double[] out) { return H.gradientY(x, y, out); }
        @Override public void gradientX(double[] x, double[] y, double[] out) { H.gradientX(x, y, out); }
    };

    static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    static double relativeError(double[] approx, double[] exact) {
        double e = 0;
        double s = 0;
        for (int i = 0; i < exact.length; i++) {
            e += (approx[i] - exact[i]) * (approx[i] - exact[i]);
            s += exact[i] * exact[i];
        }
        return Math.sqrt(e / s);
    }

    static IntStream seeds() {
        return IntStream.range(0, 12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theThreeMixedProductsMatchClosedForms(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = gaussian(N, rng);
        double[] y = gaussian(M, rng);
        double[] u = gaussian(N, rng);
        double[] v = gaussian(M, rng);
        double[] w = gaussian(M, rng);
        ParametricFunction fd = FiniteDifferences.withSecondOrder(FIRST_ORDER);
        assertTrue(fd.hasSecondOrder());
        assertFalse(FIRST_ORDER.hasSecondOrder());

        double[] exactYY = new double[M];
        double[] approxYY = new double[M];
        H.hessianYY(x, y, v, exactYY);
        fd.hessianYY(x, y, v, approxYY);
        assertTrue(relativeError(approxYY, exactYY) <= FD_TOLERANCE, "H_yy v: " + relativeError(approxYY, exactYY));

        double[] exactCross = new double[M];
        double[] approxCross = new double[M];
        H.cross(x, y, u, exactCross);
        fd.cross(x, y, u, approxCross);
        assertTrue(relativeError(approxCross, exactCross) <= FD_TOLERANCE, "H_yx u: " + relativeError(approxCross, exactCross));

        double[] exactT = new double[N];
        double[] approxT = new double[N];
        H.crossTranspose(x, y, w, exactT);
        fd.crossTranspose(x, y, w, approxT);
        assertTrue(relativeError(approxT, exactT) <= FD_TOLERANCE, "H_yxᵀ w: " + relativeError(approxT, exactT));

        // first-order oracles pass through unchanged
        double[] g1 = new double[M];
        double[] g2 = new double[M];
        assertEquals(H.gradientY(x, y, g1), fd.gradientY(x, y, g2), 0.0);
        assertArrayEquals(g1, g2, 0.0);
        double[] gx1 = new double[N];
        double[] gx2 = new double[N];
        H.gradientX(x, y, gx1);
        fd.gradientX(x, y, gx2);
        assertArrayEquals(gx1, gx2, 0.0);
        assertEquals(H.value(x, y), fd.value(x, y), 0.0);
        assertEquals(N, fd.parameterDimension());
        assertEquals(M, fd.variableDimension());
    }

    @Test
    void theClosedFormsAreConsistentWithTheGradients() {
        // guards the reference itself: the closed forms of H_yx u and H_yxᵀ w are transposes of each other ...
        SplittableRandom rng = new SplittableRandom(42);
        double[] x = gaussian(N, rng);
        double[] y = gaussian(M, rng);
        for (int j = 0; j < M; j++) {
            double[] e = new double[M];
            e[j] = 1;
            double[] exact = new double[N];
            H.crossTranspose(x, y, e, exact);
            double[] exactFromCross = new double[N];
            for (int i = 0; i < N; i++) {
                double[] ui = new double[N];
                ui[i] = 1;
                double[] col = new double[M];
                H.cross(x, y, ui, col);
                exactFromCross[i] = col[j];
            }
            assertArrayEquals(exact, exactFromCross, 1e-15, "H_yx u and H_yxᵀ w are transposes");
        }
        // ... and H_yxᵀ w = ∂_y(∇_x h)·w, checked by a fourth-order difference of the hand-coded ∇_x h
        double[] approx = new double[N];
        double[] exact = new double[N];
        double[] w = gaussian(M, rng);
        H.crossTranspose(x, y, w, exact);
        richardson(x, y, w, approx);
        assertTrue(relativeError(approx, exact) <= 1e-9, "closed form H_yxᵀ w: " + relativeError(approx, exact));
    }

    /** Fourth-order central difference of ∇_x h along w. */
    static void richardson(double[] x, double[] y, double[] w, double[] out) {
        double h = 1e-3;
        double[][] g = new double[4][N];
        double[] steps = {2 * h, h, -h, -2 * h};
        for (int k = 0; k < 4; k++) {
            double[] ys = y.clone();
            for (int j = 0; j < M; j++) {
                ys[j] += steps[k] * w[j];
            }
            H.gradientX(x, ys, g[k]);
        }
        for (int i = 0; i < N; i++) {
            out[i] = (-g[0][i] + 8 * g[1][i] - 8 * g[2][i] + g[3][i]) / (12 * h);
        }
    }

    /** J(z) = Σ_i log(1 + exp(c_iᵀ z)) + ¼ Σ_k z_k⁴ with H v = Σ_i σ'(c_iᵀz)(c_iᵀv) c_i + 3 z² ⊙ v. */
    static final double[][] CI = {{1, 0.5, -0.3, 0.2, 0}, {-0.4, 1, 0.7, 0, 0.1}, {0.3, -0.2, 1, 0.5, -0.6},
        {0, 0.8, -0.1, 1, 0.4}, {0.2, 0, 0.3, -0.5, 1}, {0.6, 0.6, 0.6, 0.6, 0.6}};

    static double sigma(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    static double cdot(int i, double[] z) {
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            s += CI[i][k] * z[k];
        }
        return s;
    }

    static final DifferentiableFunction J = new DifferentiableFunction() {
        @Override public int dimension() { return 5; }

        @Override
        public double value(double[] z) {
            double v = 0;
            for (int i = 0; i < CI.length; i++) {
                double t = cdot(i, z);
                v += Math.log1p(Math.exp(t));
            }
            for (double zk : z) {
                v += 0.25 * zk * zk * zk * zk;
            }
            return v;
        }

        @Override
        public double valueAndGradient(double[] z, double[] g) {
            for (int k = 0; k < 5; k++) {
                g[k] = z[k] * z[k] * z[k];
            }
            for (int i = 0; i < CI.length; i++) {
                double s = sigma(cdot(i, z));
                for (int k = 0; k < 5; k++) {
                    g[k] += s * CI[i][k];
                }
            }
            return value(z);
        }
    };

    static void exactHessianVector(double[] z, double[] v, double[] out) {
        for (int k = 0; k < 5; k++) {
            out[k] = 3 * z[k] * z[k] * v[k];
        }
        for (int i = 0; i < CI.length; i++) {
            double s = sigma(cdot(i, z));
            double cv = cdot(i, v);
            for (int k = 0; k < 5; k++) {
                out[k] += s * (1 - s) * cv * CI[i][k];
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void hessianVectorProductMatchesTheClosedForm(int seed) {
        SplittableRandom rng = new SplittableRandom(100 + seed);
        double[] z = gaussian(5, rng);
        double[] v = gaussian(5, rng);
        DifferentiableFunction fd = FiniteDifferences.withHessianVector(J);
        assertTrue(fd.hasHessianVector());
        assertFalse(J.hasHessianVector());
        double[] exact = new double[5];
        double[] approx = new double[5];
        exactHessianVector(z, v, exact);
        fd.hessianVector(z, v, approx);
        assertTrue(relativeError(approx, exact) <= FD_TOLERANCE, "H v: " + relativeError(approx, exact));
        assertEquals(J.value(z), fd.value(z), 0.0);
        assertEquals(5, fd.dimension());
        // linear in v: H (3v) = 3 H v up to the same accuracy
        double[] scaled = new double[5];
        double[] three = v.clone();
        for (int k = 0; k < 5; k++) {
            three[k] *= 3;
        }
        fd.hessianVector(z, three, scaled);
        for (int k = 0; k < 5; k++) {
            scaled[k] /= 3;
        }
        assertTrue(relativeError(scaled, exact) <= FD_TOLERANCE);
    }

    @Test
    void theDefaultStepBalancesTruncationAndRounding() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] z = gaussian(5, rng);
        double[] v = gaussian(5, rng);
        double[] exact = new double[5];
        exactHessianVector(z, v, exact);
        double[] coarse = new double[5];
        double[] fine = new double[5];
        FiniteDifferences.withHessianVector(J, 1e-2).hessianVector(z, v, coarse);
        FiniteDifferences.withHessianVector(J).hessianVector(z, v, fine);
        double coarseError = relativeError(coarse, exact);
        double fineError = relativeError(fine, exact);
        assertTrue(coarseError > 1e-7 && coarseError < 1e-2, "O(h²) truncation: " + coarseError);
        assertTrue(fineError < coarseError / 100, "default step: " + fineError + " vs " + coarseError);
        assertEquals(Math.cbrt(Math.ulp(1.0)), FiniteDifferences.DEFAULT_RELATIVE_STEP, 0.0);
    }

    @Test
    void aZeroDirectionGivesZero() {
        double[] out = {9, 9, 9, 9, 9};
        FiniteDifferences.withHessianVector(J).hessianVector(new double[] {1, 2, 3, 4, 5}, new double[5], out);
        assertArrayEquals(new double[5], out, 0.0);
        ParametricFunction fd = FiniteDifferences.withSecondOrder(FIRST_ORDER);
        double[] x = {0.1, 0.2, 0.3};
        double[] y = {1, 2, 3, 4};
        double[] outM = {9, 9, 9, 9};
        fd.hessianYY(x, y, new double[M], outM);
        assertArrayEquals(new double[M], outM, 0.0);
        outM = new double[] {9, 9, 9, 9};
        fd.cross(x, y, new double[N], outM);
        assertArrayEquals(new double[M], outM, 0.0);
        double[] outN = {9, 9, 9};
        fd.crossTranspose(x, y, new double[M], outN);
        assertArrayEquals(new double[N], outN, 0.0);
    }

    @Test
    void atParameterSeesTheFiniteDifferenceHessian() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = gaussian(N, rng);
        double[] y = gaussian(M, rng);
        double[] v = gaussian(M, rng);
        DifferentiableFunction lower = FiniteDifferences.withSecondOrder(FIRST_ORDER).atParameter(x);
        assertTrue(lower.hasHessianVector());
        double[] approx = new double[M];
        double[] exact = new double[M];
        lower.hessianVector(y, v, approx);
        H.hessianYY(x, y, v, exact);
        assertTrue(relativeError(approx, exact) <= FD_TOLERANCE);
    }

    @Test
    void badArgumentsAndMissingOraclesAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiniteDifferences.withHessianVector(null));
        assertEquals("f must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.withHessianVector(J, 0));
        assertEquals("relativeStep = 0.0, expected a finite number > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.withSecondOrder(null));
        assertEquals("h must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FiniteDifferences.withSecondOrder(FIRST_ORDER, Double.NaN));
        assertEquals("relativeStep = NaN, expected a finite number > 0", e.getMessage());
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> J.hessianVector(new double[5], new double[5], new double[5]));
        assertTrue(u.getMessage().contains("FiniteDifferences.withHessianVector"), u.getMessage());
        u = assertThrows(UnsupportedOperationException.class,
                () -> FIRST_ORDER.cross(new double[N], new double[M], new double[N], new double[M]));
        assertTrue(u.getMessage().contains("no cross oracle"), u.getMessage());
    }
}
