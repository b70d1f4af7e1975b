package org.tandemopt.bilevel.nonsmooth;

/** REFERENCE-PROBLEMS.md B5: the 20 × 10 Lasso, with its published solution and derivative. */
final class LassoB5 {

    static final int ROWS = 20;
    static final int COLS = 10;
    static final double LAMBDA_MAX = 20.7464469905;
    static final double LAMBDA = 2.0746446991;
    static final double L = 24.5722699181;
    static final double[] Y_STAR = {1.8006026289, -1.3046755709, 0, 0, 0.8192910258, 0, 0, -0.0395345900,
            -0.3502495899, 0};
    static final double[] DY_DLAMBDA = {-0.0980307678, 0.0953173681, 0, 0, -0.0916205529, 0, 0, 0.0073254278,
            0.0466529203, 0};
    static final double RATE = 0.98669;

    private LassoB5() {
    }

    static double[][] a() {
        double[][] a = new double[ROWS][COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                a[i][j] = Math.cos(0.37 * (i + 1) * (j + 1)) + (i == j ? 0.5 : 0);
            }
        }
        return a;
    }

    static double[] b() {
        double[][] a = a();
        double[] xt = {2, -1.5, 0, 0, 1, 0, 0, 0, -0.5, 0};
        double[] b = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double s = 0;
            for (int j = 0; j < COLS; j++) {
                s += a[i][j] * xt[j];
            }
            b[i] = s + 0.05 * Math.sin(2.3 * (i + 1));
        }
        return b;
    }

    /** λ_max = ‖Aᵀb‖_∞ computed from the data. */
    static double lambdaMax() {
        double[][] a = a();
        double[] b = b();
        double best = 0;
        for (int j = 0; j < COLS; j++) {
            double s = 0;
            for (int i = 0; i < ROWS; i++) {
                s += a[i][j] * b[i];
            }
            best = Math.max(best, Math.abs(s));
        }
        return best;
    }

    /**
     * The closed form {@code −(A_SᵀA_S)⁻¹ sign(y*_S)} on the published support, in full double precision (the
     * published digits are rounded at 1e-10, too coarse for a 1e-10 relative error table).
     */
    static double[] closedForm() {
        int[] s = {0, 1, 4, 7, 8};
        double[][] a = a();
        double[][] g = new double[5][5];
        double[][] rhs = new double[5][1];
        for (int p = 0; p < 5; p++) {
            for (int q = 0; q < 5; q++) {
                for (int i = 0; i < ROWS; i++) {
                    g[p][q] += a[i][s[p]] * a[i][s[q]];
                }
            }
            rhs[p][0] = -Math.signum(Y_STAR[s[p]]);
        }
        SmallDense.solve(g, rhs);
        double[] out = new double[COLS];
        for (int p = 0; p < 5; p++) {
            out[s[p]] = rhs[p][0];
        }
        return out;
    }

    static LeastSquaresLoss loss() {
        return LeastSquaresLoss.of(a(), b(), 1.0, 1);
    }

    /** λ_max(AᵀA) by the package's power iteration. */
    static double lipschitz() {
        return Lipschitz.estimate(loss(), new double[1], new double[COLS], new double[COLS], new double[COLS]);
    }
}
