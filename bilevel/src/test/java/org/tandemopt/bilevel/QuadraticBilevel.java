package org.tandemopt.bilevel;

import java.util.SplittableRandom;

import org.tandemopt.core.function.ParametricFunction;

/**
 * Quadratic bilevel problems with closed-form answers:
 * <pre>
 *   g(x, y) = ½ yᵀH y + ½ xᵀG x + xᵀC y + cᵀy + dᵀx,     f(x, y) = ½ yᵀP y + ½ xᵀQ x + xᵀE y + pᵀy + qᵀx,
 *   y*(x) = −H⁻¹(Cᵀx + c),   ∇φ(x) = Q x + E y* + q − C H⁻¹ (P y* + Eᵀx + p).
 * </pre>
 * Matrices are row-major {@code double[][]}: H, P are m × m; G, Q are n × n; C, E are n × m.
 */
public final class QuadraticBilevel {

    final int n;
    final int m;
    final double[][] h, gx, c, p, q, e;
    final double[] cl, dl, pl, ql;

    QuadraticBilevel(double[][] h, double[][] gx, double[][] c, double[] cl, double[] dl, double[][] p, double[][] q,
                     double[][] e, double[] pl, double[] ql) {
        this.n = gx.length;
        this.m = h.length;
        this.h = h;
        this.gx = gx;
        this.c = c;
        this.cl = cl;
        this.dl = dl;
        this.p = p;
        this.q = q;
        this.e = e;
        this.pl = pl;
        this.ql = ql;
    }

    // ------------------------------------------------------------- generators

