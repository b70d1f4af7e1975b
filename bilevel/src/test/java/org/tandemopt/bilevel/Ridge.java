package org.tandemopt.bilevel;

import org.tandemopt.core.function.ParametricFunction;

/**
 * Test problems of ridge type. Lower: {@code g(x, w) = ‖Aw − b‖²/(2N) + ½ Σ_j r_j(x) w_j²} with either one
 * regularization for all features ({@code n = 1}) or one per feature ({@code n = m}), and {@code r(x) = x}
 * (linear) or {@code r(x) = e^x} (log-parametrised). Upper: {@code f(w) = ‖Vw − c‖²/(2N_v)}.
 */
public final class Ridge {

    private Ridge() {
    }

    /** The lower objective. */
    public static ParametricFunction lower(double[][] a, double[] b, double scale, boolean perFeature,
                                           boolean exponential) {
        int rows = a.length;
        int m = a[0].length;
        int n = perFeature ? m : 1;
        return new ParametricFunction() {
            final ThreadLocal<double[]> res = ThreadLocal.withInitial(() -> new double[rows]);

            double r(double[] x, int j) {
                double t = x[perFeature ? j : 0];
                return exponential ? Math.exp(t) : t;
            }

            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }
            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public double value(double[] x, double[] w) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = -b[i];
                    for (int j = 0; j < m; j++) {
                        t += a[i][j] * w[j];
                    }
                    s += t * t;
                }
                double reg = 0;
                for (int j = 0; j < m; j++) {
                    reg += r(x, j) * w[j] * w[j];
                }
                return s / (2 * scale) + 0.5 * reg;
            }

            @Override
            public double gradientY(double[] x, double[] w, double[] out) {
                double[] rr = res.get();
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = -b[i];
                    for (int j = 0; j < m; j++) {
                        t += a[i][j] * w[j];
                    }
                    rr[i] = t;
                    s += t * t;
                }
                double reg = 0;
                for (int j = 0; j < m; j++) {
                    double t = 0;
                    for (int i = 0; i < rows; i++) {
                        t += a[i][j] * rr[i];
                    }
                    double rj = r(x, j);
                    out[j] = t / scale + rj * w[j];
                    reg += rj * w[j] * w[j];
                }
                return s / (2 * scale) + 0.5 * reg;
            }

            @Override
            public void gradientX(double[] x, double[] w, double[] out) {
                if (perFeature) {
                    for (int j = 0; j < m; j++) {
                        out[j] = 0.5 * (exponential ? Math.exp(x[j]) : 1) * w[j] * w[j];
                    }
                } else {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += w[j] * w[j];
                    }
                    out[0] = 0.5 * (exponential ? Math.exp(x[0]) : 1) * s;
                }
            }

            @Override
            public void hessianYY(double[] x, double[] w, double[] v, double[] out) {
                double[] rr = res.get();
                for (int i = 0; i < rows; i++) {
                    double t = 0;
                    for (int j = 0; j < m; j++) {
                        t += a[i][j] * v[j];
                    }
                    rr[i] = t;
                }
                for (int j = 0; j < m; j++) {
                    double t = 0;
                    for (int i = 0; i < rows; i++) {
                        t += a[i][j] * rr[i];
                    }
                    out[j] = t / scale + r(x, j) * v[j];
                }
            }

            double dr(double[] x, int j) {
                return exponential ? Math.exp(x[perFeature ? j : 0]) : 1;
            }

            @Override
            public void crossTranspose(double[] x, double[] w, double[] u, double[] out) {
                if (perFeature) {
                    for (int j = 0; j < m; j++) {
                        out[j] = dr(x, j) * w[j] * u[j];
                    }
                } else {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += w[j] * u[j];
                    }
                    out[0] = dr(x, 0) * s;
                }
            }

            @Override
            public void cross(double[] x, double[] w, double[] u, double[] out) {
                for (int j = 0; j < m; j++) {
                    out[j] = dr(x, j) * w[j] * u[perFeature ? j : 0];
                }
            }
        };
    }

    /** The upper objective {@code ‖Vw − c‖²/(2N_v)} with {@code n} parameters it does not depend on. */
    public static ParametricFunction upper(double[][] v, double[] c, double scale, int n) {
        int rows = v.length;
        int m = v[0].length;
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }

            @Override
            public double value(double[] x, double[] w) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = -c[i];
                    for (int j = 0; j < m; j++) {
                        t += v[i][j] * w[j];
                    }
                    s += t * t;
                }
                return s / (2 * scale);
            }

            @Override
            public double gradientY(double[] x, double[] w, double[] out) {
                java.util.Arrays.fill(out, 0.0);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    double t = -c[i];
                    for (int j = 0; j < m; j++) {
                        t += v[i][j] * w[j];
                    }
                    s += t * t;
                    for (int j = 0; j < m; j++) {
                        out[j] += v[i][j] * t / scale;
                    }
                }
                return s / (2 * scale);
            }

            @Override
            public void gradientX(double[] x, double[] w, double[] out) {
                java.util.Arrays.fill(out, 0.0);
            }
        };
    }

    /** REFERENCE-PROBLEMS.md B3: the 40 × 8 ridge bilevel problem in {@code t = log λ}, started at {@code t0}. */
    public static BilevelProblem b3(double t0) {
        double[][] a = new double[40][8];
        double[] xTrue = new double[8];
        for (int j = 0; j < 8; j++) {
            xTrue[j] = (j % 2 == 0 ? 1.0 : -1.0) / (j + 1);
        }
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            double s = 0;
            for (int j = 0; j < 8; j++) {
                a[i][j] = Math.sin((i + 1.0) * (j + 1.0)) * Math.pow(0.6, j);
                s += a[i][j] * xTrue[j];
            }
            b[i] = s + 0.3 * Math.cos(3.7 * (i + 1));
        }
        double[][] v = new double[20][8];
        double[] c = new double[20];
        for (int i = 0; i < 20; i++) {
            double s = 0;
            for (int j = 0; j < 8; j++) {
                v[i][j] = Math.cos((i + 1.0) * (j + 2.0)) * Math.pow(0.6, j);
                s += v[i][j] * xTrue[j];
            }
            c[i] = s;
        }
        return BilevelProblem.of(upper(v, c, 20, 1), lower(a, b, 40, false, true), new double[] {t0}, new double[8]);
    }

    /** REFERENCE-PROBLEMS.md B1: ridge 3 × 2 in {@code λ}, started at {@code λ0}. */
    public static BilevelProblem b1(double lambda0) {
        double[][] x = {{1, 2}, {3, 4}, {5, 6}};
        double[] t = {1, 2, 3};
        return BilevelProblem.of(upper(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 1}, 1, 1),
                lower(x, t, 1, false, false), new double[] {lambda0}, new double[2]);
    }
}
