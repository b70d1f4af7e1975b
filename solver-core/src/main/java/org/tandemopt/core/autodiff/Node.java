package org.tandemopt.core.autodiff;

/**
 * One vector operation of a {@link Graph}: an immutable record of the operation, its input node ids and its
 * output shape, plus the four sweeps every operation implements over the buffers of a {@link Workspace}.
 *
 * <p>Writing {@code z} for this node's value, {@code a, b, …} for its inputs, a bar for an adjoint and a dot for
 * a tangent (directional derivative along the seeded direction), the sweeps are:
 * <ul>
 *   <li>{@link #forward}: {@code z ← op(a, b, …)};</li>
 *   <li>{@link #backward}: {@code ā += J_aᵀ z̄} for every input whose adjoint is needed;</li>
 *   <li>{@link #tangent}: {@code ż ← J_a ȧ + J_b ḃ + …} (called only when some input tangent is non-zero);</li>
 *   <li>{@link #backward2}: both {@code ā += J_aᵀ z̄} and its tangent {@code (ā)˙ += J_aᵀ (z̄)˙ + (J_a)˙ᵀ z̄}
 *       — the reverse sweep differentiated once more in the forward direction (forward-over-reverse).</li>
 * </ul>
 * Buffers of inputs whose tangent is off are zero, so an operation may ignore {@link Workspace#tanOn};
 * it may also use it to skip work.
 */
abstract class Node {

    final String op;
    final int id;
    final int rows;
    final int cols;
    final int size;
    final int[] in;
    /** Bit k set iff this node depends on input number k of its builder. */
    final long deps;

    Node(String op, int id, int rows, int cols, int[] in, long deps) {
        this.op = op;
        this.id = id;
        this.rows = rows;
        this.cols = cols;
        this.size = rows * cols;
        this.in = in;
        this.deps = deps;
    }

    /** Length of the per-workspace scratch buffer this node needs (cached derivatives, softmax rows). */
    int auxSize() {
        return 0;
    }

    /** Whether this node shares every buffer with its single input (a reshape). */
    boolean isAlias() {
        return false;
    }

    abstract void forward(Workspace w);

    abstract void backward(Workspace w);

    abstract void tangent(Workspace w);

    abstract void backward2(Workspace w);

    final String shape() {
        return rows + "x" + cols;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append('%').append(id).append(" = ").append(op).append('(');
        for (int k = 0; k < in.length; k++) {
            s.append(k == 0 ? "%" : ", %").append(in[k]);
        }
        return s.append(") : ").append(shape()).toString();
    }
}
