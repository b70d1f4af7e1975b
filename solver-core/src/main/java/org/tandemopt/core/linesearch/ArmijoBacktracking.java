package org.tandemopt.core.linesearch;

import org.tandemopt.core.function.Functions;

/**
 * Armijo backtracking whose trial step may grow again after a success: the Hölderian backtracking of
 * J. Bolte, L. Glaudin, E. Pauwels, M. Serrurier, "The backtrack Hölder gradient method with application to
 * min-max and min-min problems", Open Journal of Mathematical Optimization 4 (2023).
 *
 * <p>Each search starts from the trial step {@code t}: while
 * {@code φ(t) > φ(0) + c t φ'(0)} (or {@code φ(t)} is not finite) it shrinks {@code t ← ρ t}. The accepted
 * step times the expansion factor {@code κ} (capped at the maximal step) is the next search's first trial.
 * With {@code κ = 1} this is classical monotone backtracking, whose step can only shrink; with {@code κ > 1}
 * the step recovers after passing a region where the gradient is only Hölder continuous, which is what
 * makes the ridge method converge on min-max problems whose value function is not Lipschitz-smooth.
 *
 * <p>Defaults: initial step 1, shrink {@code ρ = 0.5}, Armijo constant {@code c = 1e-4}, expansion
 * {@code κ = 2}, at most 60 trials per search, maximal step {@code 1e10}.
 */
public final class ArmijoBacktracking implements StepRule {

    private final double initialStep;
    private final double shrink;
    private final double armijo;
    private final double expansion;
    private final int maxTrials;
    private final double maxStep;

    private ArmijoBacktracking(Builder b) {
        this.initialStep = b.initialStep;
        this.shrink = b.shrink;
        this.armijo = b.armijo;
        this.expansion = b.expansion;
        this.maxTrials = b.maxTrials;
        this.maxStep = b.maxStep;
        if (initialStep > maxStep) {
            throw new IllegalArgumentException("initialStep = " + initialStep + " exceeds maxStep = " + maxStep);
        }
    }

    /** @return the rule with every default (expansion 2). */
    public static ArmijoBacktracking defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public double initialStep() { return initialStep; }
    public double shrink() { return shrink; }
    public double armijo() { return armijo; }
    public double expansion() { return expansion; }
    public int maxTrials() { return maxTrials; }
    public double maxStep() { return maxStep; }

    @Override
    public StepSearch newSearch(int dimension) {
        return new Search();
    }

    private final class Search implements StepSearch {
        private double trial = initialStep;
        private int evaluations;

        @Override
        public double search(LineFunction line, double value0, double slope0, double[] x, double[] gradient) {
            evaluations = 0;
            double t = trial;
            for (int i = 0; i < maxTrials; i++) {
                double v = line.value(t);
                evaluations++;
                if (Double.isFinite(v) && v <= value0 + armijo * t * slope0) {
                    trial = Math.min(maxStep, t * expansion);
                    return t;
                }
                t *= shrink;
            }
            return Double.NaN;
        }

        @Override public int lastEvaluations() { return evaluations; }
        @Override public double[] memory() { return new double[] {trial}; }

        @Override
        public void restore(double[] memory) {
            Functions.requireLength("memory", memory, 1);
            trial = Functions.requirePositive("memory[0]", memory[0]);
        }
    }

    @Override
    public String toString() {
        return "ArmijoBacktracking{initialStep=" + initialStep + ", shrink=" + shrink + ", c=" + armijo
                + ", expansion=" + expansion + ", maxTrials=" + maxTrials + "}";
    }

    /** Validated builder. */
    public static final class Builder {
        private double initialStep = 1.0;
        private double shrink = 0.5;
        private double armijo = 1e-4;
        private double expansion = 2.0;
        private int maxTrials = 60;
        private double maxStep = 1e10;

        private Builder() {
        }

        /** First trial step of the first search, {@code > 0} (default 1). */
        public Builder initialStep(double t) {
            this.initialStep = Functions.requirePositive("initialStep", t);
            return this;
        }

        /** Shrink factor {@code ρ ∈ (0, 1)} (default 0.5). */
        public Builder shrink(double rho) {
            this.shrink = Functions.requireOpenRange("shrink", rho, 0, 1);
            return this;
        }

        /** Armijo constant {@code c ∈ (0, 1)} (default 1e-4). */
        public Builder armijo(double c) {
            this.armijo = Functions.requireOpenRange("armijo", c, 0, 1);
            return this;
        }

        /** Expansion factor {@code κ ≥ 1} after an accepted step; 1 gives monotone backtracking (default 2). */
        public Builder expansion(double kappa) {
            if (!(kappa >= 1) || !Double.isFinite(kappa)) {
                throw new IllegalArgumentException("expansion = " + kappa + ", expected a finite number >= 1");
            }
            this.expansion = kappa;
            return this;
        }

        /** Trials per search before failing, at least 1 (default 60). */
        public Builder maxTrials(int n) {
            this.maxTrials = Functions.requireAtLeast("maxTrials", n, 1);
            return this;
        }

        /** Largest step ever tried, {@code > 0} (default 1e10). */
        public Builder maxStep(double t) {
            this.maxStep = Functions.requirePositive("maxStep", t);
            return this;
        }

        public ArmijoBacktracking build() {
            return new ArmijoBacktracking(this);
        }
    }
}
