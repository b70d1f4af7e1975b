package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;

/** {@code J(y) = ½‖Ay − b‖²} for the tests, with {@code λ_max(AᵀA)} by power iteration. */
final class LeastSquares implements DifferentiableFunction {

    final double[][] a;
    final double[] b;

    LeastSquares(double[][] a, double[] b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public int dimension() {
        return a[0].length;
    }

    @Override
    public double value(double[] y) {
        return valueAndGradient(y, new double[y.length]);
    }

    @Override
    public double valueAndGradient(double[] y, double[] g) {
        java.util.Arrays.fill(g, 0);
        double v = 0;
        for (int i = 0; i < a.length; i++) {
            double r = -b[i];
            for (int j = 0; j < y.length; j++) {
                r += a[i][j] * y[j];
            }
            v += 0.5 * r * r;
            for (int j = 0; j < y.length; j++) {
                g[j] += a[i][j] * r;
            }
        }
        return v;
    }

    /** @return {@code Aᵀ(Ay − b)}. */
    double[] gradient(double[] y) {
        double[] g = new double[y.length];
        valueAndGradient(y, g);
        return g;
    }

    /** @return {@code ‖Aᵀb‖_∞}, the smallest λ for which 0 solves the lasso. */
    double lambdaMax() {
        double m = 0;
        for (int j = 0; j < dimension(); j++) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i][j] * b[i];
            }
            m = Math.max(m, Math.abs(s));
        }
        return m;
    }

    /** @return the largest eigenvalue of {@code AᵀA}, by power iteration to convergence. */
    double lipschitz() {
        int n = dimension();
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1 / Math.sqrt(n));
        double lambda = 0;
        for (int it = 0; it < 100_000; it++) {
            double[] av = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < n; j++) {
                    av[i] += a[i][j] * v[j];
                }
            }
            double[] w = new double[n];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < n; j++) {
                    w[j] += a[i][j] * av[i];
                }
            }
            double norm = 0;
            for (double x : w) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                v[j] = w[j] / norm;
            }
            if (Math.abs(norm - lambda) <= 1e-15 * norm) {
                return norm;
            }
            lambda = norm;
        }
        return lambda;
    }
}
