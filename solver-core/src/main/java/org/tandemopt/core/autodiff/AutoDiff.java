package org.tandemopt.core.autodiff;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.tandemopt.core.function.Functions;

/**
 * Entry points: turn a definition written with {@link Expr} into oracles.
 *
 * <pre>{@code
 * // J(w) = mean_i log(1 + exp(−t_i x_iᵀw)) + (λ/2)‖w‖²
 * AdFunction loss = AutoDiff.function(p, w ->
 *         w.premultiply(X).times(minusLabels).softplus().mean().plus(w.squaredNorm().times(lambda / 2)));
 * double value = loss.valueAndGradient(w0, gradient);
 * loss.hessianVector(w0, v, hv);
 * }</pre>
 *
 * A definition runs once, when the function is created; the lambda only records operations. Users who write
 * their own oracles simply implement {@link org.tandemopt.core.function.DifferentiableFunction} or
 * {@link org.tandemopt.core.function.ParametricFunction}: nothing in Tandem goes through this class unless asked.
 */
public final class AutoDiff {

    private AutoDiff() {
    }

    /** A function of one vector {@code x ∈ R^dimension}, with value, gradient and Hessian-vector product. */
    public static AdFunction function(int dimension, Function<Expr, Expr> definition) {
        return function(dimension, Kinks.DEFAULT, definition);
    }

    /** As {@link #function(int, Function)} with a chosen kink convention. */
    public static AdFunction function(int dimension, Kinks kinks, Function<Expr, Expr> definition) {
        Functions.requireAtLeast("dimension", dimension, 1);
        Functions.requireNonNull("definition", definition);
        GraphBuilder b = new GraphBuilder(kinks);
        Expr x = b.input("x", dimension);
        return new AdFunction(b.build(definition.apply(x)));
    }

    /**
     * A function {@code h(x, y)} of a parameter {@code x ∈ R^n} and a variable {@code y ∈ R^m} with the five
     * oracles of {@link org.tandemopt.core.function.ParametricFunction}. The definition receives {@code x}
     * first, then {@code y}.
     */
    public static AdParametricFunction parametric(int n, int m, BiFunction<Expr, Expr, Expr> definition) {
        return parametric(n, m, Kinks.DEFAULT, definition);
    }

    /** As {@link #parametric(int, int, BiFunction)} with a chosen kink convention. */
    public static AdParametricFunction parametric(int n, int m, Kinks kinks, BiFunction<Expr, Expr, Expr> definition) {
        Functions.requireAtLeast("n", n, 1);
        Functions.requireAtLeast("m", m, 1);
        Functions.requireNonNull("definition", definition);
        GraphBuilder b = new GraphBuilder(kinks);
        Expr x = b.input("x", n);
        Expr y = b.input("y", m);
        return new AdParametricFunction(b.build(definition.apply(x, y)));
    }

    /** Wraps a graph with exactly one input as a {@link AdFunction}. */
    public static AdFunction function(Graph graph) {
        return new AdFunction(graph);
    }

    /** Wraps a graph with exactly two inputs ({@code x} then {@code y}) as an {@link AdParametricFunction}. */
    public static AdParametricFunction parametric(Graph graph) {
        return new AdParametricFunction(graph);
    }
}
