package org.tandemopt.core.optim;

import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.Termination;

/**
 * The last iterate at which the value and the gradient were finite, kept by the methods whose step moves
 * before it evaluates (momentum and learning-rate methods): when the function turns {@code NaN} or infinite
 * at the new iterate, the step puts the kept iterate, value and gradient back and requests
 * {@link Termination#NON_FINITE}, so the result is the best point so far rather than a point without a value.
 * Buffers are allocated once per run; keeping costs two copies of length {@code n} per step.
 */
final class LastFinite {

    private final double[] x;
    private final double[] g;
    private double value;

    LastFinite(int n) {
        this.x = new double[n];
        this.g = new double[n];
    }

    /** Keeps {@code x}, {@code g} and {@code value} (copied). */
    void keep(double[] x, double[] g, double value) {
        System.arraycopy(x, 0, this.x, 0, x.length);
        System.arraycopy(g, 0, this.g, 0, g.length);
        this.value = value;
    }

    /**
     * When {@code value} or an entry of {@code g} is not finite: copies the kept iterate and gradient into
     * {@code x} and {@code g}, asks {@code s} to end with {@link Termination#NON_FINITE} and returns true (the
     * caller then restores {@link #value()}); otherwise changes nothing and returns false.
     */
    boolean restoreIfNonFinite(double value, double[] x, double[] g, IterationState s) {
        if (Double.isFinite(value) && Vectors.allFinite(g)) {
            return false;
        }
        System.arraycopy(this.x, 0, x, 0, x.length);
        System.arraycopy(this.g, 0, g, 0, g.length);
        s.requestTermination(Termination.NON_FINITE);
        return true;
    }

    /** @return the kept value. */
    double value() {
        return value;
    }
}
