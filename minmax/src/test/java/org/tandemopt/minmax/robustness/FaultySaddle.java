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

    @Override public int xDimension() { return f.xDimension(); }

    @Override public int yDimension() { return f.yDimension(); }

    @Override
    public double value(double[] x, double[] y) {
        boolean bad = hit();
        return fault.apply(bad, f.value(x, y), null);
    }

    @Override
    public double gradientX(double[] x, double[] y, double[] out) {
        boolean bad = hit();
        return fault.apply(bad, f.gradientX(x, y, out), out);
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        boolean bad = hit();
        return fault.apply(bad, f.gradientY(x, y, out), out);
    }

    @Override
    public double gradients(double[] x, double[] y, double[] gx, double[] gy) {
        boolean bad = hit();
        double v = f.gradients(x, y, gx, gy);
        fault.apply(bad, 0, gx);
        return fault.apply(bad, v, gy);
    }

    @Override public boolean hasSecondOrder() { return f.hasSecondOrder(); }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        boolean bad = hit();
        f.hessianYY(x, y, v, out);
        fault.apply(bad, 0, out);
    }

    @Override
    public void crossYX(double[] x, double[] y, double[] u, double[] out) {
        boolean bad = hit();
        f.crossYX(x, y, u, out);
        fault.apply(bad, 0, out);
    }
}
