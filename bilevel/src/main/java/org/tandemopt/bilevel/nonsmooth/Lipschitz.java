package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.core.function.ParametricFunction;

/** Power iteration for {@code L = λ_max(H_yy)} of the smooth part (shared by the inner maps of this package). */
final class Lipschitz {

    static final int ITERATIONS = 500;
    static final double TOLERANCE = 1e-12;

    private Lipschitz() {
    }

    /**
     * Estimates {@code λ_max(∇²_yy h(x, y))} by the power iteration from a fixed non-degenerate start until the
     * estimate changes by less than {@code 1e-12} relatively (at most 500 products, {@code work} of length 2m).
     *
     * @return the estimate, NaN if not finite
     */
    static double estimate(ParametricFunction h, double[] x, double[] y, double[] a, double[] b) {
        int m = a.length;
        for (int i = 0; i < m; i++) {
            a[i] = 1.0 + 0.1 * Math.sin(i + 1);
        }
        double lambda = Double.NaN;
        for (int it = 0; it < ITERATIONS; it++) {
            double na = norm(a);
            for (int i = 0; i < m; i++) {
                a[i] /= na;
            }
            h.hessianYY(x, y, a, b);
            double nb = norm(b);
            if (!(nb > 0) || !Double.isFinite(nb)) {
                return nb == 0 ? 0 : Double.NaN;
            }
            System.arraycopy(b, 0, a, 0, m);
            if (Math.abs(nb - lambda) <= TOLERANCE * nb) {
                return nb;
            }
            lambda = nb;
        }
        return lambda;
    }

    /**
     * The Euclidean norm, rescaled by the largest entry so that it neither underflows to 0 nor overflows to ∞
     * for entries near the ends of the double range (a loss scaled by 1e±300 has such Hessian products).
     */
    static double norm(double[] v) {
        double big = 0;
        for (double e : v) {
            big = Math.max(big, Math.abs(e));
        }
        if (big == 0 || !Double.isFinite(big)) {
            return Double.isNaN(big) ? Double.NaN : big;
        }
        double s = 0;
        for (double e : v) {
            double r = e / big;
            s += r * r;
        }
        return big * Math.sqrt(s);
    }
}
