package org.tandemopt.core.linesearch;

/**
 * The restriction {@code φ(t) = J(x + t d)} of an objective to a ray, as a line search sees it. For a
 * single-level problem {@link FunctionLine} implements it over a {@code DifferentiableFunction}; the ridge
 * method implements it over the value function {@code G(x) = max_y L(x, y)}, where each evaluation runs a
 * warm-started inner solve.
 */
public interface LineFunction {

    /** @return {@code φ(t)}. */
    double value(double t);

    /**
     * Evaluates {@code φ(t)} and {@code φ'(t)}; the slope is then available from {@link #lastSlope()}.
     *
     * @return {@code φ(t)}
     */
    double valueAndSlope(double t);

    /** @return {@code φ'(t)} of the last {@link #valueAndSlope} call. */
    double lastSlope();
}
