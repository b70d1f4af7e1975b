package org.tandemopt.core.autodiff;

import java.util.Arrays;

import org.tandemopt.core.function.Functions;

/**
 * The buffers of one evaluation context of a {@link Graph}: for every node a value, an adjoint, a tangent and
 * a tangent-of-adjoint array, plus per-node scratch. A workspace is <strong>not</strong> thread-safe and is
 * meant to be owned by one thread; the adapters of {@link AutoDiff} keep one per thread, and users who drive a
 * graph by hand create one per thread with {@link Graph#newWorkspace()}.
 *
 * <p>Buffers are allocated once (values and adjoints when the workspace is created, tangents on the first
 * second-order call), so every later call allocates nothing. The forward sweep is skipped when the inputs are
 * bitwise equal to those of the previous sweep: a conjugate-gradient solve that asks for many
 * Hessian-vector products at one point pays the forward sweep once.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Workspace ws = graph.newWorkspace();
 * ws.setInput(0, x);
 * ws.setInput(1, y);
 * double value = ws.gradient(1, gradYOut);             // ∇_y h, returns h
 * ws.secondOrder(1, v, 1, hvpOut);                      // ∇²_yy h · v
 * ws.secondOrder(1, w, 0, crossTransposeOut);           // (∂_x∇_y h)ᵀ w = ∂_y∇_x h · w
 * ws.secondOrder(0, u, 1, crossOut);                    // (∂_x∇_y h) u
 * }</pre>
 */
public final class Workspace {

    private final Graph graph;
    private final Node[] nodes;
    private final boolean[] live;
    private final int[] inputIds;
    private final int out;

    final double[][] val;
    final double[][] adj;
    double[][] tan;
    double[][] tadj;
    final double[][] aux;
    final boolean[] needAdj;
    final boolean[] tanOn;

    private boolean forwardValid;
    private final boolean[] inputSet;

    Workspace(Graph graph) {
        this.graph = graph;
        this.nodes = graph.nodes;
        this.live = graph.live;
        this.inputIds = graph.inputIds;
        this.out = graph.outputId;
        int count = nodes.length;
        val = new double[count][];
        adj = new double[count][];
        aux = new double[count][];
        needAdj = new boolean[count];
        tanOn = new boolean[count];
        inputSet = new boolean[inputIds.length];
        for (int k = 0; k < count; k++) {
            if (!live[k]) {
                continue;
            }
            Node node = nodes[k];
            if (node instanceof Ops.Constant c) {
                val[k] = c.data;
                adj[k] = new double[0];
            } else if (node.isAlias()) {
                val[k] = val[node.in[0]];
                adj[k] = adj[node.in[0]];
            } else {
                val[k] = new double[node.size];
                adj[k] = new double[node.size];
            }
            aux[k] = new double[node.auxSize()];
        }
    }

    /** @return the graph this workspace evaluates. */
    public Graph graph() {
        return graph;
    }

    /**
     * Sets input number {@code index} (declaration order) to a copy of {@code values}.
     *
     * @throws IllegalArgumentException if the index is out of range or the length differs from the input's size
     */
    public void setInput(int index, double[] values) {
        if (index < 0 || index >= inputIds.length) {
            throw new IllegalArgumentException("input index = " + index + ", expected 0.." + (inputIds.length - 1));
        }
        double[] dst = val[inputIds[index]];
        Functions.requireLength(graph.inputName(index), values, dst.length);
        if (inputSet[index] && Arrays.equals(dst, values)) {
            return;
        }
        System.arraycopy(values, 0, dst, 0, dst.length);
        inputSet[index] = true;
        forwardValid = false;
    }

    private void forwardIfNeeded() {
        if (forwardValid) {
            return;
        }
        for (int k = 0; k < inputSet.length; k++) {
            if (!inputSet[k]) {
                throw new IllegalStateException("input " + graph.inputName(k) + " (number " + k + ") was never set");
            }
        }
        for (int k = 0; k <= out; k++) {
            if (live[k]) {
                nodes[k].forward(this);
            }
        }
        forwardValid = true;
    }

    /** @return the value of the output at the current inputs. */
    public double value() {
        forwardIfNeeded();
        return val[out][0];
    }

    /**
     * Reverse sweep: the gradient with respect to input {@code index}, written into {@code gradientOut}.
     *
     * @return the value of the output
     */
    public double gradient(int index, double[] gradientOut) {
        checkIndex(index);
        Functions.requireLength("gradientOut", gradientOut, val[inputIds[index]].length);
        double v = reverse(1L << index, false);
        System.arraycopy(adj[inputIds[index]], 0, gradientOut, 0, gradientOut.length);
        return v;
    }

