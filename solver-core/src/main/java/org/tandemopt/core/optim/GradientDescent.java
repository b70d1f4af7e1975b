package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.StepRule;

/**
 * Gradient descent {@code x_{k+1} = x_k − t_k ∇J(x_k)} with any {@link StepRule}.
 *
 * <p>Default step rule: {@link ArmijoBacktracking#defaults()} (Armijo with expansion 2), which adapts to
 * the local smoothness and needs no Lipschitz constant. With {@code new ConstantStep(1 / L)} it is the
 * textbook method with rate {@code (1 − μ/L)^k} on {@code μ}-strongly convex, {@code L}-smooth functions
 * (Nesterov, <em>Lectures on Convex Optimization</em>, 2018, §2.1.5).
 *
 * <pre>{@code
 * OptimizationResult r = GradientDescent.withStepRule(new ConstantStep(0.1)).minimize(f, x0);
 * }</pre>
 */
public final class GradientDescent extends DescentMethod<Void> {

    private GradientDescent(StepRule rule) {
        super(rule);
    }

    /** @return gradient descent with the default Armijo-with-expansion rule. */
    public static GradientDescent defaults() {
        return new GradientDescent(ArmijoBacktracking.defaults());
    }

    /** @return gradient descent with {@code rule}. */
    public static GradientDescent withStepRule(StepRule rule) {
        return new GradientDescent(rule);
    }

    @Override
    protected Void newMemory(DifferentiableFunction f, int d) {
        return null;
    }

    @Override
    protected void direction(DifferentiableFunction f, State<Void> s, double[] direction) {
        double[] g = s.gradient();
        for (int i = 0; i < g.length; i++) {
            direction[i] = -g[i];
        }
    }

    @Override
    public String describe() {
        return "GradientDescent{" + stepRule() + "}";
    }
}
