package org.tandemopt.core.autodiff;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * Records a function definition: declares inputs and constants, hands out {@link Expr} handles whose methods
 * record vector operations, and compiles the result with {@link #build(Expr)}. Every operation checks shapes
 * when it is recorded and fails with an {@link IllegalArgumentException} naming the operation and the shapes.
 *
 * <p>A builder is used by one thread while a function is being defined (usually inside a lambda given to
 * {@link AutoDiff}); the {@link Graph} it builds is immutable and thread-safe. Nodes are immutable, so one
 * builder may build several graphs (for instance a loss and a validation metric sharing a subexpression).
 *
 * <pre>{@code
 * GraphBuilder b = new GraphBuilder();
 * Expr x = b.input("x", 3);
 * Expr y = b.input("y", 3);
 * Graph g = b.build(x.times(y).sum().plus(y.squaredNorm().times(0.5)));   // xᵀy + ½‖y‖²
 * }</pre>
 */
public final class GraphBuilder {

    private final Kinks kinks;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<DenseMatrix, Expr> matrices = new IdentityHashMap<>();

    /** A builder with the default kink convention {@link Kinks#DEFAULT}. */
    public GraphBuilder() {
        this(Kinks.DEFAULT);
    }

    /** A builder whose nonsmooth operations use the given kink convention. */
    public GraphBuilder(Kinks kinks) {
        this.kinks = Functions.requireNonNull("kinks", kinks);
    }

    /** @return the kink convention of this builder. */
    public Kinks kinks() {
        return kinks;
    }

    int nextId() {
        return nodes.size();
    }

    Expr add(Node node) {
        nodes.add(node);
        return new Expr(this, node);
    }

    /** Declares the next input, a column vector of {@code size} entries. */
    public Expr input(String name, int size) {
        return input(name, size, 1);
    }

    /** Declares the next input, a {@code rows × cols} matrix stored row-major in the input array. */
    public Expr input(String name, int rows, int cols) {
        Functions.requireNonNull("name", name);
        Functions.requireAtLeast("rows of input " + name, rows, 1);
        Functions.requireAtLeast("cols of input " + name, cols, 1);
        Functions.requireAtLeast("rows * cols of input " + name, (long) rows * cols, 1);
        if (inputs.size() >= 63) {
            throw new IllegalArgumentException("input " + name + " would be input number " + inputs.size()
                    + ", expected at most 63 inputs");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("input name " + name + " is already declared, expected a new name");
        }
        int index = inputs.size();
        Expr e = add(new Ops.Input(name, index, nextId(), rows, cols));
        inputs.add(e.node.id);
        names.add(name);
        return e;
    }

    /** A constant column vector (the values are copied). */
    public Expr constant(double[] values) {
        Functions.requireNonNull("values", values);
        Functions.requireAtLeast("values.length", values.length, 1);
        return add(new Ops.Constant(nextId(), values.length, 1, values.clone()));
    }

    /** A constant {@code rows × cols} matrix from row-major data (copied). */
    public Expr constant(int rows, int cols, double[] rowMajor) {
        Functions.requireAtLeast("rows", rows, 1);
        Functions.requireAtLeast("cols", cols, 1);
        Functions.requireLength("rowMajor", rowMajor, Math.multiplyExact(rows, cols));
        return add(new Ops.Constant(nextId(), rows, cols, rowMajor.clone()));
    }

    /** A constant matrix; recording the same instance twice reuses one node (one copy of the data). */
    public Expr constant(DenseMatrix matrix) {
        Functions.requireNonNull("matrix", matrix);
        Expr e = matrices.get(matrix);
        if (e == null) {
            e = add(new Ops.Constant(nextId(), matrix.rows(), matrix.cols(), matrix.toArray()));
            matrices.put(matrix, e);
        }
        return e;
    }

    /** A constant 1x1 scalar. */
    public Expr scalar(double value) {
        return add(new Ops.Constant(nextId(), 1, 1, new double[] {value}));
    }

    /** {@code [a_1; a_2; …]}: the row-major entries of the parts end to end, as a column vector. */
    public Expr concat(Expr... parts) {
        Functions.requireNonNull("parts", parts);
        Functions.requireAtLeast("number of parts of concat", parts.length, 1);
        Node[] ns = new Node[parts.length];
        long deps = 0;
        long total = 0;
        for (int k = 0; k < parts.length; k++) {
            ns[k] = own("concat", parts[k]).node;
            deps |= ns[k].deps;
            total += ns[k].size;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concat: total size " + total + " exceeds " + Integer.MAX_VALUE);
        }
        return add(new Ops.Concat(nextId(), ns, (int) total, deps));
    }

    Expr own(String op, Expr e) {
        if (e == null) {
            throw new IllegalArgumentException(op + ": operand is null");
        }
        if (e.owner != this) {
            throw new IllegalArgumentException(op + ": operand " + e + " belongs to another GraphBuilder");
        }
        return e;
    }

    /**
     * Compiles the function whose value is {@code output}, a 1x1 scalar. Inputs are the ones declared so far,
     * in declaration order (inputs that do not reach the output get zero derivatives).
     *
     * @throws IllegalArgumentException if the output is not a scalar or belongs to another builder
     */
    public Graph build(Expr output) {
        own("build", output);
        if (output.node.size != 1) {
            throw new IllegalArgumentException("build: output has shape " + output.node.shape()
                    + ", expected a 1x1 scalar (reduce it with sum(), dot(...), squaredNorm(), ...)");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("build: no input declared, expected at least one");
        }
        int[] ids = new int[inputs.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = inputs.get(k);
        }
        return new Graph(nodes.toArray(new Node[0]), ids, names.toArray(new String[0]), output.node.id, kinks);
    }
}