    /**
     * Reverse sweep for several inputs at once: {@code gradientsOut[k]} receives the gradient with respect to
     * input {@code k}; a {@code null} entry means that gradient is not wanted (and not computed).
     *
     * @return the value of the output
     */
    public double gradients(double[][] gradientsOut) {
        Functions.requireNonNull("gradientsOut", gradientsOut);
        if (gradientsOut.length != inputIds.length) {
            throw new IllegalArgumentException("gradientsOut has length " + gradientsOut.length + ", expected "
                    + inputIds.length + " (one entry per input)");
        }
        long mask = 0;
        for (int k = 0; k < inputIds.length; k++) {
            if (gradientsOut[k] != null) {
                if (gradientsOut[k].length != val[inputIds[k]].length) {
                    Functions.requireLength("gradientsOut[" + k + "]", gradientsOut[k], val[inputIds[k]].length);
                }
                mask |= 1L << k;
            }
        }
        double v = reverse(mask, false);
        for (int k = 0; k < inputIds.length; k++) {
            if (gradientsOut[k] != null) {
                System.arraycopy(adj[inputIds[k]], 0, gradientsOut[k], 0, gradientsOut[k].length);
            }
        }
        return v;
    }

    /**
     * Forward-over-reverse second-order product: seeds input {@code seedIndex} with the tangent
     * {@code direction} (all other inputs with zero) and writes into {@code out} the derivative along that
     * direction of the gradient with respect to input {@code readIndex}:
     * {@code out = ∂_{seed} ∇_{read} f · direction}. With two inputs {@code (x, y)} this gives
     * {@code H_yy v} (seed y, read y), {@code H_yxᵀ w} (seed y, read x) and {@code H_yx u} (seed x, read y).
     *
     * @return the value of the output
     */
    public double secondOrder(int seedIndex, double[] direction, int readIndex, double[] out) {
        checkIndex(seedIndex);
        checkIndex(readIndex);
        Functions.requireLength("direction", direction, val[inputIds[seedIndex]].length);
        Functions.requireLength("out", out, val[inputIds[readIndex]].length);
        ensureSecondOrder();
        forwardIfNeeded();
        System.arraycopy(direction, 0, tan[inputIds[seedIndex]], 0, direction.length);
        tangentSweep(1L << seedIndex);
        double v = reverse(1L << readIndex, true);
        System.arraycopy(tadj[inputIds[readIndex]], 0, out, 0, out.length);
        return v;
    }

    /**
     * The value, the gradient with respect to input {@code readIndex} and the second-order product of
     * {@link #secondOrder} in one forward-over-reverse sweep (the gradient is a by-product of that sweep).
     *
     * @return the value of the output
     */
    public double gradientAndSecondOrder(int seedIndex, double[] direction, int readIndex, double[] gradientOut,
            double[] out) {
        checkIndex(readIndex);
        Functions.requireLength("gradientOut", gradientOut, val[inputIds[readIndex]].length);
        double v = secondOrder(seedIndex, direction, readIndex, out);
        System.arraycopy(adj[inputIds[readIndex]], 0, gradientOut, 0, gradientOut.length);
        return v;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= inputIds.length) {
            throw new IllegalArgumentException("input index = " + index + ", expected 0.." + (inputIds.length - 1));
        }
    }

    private void ensureSecondOrder() {
        if (tan != null) {
            return;
        }
        int count = nodes.length;
        double[][] t = new double[count][];
        double[][] ta = new double[count][];
        for (int k = 0; k < count; k++) {
            if (!live[k]) {
                continue;
            }
            Node node = nodes[k];
            if (node.isAlias()) {
                t[k] = t[node.in[0]];
                ta[k] = ta[node.in[0]];
            } else if (node instanceof Ops.Constant) {
                t[k] = new double[node.size]; // stays zero: constants have no tangent
                ta[k] = new double[0];
            } else {
                t[k] = new double[node.size];
                ta[k] = new double[node.size];
            }
        }
        tan = t;
        tadj = ta;
    }

    private void tangentSweep(long seedMask) {
        for (int k = 0; k <= out; k++) {
            if (!live[k]) {
                continue;
            }
            Node node = nodes[k];
            boolean on = (node.deps & seedMask) != 0;
            tanOn[k] = on;
            if (node instanceof Ops.Input) {
                if (!on) {
                    Arrays.fill(tan[k], 0.0);
                }
            } else if (on) {
                node.tangent(this);
            } else if (node.deps != 0 && !node.isAlias()) {
                Arrays.fill(tan[k], 0.0);
            }
        }
    }

    private double reverse(long wrtMask, boolean second) {
        forwardIfNeeded();
        for (int k = 0; k <= out; k++) {
            if (!live[k]) {
                continue;
            }
            boolean need = (nodes[k].deps & wrtMask) != 0;
            needAdj[k] = need;
            if (need) {
                Arrays.fill(adj[k], 0.0);
                if (second) {
                    Arrays.fill(tadj[k], 0.0);
                }
            }
        }
        for (int k : inputIds) {
            if (!needAdj[k]) {
                Arrays.fill(adj[k], 0.0);
                if (second) {
                    Arrays.fill(tadj[k], 0.0);
                }
            }
        }
        if (needAdj[out]) {
            adj[out][0] = 1.0;
            if (second) {
                for (int k = out; k >= 0; k--) {
                    if (needAdj[k]) {
                        nodes[k].backward2(this);
                    }
                }
            } else {
                for (int k = out; k >= 0; k--) {
                    if (needAdj[k]) {
                        nodes[k].backward(this);
                    }
                }
            }
        }
        return val[out][0];
    }
}
