package org.tandemopt.core.monitor;

import java.util.Arrays;

/**
 * The driver-owned, mutable record of the current iteration that an algorithm fills in
 * {@link IterativeAlgorithm#measure}; criteria read it through {@link Progress}. One instance per run,
 * updated in place: no allocation per iteration.
 */
public final class Measures implements Progress {

    private final double[] history = new double[Driver.HISTORY + 1];
    private int historyCount;
    private int historyHead;

    private IterationState state;
    private double value = Double.NaN;
    private double gradientNorm = Double.NaN;
    private double initialGradientNorm = Double.NaN;
    private double stepNorm = Double.NaN;
    private double stepSize = Double.NaN;
    private double pointNorm = Double.NaN;
    private double derivativeNorm = Double.NaN;
    private double initialDerivativeNorm = Double.NaN;
    private final double[] extras;

    Measures(int extraCount) {
        this.extras = new double[extraCount];
        Arrays.fill(extras, Double.NaN);
    }

    /** Sets the objective value. */
    public Measures value(double v) {
        this.value = v;
        return this;
    }

    /** Sets the stationarity measure (gradient, hypergradient or saddle residual norm). */
    public Measures gradientNorm(double v) {
        this.gradientNorm = v;
        return this;
    }

    /** Sets {@code ‖x_k − x_{k−1}‖}. */
    public Measures stepNorm(double v) {
        this.stepNorm = v;
        return this;
    }

    /** Sets the step size used by the last iteration. */
    public Measures stepSize(double v) {
        this.stepSize = v;
        return this;
    }

    /** Sets {@code ‖x_k‖}. */
    public Measures pointNorm(double v) {
        this.pointNorm = v;
        return this;
    }

    /** Sets the norm of a propagated derivative (enables the derivative-growth criterion). */
    public Measures derivativeNorm(double v) {
        this.derivativeNorm = v;
        return this;
    }

    /** Sets the algorithm-specific quantity number {@code index} (see {@link IterativeAlgorithm#extraNames()}). */
    public Measures extra(int index, double v) {
        extras[index] = v;
        return this;
    }

    void bind(IterationState s) {
        this.state = s;
    }

    void resetForIteration() {
        value = Double.NaN;
        gradientNorm = Double.NaN;
        stepNorm = Double.NaN;
        stepSize = Double.NaN;
        pointNorm = Double.NaN;
        derivativeNorm = Double.NaN;
        Arrays.fill(extras, Double.NaN);
    }

    void afterMeasure(boolean initial) {
        if (initial) {
            initialGradientNorm = gradientNorm;
        }
        if (Double.isNaN(initialDerivativeNorm) && Double.isFinite(derivativeNorm)) {
            initialDerivativeNorm = derivativeNorm;
        }
        historyHead = (historyHead + 1) % history.length;
        history[historyHead] = value;
        historyCount = Math.min(historyCount + 1, history.length);
    }

    void restoreInitial(double initialGradient, double initialDerivative) {
        this.initialGradientNorm = initialGradient;
        this.initialDerivativeNorm = initialDerivative;
    }

    double[] extrasView() {
        return extras;
    }

    /** @return an immutable snapshot of the current iteration. */
    IterationRecord snapshot(java.util.List<String> extraNames) {
        java.util.Map<String, Double> ex;
        if (extras.length == 0) {
            ex = java.util.Map.of();
        } else {
            java.util.LinkedHashMap<String, Double> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < extras.length; i++) {
                m.put(extraNames.get(i), extras[i]);
            }
            ex = java.util.Collections.unmodifiableMap(m);
        }
        return new IterationRecord(iteration(), value, gradientNorm, stepNorm, stepSize, pointNorm, derivativeNorm,
                valueEvaluations(), gradientEvaluations(), secondOrderEvaluations(), elapsedNanos(), ex);
    }

    @Override public int iteration() { return state.iteration(); }
    @Override public double value() { return value; }

    @Override
    public double value(int lag) {
        if (lag < 0 || lag >= historyCount) {
            return Double.NaN;
        }
        return history[Math.floorMod(historyHead - lag, history.length)];
    }

    @Override public int historyLength() { return Driver.HISTORY; }
    @Override public double gradientNorm() { return gradientNorm; }
    @Override public double initialGradientNorm() { return initialGradientNorm; }
    @Override public double stepNorm() { return stepNorm; }
    @Override public double stepSize() { return stepSize; }
    @Override public double pointNorm() { return pointNorm; }
    @Override public double derivativeNorm() { return derivativeNorm; }
    @Override public double initialDerivativeNorm() { return initialDerivativeNorm; }
    @Override public long valueEvaluations() { return state.valueEvaluations(); }
    @Override public long gradientEvaluations() { return state.gradientEvaluations(); }
    @Override public long secondOrderEvaluations() { return state.secondOrderEvaluations(); }
    @Override public long elapsedNanos() { return state.elapsedNanos(); }
}
