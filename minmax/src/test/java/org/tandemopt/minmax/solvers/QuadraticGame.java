package org.tandemopt.minmax.solvers;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.SaddleFunction;

/**
 * REFERENCE-PROBLEMS.md M4: {@code L = ½xᵀAx + xᵀBy − ½yᵀCy} with {@code A = U diag(μ, L, U(μ, L)^{d−2}) Uᵀ},
 * {@code C = W diag(μ, L, U(μ, L)^{d−2}) Wᵀ}, {@code B = U diag(L_xy, L_xy, U(μ_xy, L_xy)^{d−2}) Vᵀ}, random
 * orthogonal {@code U}, {@code V}, {@code W} (Q factors of Gaussian matrices, commons-math3 QR), start
 * {@code 2·N(0, I)}. Everything is drawn from one {@code java.util.Random(seed)} in this order: U, V, W, the
 * spectra of A, C and B, x0, y0. ("C likewise" read as: with its own random orthogonal matrix. With
 * {@code C = V…Vᵀ} the problem splits into 2×2 blocks {@code (a_i, b_i, c_i)} and the tuned counts are about
 * 2.5 times the published ones; with an independent {@code W} they land at or below them.)
 */
final class QuadraticGame implements SaddleFunction {

    final int d;
    final double[][] a;
    final double[][] b;
    final double[][] c;
    final double[] x0;
    final double[] y0;

    QuadraticGame(int d, long seed, double mu, double ell, double muXY, double ellXY) {
        this.d = d;
        Random rnd = new Random(seed);
        double[][] u = orthogonal(d, rnd);
        double[][] v = orthogonal(d, rnd);
        double[][] w = orthogonal(d, rnd);
        double[] sa = spectrum(d, mu, ell, mu, ell, rnd);
        double[] sc = spectrum(d, mu, ell, mu, ell, rnd);
        double[] sb = spectrum(d, ellXY, ellXY, muXY, ellXY, rnd);
        this.a = product(u, sa, u);
        this.c = product(w, sc, w);
        this.b = product(u, sb, v);
        this.x0 = new double[d];
        this.y0 = new double[d];
        for (int i = 0; i < d; i++) {
            x0[i] = 2 * rnd.nextGaussian();
        }
        for (int i = 0; i < d; i++) {
            y0[i] = 2 * rnd.nextGaussian();
        }
    }

    MinMaxProblem problem() {
        return MinMaxProblem.builder(this).start(x0, y0).knownSolution(new double[d], new double[d]).build();
    }

    private static double[][] orthogonal(int d, Random rnd) {
        double[][] g = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i][j] = rnd.nextGaussian();
            }
        }
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(g, false)).getQ();
        return q.getData();
    }

    /** {first, second, then d − 2 uniform draws in [lo, hi]}. */
    private static double[] spectrum(int d, double first, double second, double lo, double hi, Random rnd) {
        double[] s = new double[d];
        s[0] = first;
        s[1] = second;
        for (int i = 2; i < d; i++) {
            s[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return s;
    }

    /** {@code P diag(s) Qᵀ}. */
    private static double[][] product(double[][] p, double[] s, double[][] q) {
        int d = s.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += p[i][k] * s[k] * q[j][k];
                }
                m[i][j] = sum;
            }
        }
        return m;
    }

    @Override public int xDimension() { return d; }
    @Override public int yDimension() { return d; }

    @Override
    public double value(double[] x, double[] y) {
        double v = 0;
        for (int i = 0; i < d; i++) {
            double ax = 0;
            double by = 0;
            double cy = 0;
            for (int j = 0; j < d; j++) {
                ax += a[i][j] * x[j];
                by += b[i][j] * y[j];
                cy += c[i][j] * y[j];
            }
            v += 0.5 * x[i] * ax + x[i] * by - 0.5 * y[i] * cy;
        }
        return v;
    }

    @Override
    public double gradientX(double[] x, double[] y, double[] out) {
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += a[i][j] * x[j] + b[i][j] * y[j];
            }
            out[i] = s;
        }
        return value(x, y);
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        for (int j = 0; j < d; j++) {
            out[j] = 0;
        }
        for (int i = 0; i < d; i++) {
            double xi = x[i];
            for (int j = 0; j < d; j++) {
                out[j] += b[i][j] * xi;
            }
        }
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += c[i][j] * y[j];
            }
            out[i] -= s;
        }
        return value(x, y);
    }

    @Override
    public double gradients(double[] x, double[] y, double[] gx, double[] gy) {
        // value from the gradients: L = ½xᵀ(Ax + By) + ½yᵀ(Bᵀx − Cy)... computed directly for clarity
        double v = 0;
        for (int i = 0; i < d; i++) {
            double ax = 0;
            double by = 0;
            double cy = 0;
            for (int j = 0; j < d; j++) {
                ax += a[i][j] * x[j];
                by += b[i][j] * y[j];
                cy += c[i][j] * y[j];
            }
            gx[i] = ax + by;
            v += 0.5 * x[i] * ax + x[i] * by - 0.5 * y[i] * cy;
            gy[i] = -cy;
        }
        for (int i = 0; i < d; i++) {
            double xi = x[i];
            for (int j = 0; j < d; j++) {
                gy[j] += b[i][j] * xi;
            }
        }
        return v;
    }
}
