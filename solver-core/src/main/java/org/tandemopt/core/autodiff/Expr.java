package org.tandemopt.core.autodiff;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * A handle on one node of a function definition: a vector (or a row-major matrix, or a 1x1 scalar) computed
 * from the inputs. Every method records one operation on the tape of the owning {@link GraphBuilder} and
 * returns the handle of its result; nothing is computed until the built {@link Graph} is evaluated.
 *
 * <p>Shapes: an input or constant declared with one size is a column vector {@code n × 1}. Elementwise
 * operations need equal shapes, or one operand {@code 1 × 1} (broadcast). Reductions return {@code 1 × 1}.
 * A mismatch fails at once with an {@link IllegalArgumentException} such as
 * {@code "times: shapes 3x1 and 4x1 do not match, expected equal shapes or one 1x1 scalar"}.
 *
 * <p>Nonsmooth operations ({@link #abs}, {@link #relu}, {@link #max}, {@link #min}, {@link #softThreshold})
 * return at their kinks the element chosen by the builder's {@link Kinks}.
 */
public final class Expr {

    final GraphBuilder owner;
    final Node node;

    Expr(GraphBuilder owner, Node node) {
        this.owner = owner;
        this.node = node;
    }

    /** @return the number of rows. */
    public int rows() {
        return node.rows;
    }

    /** @return the number of columns (1 for a vector). */
    public int cols() {
        return node.cols;
    }

    /** @return {@code rows · cols}. */
    public int size() {
        return node.size;
    }

    /** @return the builder recording this expression (to declare constants inside a definition). */
    public GraphBuilder builder() {
        return owner;
    }

    @Override
    public String toString() {
        return "%" + node.id + " " + node.op + " : " + node.shape();
    }

    private Expr other(String op, Expr e) {
        return owner.own(op, e);
    }

    private void sameOrScalar(String op, Expr b) {
        if (node.rows == b.node.rows && node.cols == b.node.cols) {
            return;
        }
        if (node.size == 1 || b.node.size == 1) {
            return;
        }
        throw new IllegalArgumentException(op + ": shapes " + node.shape() + " and " + b.node.shape()
                + " do not match, expected equal shapes or one 1x1 scalar");
    }

    private void sameSize(String op, Expr b) {
        if (node.size != b.node.size) {
            throw new IllegalArgumentException(op + ": sizes " + node.size + " (" + node.shape() + ") and "
                    + b.node.size + " (" + b.node.shape() + ") differ, expected equal sizes");
        }
    }

    private int id() {
        return owner.nextId();
    }

    // ------------------------------------------------------------ arithmetic

    /** {@code this + b} elementwise (a 1x1 operand is broadcast). */
    public Expr plus(Expr b) {
        other("plus", b);
        sameOrScalar("plus", b);
        return owner.add(new Ops.AddSub(id(), node, b.node, false));
    }

    /** {@code this − b} elementwise (a 1x1 operand is broadcast). */
    public Expr minus(Expr b) {
        other("minus", b);
        sameOrScalar("minus", b);
        return owner.add(new Ops.AddSub(id(), node, b.node, true));
    }

    /** {@code this ⊙ b}, the elementwise product (a 1x1 operand is broadcast: scalar times vector). */
    public Expr times(Expr b) {
        other("times", b);
        sameOrScalar("times", b);
        return owner.add(new Ops.Mul(id(), node, b.node));
    }

    /** {@code this ⊘ b}, the elementwise quotient (a 1x1 operand is broadcast). */
    public Expr div(Expr b) {
        other("div", b);
        sameOrScalar("div", b);
        return owner.add(new Ops.Div(id(), node, b.node));
    }

    /** {@code this + c}. */
    public Expr plus(double c) {
        return owner.add(new Ops.Affine("plus(" + c + ")", id(), node, 1.0, c));
    }

    /** {@code this − c}. */
    public Expr minus(double c) {
        return owner.add(new Ops.Affine("minus(" + c + ")", id(), node, 1.0, -c));
    }

    /** {@code c · this}. */
    public Expr times(double c) {
        return owner.add(new Ops.Affine("times(" + c + ")", id(), node, c, 0.0));
    }

    /** {@code this / c}, computed as {@code (1/c) · this} (may differ from a true division in the last bit). */
    public Expr div(double c) {
        return owner.add(new Ops.Affine("div(" + c + ")", id(), node, 1.0 / c, 0.0));
    }

    /** {@code c − this}. */
    public Expr subtractedFrom(double c) {
        return owner.add(new Ops.Affine("subtractedFrom(" + c + ")", id(), node, -1.0, c));
    }

    /** {@code −this}. */
    public Expr negate() {
        return owner.add(new Ops.Affine("negate", id(), node, -1.0, 0.0));
    }

    /** {@code this + c} elementwise with a constant vector of the same size. */
    public Expr plus(double[] c) {
        return plus(constantLike("plus", c));
    }

    /** {@code this − c} elementwise with a constant vector of the same size. */
    public Expr minus(double[] c) {
        return minus(constantLike("minus", c));
    }

    /** {@code this ⊙ c} elementwise with a constant vector of the same size (weights, masks, labels). */
    public Expr times(double[] c) {
        return times(constantLike("times", c));
    }

    private Expr constantLike(String op, double[] c) {
        Functions.requireNonNull(op + " constant", c);
        if (c.length != node.size) {
            throw new IllegalArgumentException(op + ": constant of length " + c.length + " and operand of shape "
                    + node.shape() + " differ, expected length " + node.size);
        }
        return owner.constant(node.rows, node.cols, c);
    }

    // ------------------------------------------------------------ reductions

    /** {@code Σ_i this_i · b_i} (equal sizes). */
    public Expr dot(Expr b) {
        other("dot", b);
        sameSize("dot", b);
        return owner.add(new Ops.Dot(id(), node, b.node));
    }

    /** {@code Σ_i this_i · c_i} with a constant vector. */
    public Expr dot(double[] c) {
        return dot(constantLike("dot", c));
    }

    /** {@code Σ_i this_i}. */
    public Expr sum() {
        return owner.add(new Ops.Sum("sum", id(), node, 1.0));
    }

    /** {@code (1/n) Σ_i this_i}. */
    public Expr mean() {
        return owner.add(new Ops.Sum("mean", id(), node, 1.0 / node.size));
    }

    /** {@code ‖this‖² = Σ_i this_i²}. */
    public Expr squaredNorm() {
        return owner.add(new Ops.SquaredNorm(id(), node));
    }

    /** {@code log Σ_i exp(this_i)}, computed stably (the maximum is subtracted first). */
    public Expr logSumExp() {
        return owner.add(new Ops.RowLogSumExp("logSumExp", id(), node, 1, node.size, null));
    }

    /**
     * The multiclass softmax cross-entropy of a matrix of logits {@code Z} ({@code r × K}, one row per example)
     * against integer labels: {@code Σ_i (log Σ_j exp Z_ij − Z_{i, labels[i]})}, a sum over rows (divide by
     * {@code r} for the mean). Stable for any logits; its Hessian is block-diagonal with blocks
     * {@code diag(p_i) − p_i p_iᵀ}.
     *
     * @param labels one label per row, each in {@code [0, K)} (copied)
     */
    public Expr softmaxCrossEntropy(int[] labels) {
        Functions.requireNonNull("labels", labels);
        if (labels.length != node.rows) {
            throw new IllegalArgumentException("softmaxCrossEntropy: " + labels.length + " labels for logits of shape "
                    + node.shape() + ", expected " + node.rows + " (one per row)");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= node.cols) {
                throw new IllegalArgumentException("softmaxCrossEntropy: labels[" + i + "] = " + labels[i]
                        + ", expected a class in [0, " + node.cols + ") for logits of shape " + node.shape());
            }
        }
        return owner.add(new Ops.RowLogSumExp("softmaxCrossEntropy", id(), node, node.rows, node.cols,
                labels.clone()));
    }

    // ------------------------------------------------------------ elementwise functions

    /** {@code exp(this)}. */
    public Expr exp() {
        return owner.add(new Ops.Exp(id(), node));
    }

    /** {@code log(this)}. */
    public Expr log() {
        return owner.add(new Ops.Log(id(), node));
    }

    /** {@code log(1 + this)}, accurate near 0. */
    public Expr log1p() {
        return owner.add(new Ops.Log1p(id(), node));
    }

    /** {@code √this}. */
    public Expr sqrt() {
        return owner.add(new Ops.Sqrt(id(), node));
    }

    /** {@code this^c} for a constant exponent (use {@link #square} for {@code c = 2}). */
    public Expr pow(double c) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("pow: exponent = " + c + ", expected a finite number");
        }
        if (c == 2) {
            return square();
        }
        return owner.add(new Ops.Pow(id(), node, c));
    }

    /** {@code this²}. */
    public Expr square() {
        return owner.add(new Ops.Square(id(), node));
    }

    /** {@code tanh(this)}. */
    public Expr tanh() {
        return owner.add(new Ops.Tanh(id(), node));
    }

    /** The logistic sigmoid {@code 1/(1 + e^{−this})}, without overflow for large {@code |this|}. */
    public Expr sigmoid() {
        return owner.add(new Ops.Sigmoid(id(), node));
    }

    /** {@code log(1 + e^{this})}, computed as {@code max(a, 0) + log1p(e^{−|a|})} (exact on both tails). */
    public Expr softplus() {
        return owner.add(new Ops.Softplus(id(), node));
    }

    /** {@code |this|}; derivative {@code abs'(0)} of the builder's {@link Kinks} at 0. */
    public Expr abs() {
        return owner.add(new Ops.Abs(id(), node, owner.kinks().absAtZero()));
    }

    /** {@code max(this, 0)}; derivative {@code relu'(0)} of the builder's {@link Kinks} at 0. */
    public Expr relu() {
        return owner.add(new Ops.Relu(id(), node, owner.kinks().reluAtZero()));
    }

    /** {@code max(this, b)} elementwise; ties split as {@code b + relu(this − b)} (see {@link Kinks}). */
    public Expr max(Expr b) {
        other("max", b);
        sameOrScalar("max", b);
        return owner.add(new Ops.MaxMin(id(), node, b.node, true, owner.kinks().reluAtZero()));
    }

    /** {@code min(this, b)} elementwise; ties split as {@code this − relu(this − b)} (see {@link Kinks}). */
    public Expr min(Expr b) {
        other("min", b);
        sameOrScalar("min", b);
        return owner.add(new Ops.MaxMin(id(), node, b.node, false, owner.kinks().reluAtZero()));
    }

    /** {@code max(this, c)} with a constant. */
    public Expr max(double c) {
        return max(owner.scalar(c));
    }

    /** {@code min(this, c)} with a constant. */
    public Expr min(double c) {
        return min(owner.scalar(c));
    }

    /**
     * The soft-threshold {@code sign(a) max(|a| − λ, 0)}, the proximal map of {@code λ‖·‖₁}; at {@code |a| = λ > 0}
     * its derivative is {@code relu'(0)} of the builder's {@link Kinks}.
     *
     * @param lambda the threshold, {@code ≥ 0}
     */
    public Expr softThreshold(double lambda) {
        Functions.requireNonNegative("softThreshold lambda", lambda);
        return owner.add(new Ops.SoftThreshold(id(), node, lambda, owner.kinks().reluAtZero()));
    }

    // ------------------------------------------------------------ structure

    /** Entries {@code [from, to)} of the row-major data, as a column vector. */
    public Expr slice(int from, int to) {
        if (from < 0 || to > node.size || from >= to) {
            throw new IllegalArgumentException("slice: range [" + from + ", " + to + ") of an operand of shape "
                    + node.shape() + ", expected 0 <= from < to <= " + node.size);
        }
        return owner.add(new Ops.Slice(id(), node, from, to));
    }

    /** Entry {@code i} as a 1x1 scalar. */
    public Expr get(int i) {
        return slice(i, i + 1);
    }

    /** {@code [this; b]} as a column vector. */
    public Expr concat(Expr b) {
        return owner.concat(this, b);
    }

    /** The same row-major data seen as a {@code rows × cols} matrix (free: the buffers are shared). */
    public Expr reshape(int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols != node.size) {
            throw new IllegalArgumentException("reshape: " + node.shape() + " to " + rows + "x" + cols
                    + ", expected rows * cols = " + node.size);
        }
        if (rows == node.rows && cols == node.cols) {
            return this;
        }
        return owner.add(new Ops.Reshape(id(), node, rows, cols));
    }

    /** {@code this + 1 vᵀ}: adds the vector {@code v} (of size {@code cols}) to every row (a bias). */
    public Expr plusRow(Expr v) {
        other("plusRow", v);
        if (v.node.size != node.cols) {
            throw new IllegalArgumentException("plusRow: row vector of shape " + v.node.shape() + " for a matrix of shape "
                    + node.shape() + ", expected " + node.cols + " entries");
        }
        return owner.add(new Ops.PlusRow(id(), node, v.node));
    }

    // ------------------------------------------------------------ matrix products

    /** The matrix product {@code this · b} ({@code r × p} times {@code p × k}); either side may be constant. */
    public Expr matmul(Expr b) {
        other("matmul", b);
        if (node.cols != b.node.rows) {
            throw new IllegalArgumentException("matmul: shapes " + node.shape() + " · " + b.node.shape()
                    + " do not conform, expected " + node.cols + " rows in the right operand");
        }
        return owner.add(new Ops.MatMul(id(), node, b.node, false));
    }

    /** The product {@code thisᵀ · b} ({@code (p × r)ᵀ} times {@code p × k}), without forming the transpose. */
    public Expr transposeMatmul(Expr b) {
        other("transposeMatmul", b);
        if (node.rows != b.node.rows) {
            throw new IllegalArgumentException("transposeMatmul: shapes (" + node.shape() + ")ᵀ · " + b.node.shape()
                    + " do not conform, expected " + node.rows + " rows in the right operand");
        }
        return owner.add(new Ops.MatMul(id(), node, b.node, true));
    }

    /** {@code A · this} for a constant matrix (dense matrix-vector product when this is a vector). */
    public Expr premultiply(DenseMatrix a) {
        Functions.requireNonNull("premultiply matrix", a);
        if (a.cols() != node.rows) {
            throw new IllegalArgumentException("premultiply: " + a.rows() + "x" + a.cols() + " · " + node.shape()
                    + " do not conform, expected a matrix with " + node.rows + " columns");
        }
        return owner.constant(a).matmul(this);
    }

    /** {@code Aᵀ · this} for a constant matrix (transposed matrix-vector product). */
    public Expr premultiplyTranspose(DenseMatrix a) {
        Functions.requireNonNull("premultiplyTranspose matrix", a);
        if (a.rows() != node.rows) {
            throw new IllegalArgumentException("premultiplyTranspose: (" + a.rows() + "x" + a.cols() + ")ᵀ · "
                    + node.shape() + " do not conform, expected a matrix with " + node.rows + " rows");
        }
        return owner.constant(a).transposeMatmul(this);
    }
}
