package org.tandemopt.bilevel.inner;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * Shared bookkeeping of the library's inner maps: dimensions, counters, and a power iteration that
 * estimates {@code L = λ_max(H_yy)} for the maps whose step is {@code 1/L}.
 */
abstract class AbstractInnerMap implements InnerMap {

    /** Power-iteration budget and relative tolerance of the Lipschitz estimate. */
    static final int POWER_ITERATIONS = 100;
    static final double POWER_TOLERANCE = 1e-8;

    final ParametricFunction g;
    final int n;
    final int m;
    long gradients;
    long hvps;
    long mixed;
    private double[] powerVector;
    private double[] powerOut;

    AbstractInnerMap(ParametricFunction g) {
        this.g = Functions.requireNonNull("lower", g);
        if (!g.hasSecondOrder()) {
            throw new IllegalArgumentException("lower has no second-order oracles (hasSecondOrder() is false); "
                    + "expected H_yy v, H_yx u and H_yxᵀ w: define them by hand or by automatic differentiation, "
                    + "or wrap g with FiniteDifferences.withSecondOrder(...)");
        }
        this.n = g.parameterDimension();
        this.m = g.variableDimension();
    }

    @Override public int parameterDimension() { return n; }
    @Override public int variableDimension() { return m; }
    @Override public long gradientEvaluations() { return gradients; }
    @Override public long hessianVectorProducts() { return hvps; }
    @Override public long mixedProducts() { return mixed; }

    /**
     * Estimates {@code λ_max(H_yy(x, y))} by the power iteration, warm-started from the previous estimate's
     * vector, until the Rayleigh quotient changes by less than {@code 1e-8} relatively (at most 100 products).
     */
    final double lipschitzEstimate(double[] x, double[] y) {
        if (powerVector == null) {
            powerVector = new double[m];
            powerOut = new double[m];
            for (int i = 0; i < m; i++) {
                powerVector[i] = 1.0 / Math.sqrt(m) * (1 + 0.1 * Math.sin(i + 1));
            }
        }
        normalize(powerVector);
        double lambda = Double.NaN;
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            g.hessianYY(x, y, powerVector, powerOut);
            hvps++;
            double q = 0;
            for (int i = 0; i < m; i++) {
                q += powerVector[i] * powerOut[i];
            }
            double[] t = powerVector;
            powerVector = powerOut;
            powerOut = t;
            double norm = normalize(powerVector);
            if (norm == 0 || !Double.isFinite(norm)) {
                return Double.isFinite(q) ? Math.max(q, 0) : Double.NaN;
            }
            if (Math.abs(norm - lambda) <= POWER_TOLERANCE * norm) {
                return Math.max(norm, q);
            }
            lambda = norm;
        }
        return lambda;
    }

    private static double normalize(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        double norm = Math.sqrt(s);
        if (norm > 0 && Double.isFinite(norm)) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }

    static double norm(double[] v, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }

    /** The warm start of the power iteration (empty before the first estimate). */
    @Override
    public double[] memory() {
        return powerVector == null ? new double[0] : powerVector.clone();
    }

    @Override
    public void restoreMemory(double[] memory) {
        if (memory.length == 0) {
            powerVector = null;
            powerOut = null;
            return;
        }
        if (memory.length != m) {
            throw new IllegalArgumentException("memory has " + memory.length + " values, expected 0 or " + m
                    + " (the power-iteration vector)");
        }
        powerVector = memory.clone();
        powerOut = new double[m];
    }
}
