package org.tandemopt.core.autodiff;

import static org.tandemopt.core.autodiff.Fd.assertClose;

import java.util.SplittableRandom;

import org.tandemopt.core.function.ParametricFunction;

/** Test support: the five oracles of a {@link ParametricFunction} against finite differences. */
final class ParametricChecks {

    private ParametricChecks() {
    }

    static void allOraclesAgainstFiniteDifferences(ParametricFunction h, double[] x, double[] y, SplittableRandom rng,
            double tol, String tag) {
        int n = x.length;
        int m = y.length;
        double[] gy = new double[m];
        double[] gx = new double[n];
        h.gradientY(x, y, gy);
        h.gradientX(x, y, gx);
        assertClose(Fd.gradient(p -> h.value(x, p), y), gy, tol, tag + " gradientY vs FD");
        assertClose(Fd.gradient(p -> h.value(p, y), x), gx, tol, tag + " gradientX vs FD");
        double[] v = Fd.random(rng, m, -1, 1);
        double[] u = Fd.random(rng, n, -1, 1);
        double[] w = Fd.random(rng, m, -1, 1);
        double[] out = new double[m];
        h.hessianYY(x, y, v, out);
        assertClose(Fd.directional((p, o) -> h.gradientY(x, p, o), m, y, v), out, tol, tag + " hessianYY vs FD");
        h.cross(x, y, u, out);
        assertClose(Fd.directional((p, o) -> h.gradientY(p, y, o), m, x, u), out, tol, tag + " cross vs FD");
        double[] outX = new double[n];
        h.crossTranspose(x, y, w, outX);
        assertClose(Fd.directional((p, o) -> h.gradientX(x, p, o), n, y, w), outX, tol,
                tag + " crossTranspose vs FD");
        // consistency of the two mixed products: wᵀ(H_yx u) = (H_yxᵀ w)ᵀ u
        double[] hu = new double[m];
        h.cross(x, y, u, hu);
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < m; i++) {
            lhs += w[i] * hu[i];
        }
        for (int i = 0; i < n; i++) {
            rhs += outX[i] * u[i];
        }
        assertClose(lhs, rhs, 1e-12, tag + " adjoint identity of the mixed products");
    }
}