    static double[][] randomOrthogonal(int d, SplittableRandom rnd) {
        double[][] u = new double[d][d];
        for (int j = 0; j < d; j++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = gaussian(rnd);
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += u[i][k] * v[i];
                }
                for (int i = 0; i < d; i++) {
                    v[i] -= dot * u[i][k];
                }
            }
            double nrm = 0;
            for (double t : v) {
                nrm += t * t;
            }
            nrm = Math.sqrt(nrm);
            for (int i = 0; i < d; i++) {
                u[i][j] = v[i] / nrm;
            }
        }
        return u;
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double[] logspace(double lo, double hi, int d) {
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = d == 1 ? hi : Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (d - 1));
        }
        return s;
    }

    /** {@code U diag(s) Uᵀ} with a random orthogonal U. */
    static double[][] spectrum(double[] s, SplittableRandom rnd) {
        int d = s.length;
        double[][] u = randomOrthogonal(d, rnd);
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double t = 0;
                for (int k = 0; k < d; k++) {
                    t += u[i][k] * s[k] * u[j][k];
                }
                a[i][j] = t;
            }
        }
        return a;
    }

    /** {@code U diag(s) Vᵀ} (n × m) with random orthogonal U, V and singular values s (length min(n, m)). */
    static double[][] rectangular(int n, int m, double[] s, SplittableRandom rnd) {
        double[][] u = randomOrthogonal(n, rnd);
        double[][] v = randomOrthogonal(m, rnd);
        double[][] a = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double t = 0;
                for (int k = 0; k < s.length; k++) {
                    t += u[i][k] * s[k] * v[j][k];
                }
                a[i][j] = t;
            }
        }
        return a;
    }

    static double[] gaussianVector(int d, double scale, SplittableRandom rnd) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = scale * gaussian(rnd);
        }
        return v;
    }

    /**
     * The generator of benchopt's bilevel benchmark, "simulated" dataset, in spirit: lower Hessian with
     * spectrum log-spaced in [μ, L_inner], upper Hessians with spectra log-spaced in [μ, L], cross matrices
     * with singular values log-spaced in [μ, L_cross], Gaussian linear terms.
     */
    static QuadraticBilevel simulated(int n, int m, double mu, double lInner, double lOuter, double lCrossInner,
                                      double lCrossOuter, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = Math.min(n, m);
        double[][] h = spectrum(logspace(mu, lInner, m), rnd);
        double[][] gx = spectrum(logspace(mu, lInner, n), rnd);
        double[][] c = rectangular(n, m, logspace(mu, lCrossInner, k), rnd);
        double[] cl = gaussianVector(m, 1, rnd);
        double[] dl = gaussianVector(n, 1, rnd);
        double[][] p = spectrum(logspace(mu, lOuter, m), rnd);
        double[][] q = spectrum(logspace(mu, lOuter, n), rnd);
        double[][] e = rectangular(n, m, logspace(mu, lCrossOuter, k), rnd);
        double[] pl = gaussianVector(m, 1, rnd);
        double[] ql = gaussianVector(n, 1, rnd);
        return new QuadraticBilevel(h, gx, c, cl, dl, p, q, e, pl, ql);
    }

    // ------------------------------------------------------------- algebra

    static void mul(double[][] a, double[] x, double[] out) {
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
            }
            out[i] = s;
        }
    }

    static void mulT(double[][] a, double[] y, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += a[i][j] * y[i];
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Solves {@code a z = b} by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] b) {
        int d = b.length;
        double[][] w = new double[d][];
        for (int i = 0; i < d; i++) {
            w[i] = java.util.Arrays.copyOf(a[i], d + 1);
            w[i][d] = b[i];
        }
        for (int col = 0; col < d; col++) {
            int piv = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(w[r][col]) > Math.abs(w[piv][col])) {
                    piv = r;
                }
            }
            double[] t = w[col];
            w[col] = w[piv];
            w[piv] = t;
            for (int r = col + 1; r < d; r++) {
                double f = w[r][col] / w[col][col];
                for (int k = col; k <= d; k++) {
                    w[r][k] -= f * w[col][k];
                }
            }
        }
        double[] z = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = w[i][d];
            for (int k = i + 1; k < d; k++) {
                s -= w[i][k] * z[k];
            }
            z[i] = s / w[i][i];
        }
        return z;
    }

    /** @return {@code y*(x)}. */
    double[] yStar(double[] x) {
        double[] r = new double[m];
        mulT(c, x, r);
        for (int i = 0; i < m; i++) {
            r[i] = -(r[i] + cl[i]);
        }
        return solve(h, r);
    }

    /** @return {@code ∇φ(x)} in closed form. */
    double[] hypergradient(double[] x) {
        double[] ys = yStar(x);
        return implicitAt(x, ys);
    }

    /** @return {@code ∇_x f − C H⁻¹ ∇_y f} at {@code (x, y)}. */
    double[] implicitAt(double[] x, double[] y) {
        double[] fy = new double[m];
        double[] t = new double[m];
        mul(p, y, fy);
        mulT(e, x, t);
        for (int i = 0; i < m; i++) {
            fy[i] += t[i] + pl[i];
        }
        double[] v = solve(h, fy);
        double[] gxo = new double[n];
        double[] s = new double[n];
        mul(q, x, gxo);
        mul(e, y, s);
        double[] cv = new double[n];
        mul(c, v, cv);
        for (int j = 0; j < n; j++) {
            gxo[j] += s[j] + ql[j] - cv[j];
        }
        return gxo;
    }

    /** @return {@code φ(x)}. */
    double value(double[] x) {
        return upper().value(x, yStar(x));
    }

    // ------------------------------------------------------------- functions

    ParametricFunction lower() {
        return function(h, gx, c, cl, dl, true);
    }

    ParametricFunction upper() {
        return function(p, q, e, pl, ql, true);
    }

    private ParametricFunction function(double[][] hy, double[][] hx, double[][] cr, double[] ly, double[] lx,
                                        boolean second) {
        int nn = n;
        int mm = m;
        return new ParametricFunction() {
            @Override public int parameterDimension() { return nn; }
            @Override public int variableDimension() { return mm; }
            @Override public boolean hasSecondOrder() { return second; }

            @Override
            public double value(double[] x, double[] y) {
                double s = dot(ly, y) + dot(lx, x);
                for (int i = 0; i < mm; i++) {
                    double t = 0;
                    for (int j = 0; j < mm; j++) {
                        t += hy[i][j] * y[j];
                    }
                    s += 0.5 * y[i] * t;
                }
                for (int i = 0; i < nn; i++) {
                    double t = 0;
                    double u = 0;
                    for (int j = 0; j < nn; j++) {
                        t += hx[i][j] * x[j];
                    }
                    for (int j = 0; j < mm; j++) {
                        u += cr[i][j] * y[j];
                    }
                    s += 0.5 * x[i] * t + x[i] * u;
                }
                return s;
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                for (int i = 0; i < mm; i++) {
                    double t = ly[i];
                    for (int j = 0; j < mm; j++) {
                        t += hy[i][j] * y[j];
                    }
                    out[i] = t;
                }
                for (int k = 0; k < nn; k++) {
                    double xk = x[k];
                    for (int i = 0; i < mm; i++) {
                        out[i] += cr[k][i] * xk;
                    }
                }
                return value(x, y);
            }

            @Override
            public void gradientX(double[] x, double[] y, double[] out) {
                for (int i = 0; i < nn; i++) {
                    double t = lx[i];
                    for (int j = 0; j < nn; j++) {
                        t += hx[i][j] * x[j];
                    }
                    for (int j = 0; j < mm; j++) {
                        t += cr[i][j] * y[j];
                    }
                    out[i] = t;
                }
            }

            @Override
            public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
                mul(hy, v, out);
            }

            @Override
            public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                mul(cr, w, out);
            }

            @Override
            public void cross(double[] x, double[] y, double[] u, double[] out) {
                mulT(cr, u, out);
            }
        };
    }

    BilevelProblem problem(double[] x0, double[] y0) {
        return BilevelProblem.of(upper(), lower(), x0, y0);
    }
}
