package org.tandemopt.core.autodiff;

import java.util.List;

/**
 * An immutable, compiled function definition: the tape. It is a directed acyclic graph of vector operations
 * in creation order (which is a topological order), the ids of its inputs in declaration order, and the
 * scalar output node. Shapes were checked when each operation was recorded, so evaluation does no checking
 * beyond input lengths.
 *
 * <p>A graph holds no evaluation state: values, adjoints and tangents live in a {@link Workspace}, one per
 * thread, so a single graph may be evaluated concurrently. Nodes that do not reach the output are dropped
 * from every sweep and get no buffers.
 *
 * <p>A graph is the extension point for new oracle shapes: an adapter for any function type (today
 * {@link AdFunction} and {@link AdParametricFunction}; the saddle function of the min-max module next) is a
 * thin class that keeps a {@code ThreadLocal<Workspace>} and maps its oracles onto
 * {@link Workspace#gradient}, {@link Workspace#gradients} and {@link Workspace#secondOrder}.
 */
public final class Graph {

    final Node[] nodes;
    final boolean[] live;
    final int[] inputIds;
    final int outputId;
    private final String[] inputNames;
    private final Kinks kinks;

    Graph(Node[] nodes, int[] inputIds, String[] inputNames, int outputId, Kinks kinks) {
        this.nodes = nodes;
        this.inputIds = inputIds;
        this.inputNames = inputNames;
        this.outputId = outputId;
        this.kinks = kinks;
        this.live = new boolean[nodes.length];
        live[outputId] = true;
        for (int k = outputId; k >= 0; k--) {
            if (live[k]) {
                for (int i : nodes[k].in) {
                    live[i] = true;
                }
            }
        }
        for (int i : inputIds) {
            live[i] = true;
        }
    }

    /** @return the number of inputs. */
    public int inputCount() {
        return inputIds.length;
    }

    /** @return the name of input {@code index}. */
    public String inputName(int index) {
        return inputNames[index];
    }

    /** @return the number of entries of input {@code index}. */
    public int inputSize(int index) {
        return nodes[inputIds[index]].size;
    }

    /** @return the number of operations in the sweeps (inputs and constants included). */
    public int nodeCount() {
        int c = 0;
        for (boolean b : live) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** @return the kink convention the nonsmooth operations of this graph were recorded with. */
    public Kinks kinks() {
        return kinks;
    }

    /** @return a fresh workspace (buffers for one thread). */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /** @return the live operations, one per line, in sweep order (for debugging and documentation). */
    public List<String> describe() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < nodes.length; k++) {
            if (live[k]) {
                out.add(nodes[k].toString() + (k == outputId ? "   <- output" : ""));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Graph[" + inputIds.length + " inputs, " + nodeCount() + " nodes]";
    }
}
