package org.tandemopt.core.linesearch;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.IterationState;

/**
 * {@code φ(t) = J(x + t d)} over a {@link DifferentiableFunction}, with caller-owned buffers: it allocates
 * nothing per evaluation. It remembers the last trial point, and after {@link #valueAndSlope} the gradient
 * there, so an optimizer can reuse them for the accepted step instead of evaluating again. Evaluations are
 * counted on the owning state.
 */
public final class FunctionLine implements LineFunction {

    private final DifferentiableFunction f;
    private final IterationState counter;
    private final double[] trialPoint;
    private final double[] trialGradient;
    private double[] x;
    private double[] d;
    private double lastT = Double.NaN;
    private double lastValue = Double.NaN;
    private double lastSlope = Double.NaN;
    private boolean gradientAtLast;

    /**
     * @param f       the objective
     * @param counter the state whose evaluation counters are incremented
     */
    public FunctionLine(DifferentiableFunction f, IterationState counter) {
        this.f = f;
        this.counter = counter;
        this.trialPoint = new double[f.dimension()];
        this.trialGradient = new double[f.dimension()];
    }

    /** Points the line at {@code x} along {@code d} (arrays captured by reference, not copied). */
    public FunctionLine reset(double[] x, double[] d) {
        this.x = x;
        this.d = d;
        this.lastT = Double.NaN;
        this.gradientAtLast = false;
        return this;
    }

    @Override
    public double value(double t) {
        move(t);
        counter.countValues(1);
        lastValue = f.value(trialPoint);
        gradientAtLast = false;
        return lastValue;
    }

    @Override
    public double valueAndSlope(double t) {
        move(t);
        counter.countGradients(1);
        lastValue = f.valueAndGradient(trialPoint, trialGradient);
        gradientAtLast = true;
        double s = 0;
        for (int i = 0; i < d.length; i++) {
            s += trialGradient[i] * d[i];
        }
        lastSlope = s;
        return lastValue;
    }

    @Override
    public double lastSlope() {
        return lastSlope;
    }

    /** @return whether the last evaluation was at {@code t} and computed the gradient there. */
    public boolean hasGradientAt(double t) {
        return gradientAtLast && t == lastT;
    }

    /** @return whether the last evaluation was at {@code t}. */
    public boolean hasValueAt(double t) {
        return t == lastT && !Double.isNaN(lastT);
    }

    /**
     * @return whether an evaluation was made since {@link #reset} and the last one gave a NaN or infinite value
     *         or, when it computed the gradient, a NaN or infinite slope
     */
    public boolean lastEvaluationNonFinite() {
        if (Double.isNaN(lastT)) {
            return false;
        }
        return !Double.isFinite(lastValue) || (gradientAtLast && !Double.isFinite(lastSlope));
    }

    /** @return the value at the last trial point. */
    public double lastValue() {
        return lastValue;
    }

    /** @return the last trial point (a buffer owned by this line: copy it out). */
    public double[] lastPoint() {
        return trialPoint;
    }

    /** @return the gradient at the last trial point when {@link #hasGradientAt} holds (a buffer of this line). */
    public double[] lastGradient() {
        return trialGradient;
    }

    private void move(double t) {
        lastT = t;
        for (int i = 0; i < trialPoint.length; i++) {
            trialPoint[i] = x[i] + t * d[i];
        }
    }
}
