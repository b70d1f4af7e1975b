package org.tandemopt.minmax.solvers;

import org.tandemopt.core.optim.prox.Projection;

/** Small allocation-free kernels shared by the solvers of this package. */
final class Players {

    private Players() {
    }

    /** {@code out = Π(u + a g)} (or the unprojected point when {@code p} is null). */
    static void step(Projection p, double[] u, double a, double[] g, double[] out) {
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] + a * g[i];
        }
        if (p != null) {
            p.project(out, out);
        }
    }

    /**
     * @return the stationarity of a player who moves along {@code s g}: {@code ‖g‖} when free, else the
     *         projected-gradient mapping {@code ‖u − Π(u + s g)‖}; {@code scratch} has the length of {@code u}
     */
    static double stationarity(Projection p, double[] u, double s, double[] g, double[] scratch) {
        if (p == null) {
            return norm(g);
        }
        step(p, u, s, g, scratch);
        double r = 0;
        for (int i = 0; i < u.length; i++) {
            double d = u[i] - scratch[i];
            r += d * d;
        }
        return Math.sqrt(r);
    }

    static double norm(double[] a) {
        return org.tandemopt.core.linalg.Vectors.norm2(a);
    }

    static double distanceSquared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
