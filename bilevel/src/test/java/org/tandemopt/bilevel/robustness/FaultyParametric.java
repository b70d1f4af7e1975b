package org.tandemopt.bilevel.robustness;

import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.testing.Fault;
import org.tandemopt.core.testing.FaultyOracles;

/**
 * A fault-injecting wrapper of a {@link ParametricFunction} (a bilevel upper or lower objective): every oracle
 * call goes through a {@link Fault}, and may sleep a fixed time first (for time-limit tests).
 */
final class FaultyParametric extends FaultyOracles implements ParametricFunction {

    private final ParametricFunction h;

    FaultyParametric(ParametricFunction h, Fault fault, long sleepMillis) {
        super(fault, sleepMillis);
        this.h = h;
    }

    @Override public int parameterDimension() { return h.parameterDimension(); }

    @Override public int variableDimension() { return h.variableDimension(); }

    @Override
    public double value(double[] x, double[] y) {
        return call(() -> h.value(x, y));
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        return call(() -> h.gradientY(x, y, out), out);
    }

    @Override
    public void gradientX(double[] x, double[] y, double[] out) {
        run(() -> h.gradientX(x, y, out), out);
    }

    @Override public boolean hasSecondOrder() { return h.hasSecondOrder(); }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        run(() -> h.hessianYY(x, y, v, out), out);
    }

    @Override
    public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
        run(() -> h.crossTranspose(x, y, w, out), out);
    }

    @Override
    public void cross(double[] x, double[] y, double[] u, double[] out) {
        run(() -> h.cross(x, y, u, out), out);
    }
}
