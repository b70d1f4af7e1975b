package org.tandemopt.bilevel.robustness;

import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.testing.Fault;

/**
 * A fault-injecting wrapper of a {@link ParametricFunction} (a bilevel upper or lower objective): every oracle
 * call goes through a {@link Fault}, and may sleep a fixed time first (for time-limit tests).
 */
final class FaultyParametric implements ParametricFunction {

    private final ParametricFunction h;
    private final Fault fault;
    private final long sleepMillis;

    FaultyParametric(ParametricFunction h, Fault fault, long sleepMillis) {
        this.h = h;
        this.fault = fault;
        this.sleepMillis = sleepMillis;
    }

    @Override public int parameterDimension() { return h.parameterDimension(); }

    @Override public int variableDimension() { return h.variableDimension(); }

    @Override
    public double value(double[] x, double[] y) {
        return fault.call(sleepMillis, () -> h.value(x, y));
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        return fault.call(sleepMillis, () -> h.gradientY(x, y, out), out);
    }

    @Override
    public void gradientX(double[] x, double[] y, double[] out) {
        fault.run(sleepMillis, () -> h.gradientX(x, y, out), out);
    }

    @Override public boolean hasSecondOrder() { return h.hasSecondOrder(); }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        fault.run(sleepMillis, () -> h.hessianYY(x, y, v, out), out);
    }

    @Override
    public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
        fault.run(sleepMillis, () -> h.crossTranspose(x, y, w, out), out);
    }

    @Override
    public void cross(double[] x, double[] y, double[] u, double[] out) {
        fault.run(sleepMillis, () -> h.cross(x, y, u, out), out);
    }
}
