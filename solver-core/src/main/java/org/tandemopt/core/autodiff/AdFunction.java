package org.tandemopt.core.autodiff;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;

/**
 * A {@link DifferentiableFunction} defined by automatic differentiation: value by a forward sweep, gradient by
 * one reverse sweep, Hessian-vector product by one forward-over-reverse sweep. Built with
 * {@link AutoDiff#function}; thread-safe (one {@link Workspace} per calling thread, kept in a
 * {@link ThreadLocal} owned by this instance) and allocation-free after the first call on each thread.
 *
 * <p>Costs, in units of one value evaluation (Baur–Strassen / Griewank's cheap gradient principle): a gradient
 * at most a small constant (about 2–3 here, since each operation's adjoint costs about as much as the operation),
 * a Hessian-vector product about twice a gradient. Repeated products at the same point skip the forward
 * sweep, which makes a conjugate-gradient solve cheaper.
 */
public final class AdFunction implements DifferentiableFunction {

    private final Graph graph;
    private final int dimension;
    private final ThreadLocal<Workspace> workspaces;

    AdFunction(Graph graph) {
        Functions.requireNonNull("graph", graph);
        if (graph.inputCount() != 1) {
            throw new IllegalArgumentException("graph has " + graph.inputCount()
                    + " inputs, expected 1 for a DifferentiableFunction");
        }
        this.graph = graph;
        this.dimension = graph.inputSize(0);
        this.workspaces = ThreadLocal.withInitial(graph::newWorkspace);
    }

    /** @return the tape of this function. */
    public Graph graph() {
        return graph;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double value(double[] x) {
        Workspace ws = workspaces.get();
        ws.setInput(0, x);
        return ws.value();
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradientOut) {
        Workspace ws = workspaces.get();
        ws.setInput(0, x);
        return ws.gradient(0, gradientOut);
    }

    @Override
    public boolean hasHessianVector() {
        return true;
    }

    @Override
    public void hessianVector(double[] x, double[] v, double[] out) {
        Workspace ws = workspaces.get();
        ws.setInput(0, x);
        ws.secondOrder(0, v, 0, out);
    }

    /** Value, gradient and {@code ∇²J(x) v} from one forward-over-reverse sweep; returns the value. */
    public double valueGradientAndHessianVector(double[] x, double[] v, double[] gradientOut, double[] hvOut) {
        Workspace ws = workspaces.get();
        ws.setInput(0, x);
        return ws.gradientAndSecondOrder(0, v, 0, gradientOut, hvOut);
    }

    @Override
    public String toString() {
        return "AdFunction[dimension " + dimension + ", " + graph.nodeCount() + " nodes]";
    }
}
