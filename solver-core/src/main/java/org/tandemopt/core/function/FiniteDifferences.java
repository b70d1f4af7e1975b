package org.tandemopt.core.function;

import org.tandemopt.core.linalg.Vectors;

/**
 * Explicit finite-difference adapters that supply missing second-order oracles from first-order ones.
 * Nothing in Tandem falls back to these silently: the user wraps a function on purpose.
 *
 * <p>Every product is a central difference of gradients along the direction:
 * {@code H v ≈ (∇J(x + εv) − ∇J(x − εv)) / (2ε)} with {@code ε = h · max(1, ‖x‖) / ‖v‖}. The truncation error
 * is {@code O(ε² ‖∇³J‖ ‖v‖³)} and the rounding error about {@code u · |∇J| / ε} ({@code u} the unit roundoff),
 * so the default relative step {@code h = u^{1/3} ≈ 6.1e-6} balances the two and gives roughly 10 correct
 * digits on well-scaled problems — enough for checks and for iterative linear solves, not for
 * 1e-12 comparisons. Each call costs two gradient evaluations.
 *
 * <p>Scratch buffers are kept per thread, so the adapters are thread-safe and allocate nothing in steady state.
 */
public final class FiniteDifferences {

    /** The default relative step {@code u^{1/3}}. */
    public static final double DEFAULT_RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));

    private FiniteDifferences() {
    }

    /** Wraps {@code f} so that {@link DifferentiableFunction#hessianVector} is a central difference of gradients. */
    public static DifferentiableFunction withHessianVector(DifferentiableFunction f) {
        return withHessianVector(f, DEFAULT_RELATIVE_STEP);
    }

    /** As {@link #withHessianVector(DifferentiableFunction)} with a chosen relative step {@code h > 0}. */
    public static DifferentiableFunction withHessianVector(DifferentiableFunction f, double relativeStep) {
        Functions.requireNonNull("f", f);
        Functions.requirePositive("relativeStep", relativeStep);
        final int d = f.dimension();
        final ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[3][d]);
        return new DifferentiableFunction() {
            @Override public int dimension() { return d; }
            @Override public double value(double[] x) { return f.value(x); }
            @Override public double valueAndGradient(double[] x, double[] g) { return f.valueAndGradient(x, g); }
            @Override public boolean hasHessianVector() { return true; }
            @Override public void hessianVector(double[] x, double[] v, double[] out) {
                double[][] s = scratch.get();
                double eps = step(relativeStep, x, v);
                if (eps == 0) {
                    java.util.Arrays.fill(out, 0.0);
                    return;
                }
                shifted(x, v, eps, s[0]);
                f.valueAndGradient(s[0], s[1]);
                shifted(x, v, -eps, s[0]);
                f.valueAndGradient(s[0], s[2]);
                difference(s[1], s[2], eps, out);
            }
        };
    }

    /** Wraps {@code h} so that its three second-order oracles are central differences of its gradients. */
    public static ParametricFunction withSecondOrder(ParametricFunction h) {
        return withSecondOrder(h, DEFAULT_RELATIVE_STEP);
    }

    /** As {@link #withSecondOrder(ParametricFunction)} with a chosen relative step {@code h > 0}. */
    public static ParametricFunction withSecondOrder(ParametricFunction h, double relativeStep) {
        Functions.requireNonNull("h", h);
        Functions.requirePositive("relativeStep", relativeStep);
        final int n = h.parameterDimension();
        final int m = h.variableDimension();
        // scratch: [0] shifted x, [1],[2] y-gradients, [3],[4] x-gradients, [5] shifted y
        final ThreadLocal<double[][]> scratch =
                ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[m], new double[m],
                        new double[n], new double[n], new double[m]});
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }
            @Override public double value(double[] x, double[] y) { return h.value(x, y); }
            @Override public double gradientY(double[] x, double[] y, double[] out) { return h.gradientY(x, y, out); }
            @Override public void gradientX(double[] x, double[] y, double[] out) { h.gradientX(x, y, out); }
            @Override public boolean hasSecondOrder() { return true; }

            @Override public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
                double[][] s = scratch.get();
                double[] yShift = s[5];
                double eps = step(relativeStep, y, v);
                if (eps == 0) { java.util.Arrays.fill(out, 0.0); return; }
                shifted(y, v, eps, yShift);
                h.gradientY(x, yShift, s[1]);
                shifted(y, v, -eps, yShift);
                h.gradientY(x, yShift, s[2]);
                difference(s[1], s[2], eps, out);
            }

            @Override public void cross(double[] x, double[] y, double[] u, double[] out) {
                double[][] s = scratch.get();
                double eps = step(relativeStep, x, u);
                if (eps == 0) { java.util.Arrays.fill(out, 0.0); return; }
                shifted(x, u, eps, s[0]);
                h.gradientY(s[0], y, s[1]);
                shifted(x, u, -eps, s[0]);
                h.gradientY(s[0], y, s[2]);
                difference(s[1], s[2], eps, out);
            }

            @Override public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                double[][] s = scratch.get();
                double[] yShift = s[5];
                double eps = step(relativeStep, y, w);
                if (eps == 0) { java.util.Arrays.fill(out, 0.0); return; }
                shifted(y, w, eps, yShift);
                h.gradientX(x, yShift, s[3]);
                shifted(y, w, -eps, yShift);
                h.gradientX(x, yShift, s[4]);
                difference(s[3], s[4], eps, out);
            }
        };
    }

    private static double step(double relativeStep, double[] at, double[] direction) {
        double dn = Vectors.norm2(direction);
        if (dn == 0) {
            return 0;
        }
        return relativeStep * Math.max(1.0, Vectors.norm2(at)) / dn;
    }

    private static void shifted(double[] base, double[] direction, double eps, double[] out) {
        for (int i = 0; i < base.length; i++) {
            out[i] = base[i] + eps * direction[i];
        }
    }

    private static void difference(double[] plus, double[] minus, double eps, double[] out) {
        double inv = 0.5 / eps;
        for (int i = 0; i < out.length; i++) {
            out[i] = (plus[i] - minus[i]) * inv;
        }
    }
}
