package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/** Shared bookkeeping of this package's inner maps: the smooth part, the prox, dimensions and counters. */
abstract class ProxMap implements InnerMap {

    final ParametricFunction h;
    final ParametricProx prox;
    final int n;
    final int m;
    long gradients;
    long hvps;
    long mixed;

    ProxMap(ParametricFunction h, ParametricProx prox) {
        this.h = Functions.requireNonNull("lower", h);
        this.prox = prox;
        if (!h.hasSecondOrder()) {
            throw new IllegalArgumentException("lower has no second-order oracles (hasSecondOrder() is false); "
                    + "expected H_yy v, H_yx u and H_yxᵀ w of the smooth part h");
        }
        this.n = h.parameterDimension();
        this.m = h.variableDimension();
        int pn = prox.parameterDimension();
        if (pn != -1 && pn != n) {
            throw new IllegalArgumentException("prox.parameterDimension() = " + pn + ", expected " + n
                    + " (lower.parameterDimension()) or -1");
        }
        int pm = prox.dimension();
        if (pm != -1 && pm != m) {
            throw new IllegalArgumentException("prox.dimension() = " + pm + ", expected " + m
                    + " (lower.variableDimension()) or -1");
        }
    }

    /**
     * A gradient-mapping norm as a stationarity measure: NaN (a NaN weight of the prox, a failed step estimate)
     * becomes +∞. {@link InnerMap#stationarity} reserves NaN for "not provided, use ‖∇_y g‖", and ‖∇_y h‖ alone
     * says nothing about the stationarity of {@code h + r}: falling back to it accepted non-stationary points.
     */
    static double measure(double sumOfSquares, double step) {
        double r = Math.sqrt(sumOfSquares) / step;
        return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
    }

    @Override public int parameterDimension() { return n; }
    @Override public int variableDimension() { return m; }
    @Override public long gradientEvaluations() { return gradients; }
    @Override public long hessianVectorProducts() { return hvps; }
    @Override public long mixedProducts() { return mixed; }
}
