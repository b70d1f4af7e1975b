package org.tandemopt.core.autodiff;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * A {@link ParametricFunction} {@code h(x, y)} defined by automatic differentiation, with all five oracles:
 * {@code ∇_y h} and {@code ∇_x h} by reverse sweeps, and the three second-order blocks by forward-over-reverse
 * sweeps that seed a tangent on one argument and read the tangent of the adjoint of the other:
 *
 * <table class="striped">
 * <caption>second-order oracles</caption>
 * <tr><th>oracle</th><th>seed tangent</th><th>read</th><th>result</th></tr>
 * <tr><td>{@link #hessianYY}</td><td>{@code ẏ = v}, {@code ẋ = 0}</td><td>{@code (ȳ)˙}</td><td>{@code H_yy v ∈ R^m}</td></tr>
 * <tr><td>{@link #crossTranspose}</td><td>{@code ẏ = w}, {@code ẋ = 0}</td><td>{@code (x̄)˙}</td><td>{@code H_yxᵀ w = ∂_y∇_x h · w ∈ R^n}</td></tr>
 * <tr><td>{@link #cross}</td><td>{@code ẋ = u}, {@code ẏ = 0}</td><td>{@code (ȳ)˙}</td><td>{@code H_yx u = ∂_x∇_y h · u ∈ R^m}</td></tr>
 * </table>
 *
 * Each costs one tangent sweep plus one reverse sweep carrying adjoints and their tangents (about two
 * gradients); the forward sweep is skipped when {@code (x, y)} did not change since the previous call on the
 * thread. Built with {@link AutoDiff#parametric}; thread-safe and allocation-free after the first call on a
 * thread. {@link #valueAndGradients} returns both gradients from one reverse sweep, which is what a saddle
 * function adapter ({@code ∇_x L}, {@code ∇_y L}) needs.
 */
public final class AdParametricFunction implements ParametricFunction {

    /** Input index of the parameter {@code x} in the graph. */
    public static final int X = 0;
    /** Input index of the variable {@code y} in the graph. */
    public static final int Y = 1;

    private final Graph graph;
    private final int n;
    private final int m;
    private final ThreadLocal<PerThread> state;

    private static final class PerThread {
        final Workspace ws;
        final double[][] outs = new double[2][];

        PerThread(Graph g) {
            ws = g.newWorkspace();
        }
    }

    AdParametricFunction(Graph graph) {
        Functions.requireNonNull("graph", graph);
        if (graph.inputCount() != 2) {
            throw new IllegalArgumentException("graph has " + graph.inputCount()
                    + " inputs, expected 2 (x then y) for a ParametricFunction");
        }
        this.graph = graph;
        this.n = graph.inputSize(X);
        this.m = graph.inputSize(Y);
        this.state = ThreadLocal.withInitial(() -> new PerThread(graph));
    }

    /** @return the tape of this function (inputs: x, then y). */
    public Graph graph() {
        return graph;
    }

    private Workspace at(double[] x, double[] y) {
        Workspace ws = state.get().ws;
        ws.setInput(X, x);
        ws.setInput(Y, y);
        return ws;
    }

    @Override
    public int parameterDimension() {
        return n;
    }

    @Override
    public int variableDimension() {
        return m;
    }

    @Override
    public double value(double[] x, double[] y) {
        return at(x, y).value();
    }

    @Override
    public double gradientY(double[] x, double[] y, double[] out) {
        return at(x, y).gradient(Y, out);
    }

    @Override
    public void gradientX(double[] x, double[] y, double[] out) {
        at(x, y).gradient(X, out);
    }

    /**
     * Both gradients from one reverse sweep: {@code ∇_x h} into {@code gradXOut}, {@code ∇_y h} into
     * {@code gradYOut}; returns {@code h(x, y)}.
     */
    public double valueAndGradients(double[] x, double[] y, double[] gradXOut, double[] gradYOut) {
        PerThread t = state.get();
        t.ws.setInput(X, x);
        t.ws.setInput(Y, y);
        Functions.requireNonNull("gradXOut", gradXOut);
        Functions.requireNonNull("gradYOut", gradYOut);
        t.outs[X] = gradXOut;
        t.outs[Y] = gradYOut;
        try {
            return t.ws.gradients(t.outs);
        } finally {
            t.outs[X] = null;
            t.outs[Y] = null;
        }
    }

    @Override
    public boolean hasSecondOrder() {
        return true;
    }

    @Override
    public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        at(x, y).secondOrder(Y, v, Y, out);
    }

    @Override
    public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
        at(x, y).secondOrder(Y, w, X, out);
    }

    @Override
    public void cross(double[] x, double[] y, double[] u, double[] out) {
        at(x, y).secondOrder(X, u, Y, out);
    }

    @Override
    public String toString() {
        return "AdParametricFunction[n " + n + ", m " + m + ", " + graph.nodeCount() + " nodes]";
    }
}
