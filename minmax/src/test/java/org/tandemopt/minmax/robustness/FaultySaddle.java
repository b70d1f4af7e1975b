package org.tandemopt.minmax.robustness;

import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.core.testing.Fault;

/**
 * A fault-injecting wrapper of a {@link SaddleFunction}: every oracle call goes through a {@link Fault}, and may
 * sleep a fixed time first (for time-limit tests).
 */
final class FaultySaddle implements SaddleFunction {

    private final SaddleFunction f;
    private final Fault fault;
    private final long sleepMillis;

    FaultySaddle(SaddleFunction f, Fault fault, long sleepMillis) {
        this.f = f;
        this.fault = fault;
        this.sleepMillis = sleepMillis;
    }

    @Override public int xDimension() { return f.xDimension(); }

    @Override public int yDimension() { return f.yDimension(); }

    @Override
    public double value(double[] x, double[] y) {
        return fault.call(sleepMillis, () -> f.value(x, y));
    }

    @Override
    public double gradientX(double[] x, double[] y, double[] out) {
        return fault.call(sleepMillis, () -> f.gradientX(x, y, out), out);
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        return fault.call(sleepMillis, () -> f.gradientY(x, y, out), out);
    }

    @Override
    public double gradients(double[] x, double[] y, double[] gx, double[] gy) {
        return fault.call(sleepMillis, () -> f.gradients(x, y, gx, gy), gx, gy);
    }

    @Override public boolean hasSecondOrder() { return f.hasSecondOrder(); }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        fault.run(sleepMillis, () -> f.hessianYY(x, y, v, out), out);
    }

    @Override
    public void crossYX(double[] x, double[] y, double[] u, double[] out) {
        fault.run(sleepMillis, () -> f.crossYX(x, y, u, out), out);
    }
}
