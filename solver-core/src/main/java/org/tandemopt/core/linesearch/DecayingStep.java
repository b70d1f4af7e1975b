package org.tandemopt.core.linesearch;

import org.tandemopt.core.function.Functions;

/**
 * The decaying schedule {@code t_k = η / (1 + γ k)^p} for the {@code k}-th call ({@code k = 0, 1, ...}); with
 * {@code p = 1/2} or {@code p = 1} it gives the classical stochastic-approximation rates. Never evaluates
 * the line.
 */
public final class DecayingStep implements StepRule {

    private final double initial;
    private final double rate;
    private final double power;

    /**
     * @param initial {@code η > 0}
     * @param rate    {@code γ ≥ 0}
     * @param power   {@code p ≥ 0}
     */
    public DecayingStep(double initial, double rate, double power) {
        this.initial = Functions.requirePositive("initial", initial);
        this.rate = Functions.requireNonNegative("rate", rate);
        this.power = Functions.requireNonNegative("power", power);
    }

    @Override
    public boolean evaluatesLine() {
        return false;
    }

    @Override
    public StepSearch newSearch(int dimension) {
        return new StepSearch() {
            private long k;

            @Override
            public double search(LineFunction line, double value0, double slope0, double[] x, double[] gradient) {
                double t = initial / Math.pow(1 + rate * k, power);
                k++;
                return t;
            }

            @Override public int lastEvaluations() { return 0; }
            @Override public double[] memory() { return new double[] {k}; }
            @Override public void restore(double[] memory) { k = (long) memory[0]; }
        };
    }

    @Override
    public String toString() {
        return "DecayingStep{initial=" + initial + ", rate=" + rate + ", power=" + power + "}";
    }
}
