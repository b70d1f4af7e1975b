package org.tandemopt.minmax.robustness;

import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.core.testing.Fault;
import org.tandemopt.core.testing.FaultyOracles;

/**
 * A fault-injecting wrapper of a {@link SaddleFunction}: every oracle call goes through a {@link Fault}, and may
 * sleep a fixed time first (for time-limit tests).
 */
final class FaultySaddle extends FaultyOracles implements SaddleFunction {

    private final SaddleFunction f;

    FaultySaddle(SaddleFunction f, Fault fault, long sleepMillis) {
        super(fault, sleepMillis);
        this.f = f;
    }

    @Override public int xDimension() { return f.xDimension(); }

    @Override public int yDimension() { return f.yDimension(); }

    @Override
    public double value(double[] x, double[] y) {
        return call(() -> f.value(x, y));
    }

    @Override
    public double gradientX(double[] x, double[] y, double[] out) {
        return call(() -> f.gradientX(x, y, out), out);
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        return call(() -> f.gradientY(x, y, out), out);
    }

    @Override
    public double gradients(double[] x, double[] y, double[] gx, double[] gy) {
        return call(() -> f.gradients(x, y, gx, gy), gx, gy);
    }

    @Override public boolean hasSecondOrder() { return f.hasSecondOrder(); }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        run(() -> f.hessianYY(x, y, v, out), out);
    }

    @Override
    public void crossYX(double[] x, double[] y, double[] u, double[] out) {
        run(() -> f.crossYX(x, y, u, out), out);
    }
}
