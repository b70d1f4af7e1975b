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

    private boolean hit() {
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fault.hit();
    }

    @Override public int parameterDimension() { return h.parameterDimension(); }

    @Override public int variableDimension() { return h.variableDimension(); }

    @Override
    public double value(double[] x, double[] y) {
        boolean bad = hit();
        return fault.apply(bad, h.value(x, y), null);
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        boolean bad = hit();
        return fault.apply(bad, h.gradientY(x, y, out), out);
    }

    @Override
    public void gradientX(double[] x, double[] y, double[] out) {
        boolean bad = hit();
        h.gradientX(x, y, out);
        fault.apply(bad, 0, out);
    }

    @Override public boolean hasSecondOrder() { return h.hasSecondOrder(); }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        boolean bad = hit();
        h.hessianYY(x, y, v, out);
        fault.apply(bad, 0, out);
    }

    @Override
    public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
        boolean bad = hit();
        h.crossTranspose(x, y, w, out);
        fault.apply(bad, 0, out);
    }

    @Override
    public void cross(double[] x, double[] y, double[] u, double[] out) {
        boolean bad = hit();
        h.cross(x, y, u, out);
        fault.apply(bad, 0, out);
    }
}
