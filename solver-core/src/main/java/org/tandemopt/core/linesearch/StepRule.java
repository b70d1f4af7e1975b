package org.tandemopt.core.linesearch;

/**
 * A step-size rule: immutable configuration that creates the per-run {@link StepSearch} holding whatever
 * memory the rule needs (the last accepted step, previous gradients). Every optimizer and solver takes its
 * step size through this one interface, so any rule can be plugged into any method.
 *
 * <p>Implementations: {@link ConstantStep}, {@link DecayingStep}, {@link ArmijoBacktracking} (with expansion:
 * the Hölderian backtracking) and the rules in this package.
 */
public interface StepRule {

    /**
     * @param dimension the dimension of the variable the steps move (for rules that keep vectors)
     * @return fresh per-run memory
     */
    StepSearch newSearch(int dimension);

    /** @return whether the rule evaluates the line ({@code false} for schedules). */
    default boolean evaluatesLine() {
        return true;
    }
}
