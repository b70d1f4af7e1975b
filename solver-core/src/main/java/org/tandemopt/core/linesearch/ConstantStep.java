package org.tandemopt.core.linesearch;

import org.tandemopt.core.function.Functions;

/**
 * The constant step {@code t_k = η}. It never evaluates the line and never fails.
 */
public final class ConstantStep implements StepRule {

    private final double step;

    /** @param step the step {@code η > 0} */
    public ConstantStep(double step) {
        this.step = Functions.requirePositive("step", step);
    }

    /** @return the step. */
    public double step() {
        return step;
    }

    @Override
    public boolean evaluatesLine() {
        return false;
    }

    @Override
    public StepSearch newSearch(int dimension) {
        return new StepSearch() {
            @Override
            public double search(LineFunction line, double value0, double slope0, double[] x, double[] gradient) {
                return step;
            }

            @Override public int lastEvaluations() { return 0; }
            @Override public double[] memory() { return new double[0]; }
            @Override public void restore(double[] memory) { }
        };
    }

    @Override
    public String toString() {
        return "ConstantStep{" + step + "}";
    }
}
