package org.tandemopt.core.autodiff;

/**
 * The operations of the tape. Each is a {@link Node} with explicit loops over {@code double[]} for its four
 * sweeps; the second-order rules are the product rule applied to the adjoint rule. In the comments {@code z} is
 * the node value, {@code a, b} its inputs, a bar an adjoint, a dot a tangent and {@code ť} a tangent-adjoint.
 */
final class Ops {

    private Ops() {
    }

    static int[] ids(Node... nodes) {
        int[] r = new int[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            r[k] = nodes[k].id;
        }
        return r;
    }

    /** {@code dst[i·stride] += scale · src[i]} for i in [0, n): stride 0 sums into dst[0] (broadcast adjoint). */
    static void acc(double[] dst, int stride, double[] src, double scale, int n) {
        if (stride == 1) {
            for (int i = 0; i < n; i++) {
                dst[i] += scale * src[i];
            }
        } else {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += src[i];
            }
            dst[0] += scale * s;
        }
    }

    // ---------------------------------------------------------------- leaves

    /** An input of the function: its value is set by the workspace, its tangent seeded by the caller. */
    static final class Input extends Node {
        final String name;
        final int index;

        Input(String name, int index, int id, int rows, int cols) {
            super("input " + name, id, rows, cols, new int[0], 1L << index);
            this.name = name;
            this.index = index;
        }

        @Override void forward(Workspace w) { }
        @Override void backward(Workspace w) { }
        @Override void tangent(Workspace w) { }
        @Override void backward2(Workspace w) { }
    }

    /** Constant data, shared read-only by every workspace; no adjoint, zero tangent. */
    static final class Constant extends Node {
        final double[] data;

        Constant(int id, int rows, int cols, double[] data) {
            super("constant", id, rows, cols, new int[0], 0L);
            this.data = data;
        }

        @Override void forward(Workspace w) { }
        @Override void backward(Workspace w) { }
        @Override void tangent(Workspace w) { }
        @Override void backward2(Workspace w) { }
    }

    /** A view of its input with another shape: every buffer is shared, every sweep is free. */
    static final class Reshape extends Node {
        Reshape(int id, Node a, int rows, int cols) {
            super("reshape", id, rows, cols, new int[] {a.id}, a.deps);
        }

        @Override boolean isAlias() { return true; }
        @Override void forward(Workspace w) { }
        @Override void backward(Workspace w) { }
        @Override void tangent(Workspace w) { }
        @Override void backward2(Workspace w) { }
    }

    // ---------------------------------------------------------------- elementwise unary

    /**
     * {@code z = f(a)} elementwise. Subclasses give {@code f}, {@code f'} and {@code f''} as loops; the aux
     * buffer caches {@code f'} in [0, n) and {@code f''} in [n, 2n). Rules: {@code ā += f'·z̄},
     * {@code ż = f'·ȧ}, {@code ť_a += f'·ť_z + f''·ȧ·z̄}.
     */
    abstract static class Elementwise extends Node {
        Elementwise(String op, int id, Node a) {
            super(op, id, a.rows, a.cols, new int[] {a.id}, a.deps);
        }

        @Override int auxSize() { return 2 * size; }

        abstract void apply(double[] a, double[] z, int n);

        /** {@code d[0..n) ← f'(a)}; when {@code second}, also {@code d[n..2n) ← f''(a)}. */
        abstract void derivatives(double[] a, double[] z, double[] d, int n, boolean second);

        @Override void forward(Workspace w) {
            apply(w.val[in[0]], w.val[id], size);
        }

        /**
         * Fused first-order reverse rule {@code ā += f'(a) z̄} for operations whose derivative is a cheap function
         * of the value (one pass instead of two, no scratch traffic).
         *
         * @return false when the operation has no fused rule
         */
        boolean backwardFused(double[] a, double[] z, double[] zb, double[] ab, int n) {
            return false;
        }

        @Override void backward(Workspace w) {
            int a = in[0];
            if (!w.needAdj[a]) {
                return;
            }
            double[] zb = w.adj[id];
            double[] ab = w.adj[a];
            if (backwardFused(w.val[a], w.val[id], zb, ab, size)) {
                return;
            }
            double[] d = w.aux[id];
            derivatives(w.val[a], w.val[id], d, size, false);
            for (int i = 0; i < size; i++) {
                ab[i] += d[i] * zb[i];
            }
        }

        @Override void tangent(Workspace w) {
            int a = in[0];
            double[] d = w.aux[id];
            derivatives(w.val[a], w.val[id], d, size, true);
            double[] ad = w.tan[a];
            double[] zd = w.tan[id];
            for (int i = 0; i < size; i++) {
                zd[i] = d[i] * ad[i];
            }
        }

        @Override void backward2(Workspace w) {
            int a = in[0];
            if (!w.needAdj[a]) {
                return;
            }
            double[] d = w.aux[id];
            boolean t = w.tanOn[id];
            if (!t) {
                derivatives(w.val[a], w.val[id], d, size, false);
            }
            double[] zb = w.adj[id];
            double[] zt = w.tadj[id];
            double[] ab = w.adj[a];
            double[] at = w.tadj[a];
            if (t) {
                double[] ad = w.tan[a];
                int n = size;
                for (int i = 0; i < n; i++) {
                    ab[i] += d[i] * zb[i];
                    at[i] += d[i] * zt[i] + d[n + i] * ad[i] * zb[i];
                }
            } else {
                for (int i = 0; i < size; i++) {
                    ab[i] += d[i] * zb[i];
                    at[i] += d[i] * zt[i];
                }
            }
        }
    }

    /** {@code z = α a + β} (negation, scaling, shifting by constants). */
    static final class Affine extends Node {
        final double alpha;
        final double beta;

        Affine(String op, int id, Node a, double alpha, double beta) {
            super(op, id, a.rows, a.cols, new int[] {a.id}, a.deps);
            this.alpha = alpha;
            this.beta = beta;
        }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] z = w.val[id];
            for (int i = 0; i < size; i++) {
                z[i] = alpha * a[i] + beta;
            }
        }

        @Override void backward(Workspace w) {
            if (w.needAdj[in[0]]) {
                acc(w.adj[in[0]], 1, w.adj[id], alpha, size);
            }
        }

        @Override void tangent(Workspace w) {
            double[] a = w.tan[in[0]];
            double[] z = w.tan[id];
            for (int i = 0; i < size; i++) {
                z[i] = alpha * a[i];
            }
        }

        @Override void backward2(Workspace w) {
            if (w.needAdj[in[0]]) {
                acc(w.adj[in[0]], 1, w.adj[id], alpha, size);
                acc(w.tadj[in[0]], 1, w.tadj[id], alpha, size);
            }
        }
    }

    static final class Exp extends Elementwise {
        Exp(int id, Node a) { super("exp", id, a); }
        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.exp(a[i]);
            }
        }
        @Override boolean backwardFused(double[] a, double[] z, double[] zb, double[] ab, int n) {
            for (int i = 0; i < n; i++) {
                ab[i] += z[i] * zb[i];
            }
            return true;
        }
        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            System.arraycopy(z, 0, d, 0, n);
            if (second) {
                System.arraycopy(z, 0, d, n, n);
            }
        }
    }

    static final class Log extends Elementwise {
        Log(int id, Node a) { super("log", id, a); }
        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.log(a[i]);
            }
        }
        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double r = 1.0 / a[i];
                d[i] = r;
                if (second) {
                    d[n + i] = -r * r;
                }
            }
        }
    }

    static final class Log1p extends Elementwise {
        Log1p(int id, Node a) { super("log1p", id, a); }
        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.log1p(a[i]);
            }
        }
        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double r = 1.0 / (1.0 + a[i]);
                d[i] = r;
                if (second) {
                    d[n + i] = -r * r;
                }
            }
        }
    }

    static final class Sqrt extends Elementwise {
        Sqrt(int id, Node a) { super("sqrt", id, a); }
        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.sqrt(a[i]);
            }
        }
        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double d1 = 0.5 / z[i];
                d[i] = d1;
                if (second) {
                    d[n + i] = -0.5 * d1 / a[i];
                }
            }
        }
    }

    static final class Pow extends Elementwise {
        final double c;

        Pow(int id, Node a, double c) {
            super("pow(" + c + ")", id, a);
            this.c = c;
        }

        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.pow(a[i], c);
            }
        }

        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double p = Math.pow(a[i], c - 2);
                d[i] = c * p * a[i];
                if (second) {
                    d[n + i] = c * (c - 1) * p;
                }
            }
        }
    }

    static final class Square extends Elementwise {
        Square(int id, Node a) { super("square", id, a); }
        @Override boolean backwardFused(double[] a, double[] z, double[] zb, double[] ab, int n) {
            for (int i = 0; i < n; i++) {
                ab[i] += 2 * a[i] * zb[i];
            }
            return true;
        }
        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = a[i] * a[i];
            }
        }
        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                d[i] = 2 * a[i];
            }
            if (second) {
                java.util.Arrays.fill(d, n, 2 * n, 2.0);
            }
        }
    }

    static final class Tanh extends Elementwise {
        Tanh(int id, Node a) { super("tanh", id, a); }
        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.tanh(a[i]);
            }
        }
        @Override boolean backwardFused(double[] a, double[] z, double[] zb, double[] ab, int n) {
            for (int i = 0; i < n; i++) {
                ab[i] += (1 - z[i] * z[i]) * zb[i];
            }
            return true;
        }
        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double d1 = 1 - z[i] * z[i];
                d[i] = d1;
                if (second) {
                    d[n + i] = -2 * z[i] * d1;
                }
            }
        }
    }

    /** Logistic sigmoid {@code 1/(1+e^{−a})}, evaluated without overflow on both tails. */
    static double sigmoid(double a) {
        if (a >= 0) {
            return 1.0 / (1.0 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1.0 + e);
    }

    static final class Sigmoid extends Elementwise {
        Sigmoid(int id, Node a) { super("sigmoid", id, a); }
        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = sigmoid(a[i]);
            }
        }
        @Override boolean backwardFused(double[] a, double[] z, double[] zb, double[] ab, int n) {
            for (int i = 0; i < n; i++) {
                ab[i] += z[i] * (1 - z[i]) * zb[i];
            }
            return true;
        }
        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double s = z[i];
                double d1 = s * (1 - s);
                d[i] = d1;
                if (second) {
                    d[n + i] = d1 * (1 - 2 * s);
                }
            }
        }
    }

    /**
     * Softplus {@code log(1 + e^a) = max(a, 0) + log1p(e^{−|a|})}, exact on both tails. The forward sweep keeps
     * {@code e^{−|a|}} in aux[2n, 3n) so the derivative {@code σ(a)} costs a division, not another exponential.
     */
    static final class Softplus extends Elementwise {
        Softplus(int id, Node a) { super("softplus", id, a); }

        @Override int auxSize() { return 3 * size; }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] z = w.val[id];
            double[] e = w.aux[id];
            int n = size;
            for (int i = 0; i < n; i++) {
                double x = a[i];
                double ei = Math.exp(-Math.abs(x));
                e[2 * n + i] = ei;
                z[i] = Math.max(x, 0.0) + Math.log1p(ei);
            }
        }

        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[i];
                z[i] = Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
            }
        }

        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double e = d[2 * n + i];
                double r = 1.0 / (1.0 + e);
                double s = a[i] >= 0 ? r : e * r;
                d[i] = s;
                if (second) {
                    d[n + i] = e * r * r; // σ(1 − σ) = e^{−|a|} / (1 + e^{−|a|})²
                }
            }
        }
    }

    static final class Abs extends Elementwise {
        final double atZero;

        Abs(int id, Node a, double atZero) {
            super("abs", id, a);
            this.atZero = atZero;
        }

        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.abs(a[i]);
            }
        }

        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double x = a[i];
                d[i] = x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? atZero : Double.NaN;
            }
            if (second) {
                java.util.Arrays.fill(d, n, 2 * n, 0.0);
            }
        }
    }

    static final class Relu extends Elementwise {
        final double atZero;

        Relu(int id, Node a, double atZero) {
            super("relu", id, a);
            this.atZero = atZero;
        }

        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[i];
                z[i] = x > 0 ? x : x <= 0 ? 0.0 : x;
            }
        }

        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double x = a[i];
                d[i] = x > 0 ? 1.0 : x < 0 ? 0.0 : x == 0 ? atZero : Double.NaN;
            }
            if (second) {
                java.util.Arrays.fill(d, n, 2 * n, 0.0);
            }
        }
    }

    /** {@code S_λ(a) = sign(a)·max(|a| − λ, 0)}, the proximal operator of {@code λ‖·‖₁}. */
    static final class SoftThreshold extends Elementwise {
        final double lambda;
        final double atKink;

        SoftThreshold(int id, Node a, double lambda, double reluAtZero) {
            super("softThreshold(" + lambda + ")", id, a);
            this.lambda = lambda;
            this.atKink = lambda == 0 ? 1.0 : reluAtZero;
        }

        @Override void apply(double[] a, double[] z, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[i];
                z[i] = x > lambda ? x - lambda : x < -lambda ? x + lambda : x == x ? 0.0 : x;
            }
        }

        @Override void derivatives(double[] a, double[] z, double[] d, int n, boolean second) {
            for (int i = 0; i < n; i++) {
                double m = Math.abs(a[i]);
                d[i] = m > lambda ? 1.0 : m < lambda ? 0.0 : m == lambda ? atKink : Double.NaN;
            }
            if (second) {
                java.util.Arrays.fill(d, n, 2 * n, 0.0);
            }
        }
    }

    // ---------------------------------------------------------------- elementwise binary with scalar broadcast

    /** Base of binary elementwise operations; a 1x1 operand is broadcast (stride 0). */
    abstract static class Binary extends Node {
        final int sa;
        final int sb;

        Binary(String op, int id, Node a, Node b) {
            super(op, id, a.size >= b.size ? a.rows : b.rows, a.size >= b.size ? a.cols : b.cols,
                    new int[] {a.id, b.id}, a.deps | b.deps);
            this.sa = a.size == size ? 1 : 0;
            this.sb = b.size == size ? 1 : 0;
        }
    }

    /** {@code z = a + σ b}, σ = ±1. */
    static final class AddSub extends Binary {
        final double sign;

        AddSub(int id, Node a, Node b, boolean subtract) {
            super(subtract ? "minus" : "plus", id, a, b);
            this.sign = subtract ? -1.0 : 1.0;
        }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] z = w.val[id];
            for (int i = 0; i < size; i++) {
                z[i] = a[i * sa] + sign * b[i * sb];
            }
        }

        @Override void backward(Workspace w) {
            linearBackward(w.adj, w);
        }

        private void linearBackward(double[][] buf, Workspace w) {
            if (w.needAdj[in[0]]) {
                acc(buf[in[0]], sa, buf[id], 1.0, size);
            }
            if (w.needAdj[in[1]]) {
                acc(buf[in[1]], sb, buf[id], sign, size);
            }
        }

        @Override void tangent(Workspace w) {
            double[] a = w.tan[in[0]];
            double[] b = w.tan[in[1]];
            double[] z = w.tan[id];
            for (int i = 0; i < size; i++) {
                z[i] = a[i * sa] + sign * b[i * sb];
            }
        }

        @Override void backward2(Workspace w) {
            linearBackward(w.adj, w);
            linearBackward(w.tadj, w);
        }
    }

    /** {@code z = a·b}: {@code ā += b z̄}, {@code ť_a += b ť_z + ḃ z̄} (and symmetrically). */
    static final class Mul extends Binary {
        Mul(int id, Node a, Node b) {
            super("times", id, a, b);
        }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] z = w.val[id];
            for (int i = 0; i < size; i++) {
                z[i] = a[i * sa] * b[i * sb];
            }
        }

        @Override void backward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] zb = w.adj[id];
            if (w.needAdj[in[0]]) {
                double[] ab = w.adj[in[0]];
                for (int i = 0; i < size; i++) {
                    ab[i * sa] += b[i * sb] * zb[i];
                }
            }
            if (w.needAdj[in[1]]) {
                double[] bb = w.adj[in[1]];
                for (int i = 0; i < size; i++) {
                    bb[i * sb] += a[i * sa] * zb[i];
                }
            }
        }

        @Override void tangent(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] ad = w.tan[in[0]];
            double[] bd = w.tan[in[1]];
            double[] zd = w.tan[id];
            for (int i = 0; i < size; i++) {
                zd[i] = ad[i * sa] * b[i * sb] + a[i * sa] * bd[i * sb];
            }
        }

        @Override void backward2(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] ad = w.tan[in[0]];
            double[] bd = w.tan[in[1]];
            double[] zb = w.adj[id];
            double[] zt = w.tadj[id];
            if (w.needAdj[in[0]]) {
                double[] ab = w.adj[in[0]];
                double[] at = w.tadj[in[0]];
                for (int i = 0; i < size; i++) {
                    ab[i * sa] += b[i * sb] * zb[i];
                    at[i * sa] += b[i * sb] * zt[i] + bd[i * sb] * zb[i];
                }
            }
            if (w.needAdj[in[1]]) {
                double[] bb = w.adj[in[1]];
                double[] bt = w.tadj[in[1]];
                for (int i = 0; i < size; i++) {
                    bb[i * sb] += a[i * sa] * zb[i];
                    bt[i * sb] += a[i * sa] * zt[i] + ad[i * sa] * zb[i];
                }
            }
        }
    }

    /** {@code z = a / b}: {@code ā += z̄/b}, {@code b̄ −= z̄ z/b}. */
    static final class Div extends Binary {
        Div(int id, Node a, Node b) {
            super("div", id, a, b);
        }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] z = w.val[id];
            for (int i = 0; i < size; i++) {
                z[i] = a[i * sa] / b[i * sb];
            }
        }

        @Override void backward(Workspace w) {
            double[] b = w.val[in[1]];
            double[] z = w.val[id];
            double[] zb = w.adj[id];
            if (w.needAdj[in[0]]) {
                double[] ab = w.adj[in[0]];
                for (int i = 0; i < size; i++) {
                    ab[i * sa] += zb[i] / b[i * sb];
                }
            }
            if (w.needAdj[in[1]]) {
                double[] bb = w.adj[in[1]];
                for (int i = 0; i < size; i++) {
                    bb[i * sb] -= zb[i] * z[i] / b[i * sb];
                }
            }
        }

        @Override void tangent(Workspace w) {
            double[] b = w.val[in[1]];
            double[] z = w.val[id];
            double[] ad = w.tan[in[0]];
            double[] bd = w.tan[in[1]];
            double[] zd = w.tan[id];
            for (int i = 0; i < size; i++) {
                zd[i] = (ad[i * sa] - z[i] * bd[i * sb]) / b[i * sb];
            }
        }

        @Override void backward2(Workspace w) {
            double[] b = w.val[in[1]];
            double[] z = w.val[id];
            double[] ad = w.tan[in[0]];
            double[] bd = w.tan[in[1]];
            double[] zb = w.adj[id];
            double[] zt = w.tadj[id];
            if (w.needAdj[in[0]]) {
                double[] ab = w.adj[in[0]];
                double[] at = w.tadj[in[0]];
                for (int i = 0; i < size; i++) {
                    double r = 1.0 / b[i * sb];
                    ab[i * sa] += zb[i] * r;
                    at[i * sa] += zt[i] * r - zb[i] * bd[i * sb] * r * r;
                }
            }
            if (w.needAdj[in[1]]) {
                double[] bb = w.adj[in[1]];
                double[] bt = w.tadj[in[1]];
                for (int i = 0; i < size; i++) {
                    double r = 1.0 / b[i * sb];
                    bb[i * sb] -= zb[i] * z[i] * r;
                    bt[i * sb] += -zt[i] * z[i] * r - zb[i] * ad[i * sa] * r * r
                            + 2 * zb[i] * z[i] * bd[i * sb] * r * r;
                }
            }
        }
    }

    /**
     * {@code z = max(a, b)} or {@code min(a, b)}; the selection weight on {@code a} is 1 where it wins, 0 where
     * it loses, and at a tie {@code s} for max, {@code 1 − s} for min ({@code s = relu'(0)}, see {@link Kinks}).
     */
    static final class MaxMin extends Binary {
        final boolean max;
        final double tieA;
        final double tieB;

        MaxMin(int id, Node a, Node b, boolean max, double reluAtZero) {
            super(max ? "max" : "min", id, a, b);
            this.max = max;
            this.tieA = max ? reluAtZero : 1 - reluAtZero;
            this.tieB = max ? 1 - reluAtZero : reluAtZero;
        }

        /** Weight of {@code a} in the selection; the weight of {@code b} is {@link #weightB}. */
        private double weightA(double a, double b) {
            if (a == b) {
                return tieA;
            }
            return (a > b) == max ? 1.0 : 0.0;
        }

        private double weightB(double a, double b) {
            if (a == b) {
                return tieB;
            }
            return (a > b) == max ? 0.0 : 1.0;
        }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] z = w.val[id];
            for (int i = 0; i < size; i++) {
                z[i] = max ? Math.max(a[i * sa], b[i * sb]) : Math.min(a[i * sa], b[i * sb]);
            }
        }

        @Override void backward(Workspace w) {
            sweep(w.adj, w);
        }

        private void sweep(double[][] buf, Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] zb = buf[id];
            boolean na = w.needAdj[in[0]];
            boolean nb = w.needAdj[in[1]];
            double[] ab = buf[in[0]];
            double[] bb = buf[in[1]];
            for (int i = 0; i < size; i++) {
                double ai = a[i * sa];
                double bi = b[i * sb];
                if (na) {
                    ab[i * sa] += weightA(ai, bi) * zb[i];
                }
                if (nb) {
                    bb[i * sb] += weightB(ai, bi) * zb[i];
                }
            }
        }

        @Override void tangent(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] ad = w.tan[in[0]];
            double[] bd = w.tan[in[1]];
            double[] zd = w.tan[id];
            for (int i = 0; i < size; i++) {
                double ai = a[i * sa];
                double bi = b[i * sb];
                zd[i] = weightA(ai, bi) * ad[i * sa] + weightB(ai, bi) * bd[i * sb];
            }
        }

        @Override void backward2(Workspace w) {
            sweep(w.adj, w);
            sweep(w.tadj, w);
        }
    }

    // ---------------------------------------------------------------- reductions to a scalar

    /** {@code z = c Σ a_i} (sum with c = 1, mean with c = 1/n). */
    static final class Sum extends Node {
        final double c;

        Sum(String op, int id, Node a, double c) {
            super(op, id, 1, 1, new int[] {a.id}, a.deps);
            this.c = c;
        }

        private double total(double[] a) {
            int n = a.length;
            double s0 = 0, s1 = 0;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                s0 += a[i];
                s1 += a[i + 1];
            }
            if (i < n) {
                s0 += a[i];
            }
            return c * (s0 + s1);
        }

        @Override void forward(Workspace w) {
            w.val[id][0] = total(w.val[in[0]]);
        }

        @Override void backward(Workspace w) {
            if (w.needAdj[in[0]]) {
                double g = c * w.adj[id][0];
                double[] ab = w.adj[in[0]];
                for (int i = 0; i < ab.length; i++) {
                    ab[i] += g;
                }
            }
        }

        @Override void tangent(Workspace w) {
            w.tan[id][0] = total(w.tan[in[0]]);
        }

        @Override void backward2(Workspace w) {
            if (w.needAdj[in[0]]) {
                double g = c * w.adj[id][0];
                double gt = c * w.tadj[id][0];
                double[] ab = w.adj[in[0]];
                double[] at = w.tadj[in[0]];
                for (int i = 0; i < ab.length; i++) {
                    ab[i] += g;
                    at[i] += gt;
                }
            }
        }
    }

    /** {@code z = Σ a_i b_i}. */
    static final class Dot extends Node {
        Dot(int id, Node a, Node b) {
            super("dot", id, 1, 1, new int[] {a.id, b.id}, a.deps | b.deps);
        }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            w.val[id][0] = org.tandemopt.core.linalg.Vectors.dot(a, w.val[in[1]], a.length);
        }

        @Override void backward(Workspace w) {
            double g = w.adj[id][0];
            if (w.needAdj[in[0]]) {
                acc(w.adj[in[0]], 1, w.val[in[1]], g, w.adj[in[0]].length);
            }
            if (w.needAdj[in[1]]) {
                acc(w.adj[in[1]], 1, w.val[in[0]], g, w.adj[in[1]].length);
            }
        }

        @Override void tangent(Workspace w) {
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            int n = a.length;
            double s = 0;
            if (w.tanOn[in[0]]) {
                s += org.tandemopt.core.linalg.Vectors.dot(w.tan[in[0]], b, n);
            }
            if (w.tanOn[in[1]]) {
                s += org.tandemopt.core.linalg.Vectors.dot(a, w.tan[in[1]], n);
            }
            w.tan[id][0] = s;
        }

        @Override void backward2(Workspace w) {
            double g = w.adj[id][0];
            double gt = w.tadj[id][0];
            double[] a = w.val[in[0]];
            double[] b = w.val[in[1]];
            double[] ad = w.tan[in[0]];
            double[] bd = w.tan[in[1]];
            int n = a.length;
            if (w.needAdj[in[0]]) {
                double[] ab = w.adj[in[0]];
                double[] at = w.tadj[in[0]];
                for (int i = 0; i < n; i++) {
                    ab[i] += g * b[i];
                    at[i] += gt * b[i] + g * bd[i];
                }
            }
            if (w.needAdj[in[1]]) {
                double[] bb = w.adj[in[1]];
                double[] bt = w.tadj[in[1]];
                for (int i = 0; i < n; i++) {
                    bb[i] += g * a[i];
                    bt[i] += gt * a[i] + g * ad[i];
                }
            }
        }
    }

    /** {@code z = Σ a_i²}. */
    static final class SquaredNorm extends Node {
        SquaredNorm(int id, Node a) {
            super("squaredNorm", id, 1, 1, new int[] {a.id}, a.deps);
        }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            w.val[id][0] = org.tandemopt.core.linalg.Vectors.dot(a, a, a.length);
        }

        @Override void backward(Workspace w) {
            if (w.needAdj[in[0]]) {
                acc(w.adj[in[0]], 1, w.val[in[0]], 2 * w.adj[id][0], w.val[in[0]].length);
            }
        }

        @Override void tangent(Workspace w) {
            double[] a = w.val[in[0]];
            w.tan[id][0] = 2 * org.tandemopt.core.linalg.Vectors.dot(a, w.tan[in[0]], a.length);
        }

        @Override void backward2(Workspace w) {
            if (w.needAdj[in[0]]) {
                double g = 2 * w.adj[id][0];
                double gt = 2 * w.tadj[id][0];
                double[] a = w.val[in[0]];
                double[] ad = w.tan[in[0]];
                double[] ab = w.adj[in[0]];
                double[] at = w.tadj[in[0]];
                for (int i = 0; i < a.length; i++) {
                    ab[i] += g * a[i];
                    at[i] += gt * a[i] + g * ad[i];
                }
            }
        }
    }

    /**
     * Row-wise log-sum-exp over an {@code r × K} block, returning {@code Σ_i (lse(a_i) − a_{i, y_i})} when labels
     * are given (the multiclass softmax cross-entropy) and {@code lse(a)} of the whole vector otherwise
     * ({@code r = 1}, no labels). The aux buffer keeps the softmax rows {@code p_i}, computed stably by
     * subtracting the row maximum. Rules per row: {@code ā_i += z̄ (p_i − e_{y_i})},
     * {@code ż = Σ_i p_iᵀȧ_i − ȧ_{i,y_i}}, {@code ť_{a_i} += ť_z (p_i − e_{y_i}) + z̄ p_i ⊙ (ȧ_i − p_iᵀȧ_i)}.
     */
    static final class RowLogSumExp extends Node {
        final int r;
        final int k;
        final int[] labels;

        RowLogSumExp(String op, int id, Node a, int r, int k, int[] labels) {
            super(op, id, 1, 1, new int[] {a.id}, a.deps);
            this.r = r;
            this.k = k;
            this.labels = labels;
        }

        @Override int auxSize() { return r * k; }

        @Override void forward(Workspace w) {
            double[] a = w.val[in[0]];
            double[] p = w.aux[id];
            double total = 0;
            for (int i = 0; i < r; i++) {
                int o = i * k;
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    m = Math.max(m, a[o + j]);
                }
                if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
                    m = 0; // all −∞ (lse = −∞) or some +∞ (lse = +∞): let the arithmetic say so
                }
                double s = 0;
                for (int j = 0; j < k; j++) {
                    double e = Math.exp(a[o + j] - m);
                    p[o + j] = e;
                    s += e;
                }
                double inv = 1.0 / s;
                for (int j = 0; j < k; j++) {
                    p[o + j] *= inv;
                }
                total += m + Math.log(s);
                if (labels != null) {
                    total -= a[o + labels[i]];
                }
            }
            w.val[id][0] = total;
        }

        @Override void backward(Workspace w) {
            if (!w.needAdj[in[0]]) {
                return;
            }
            grad(w.aux[id], w.adj[in[0]], w.adj[id][0]);
        }

        /** {@code dst += g (P − Y)}. */
        private void grad(double[] p, double[] dst, double g) {
            for (int i = 0; i < r * k; i++) {
                dst[i] += g * p[i];
            }
            if (labels != null) {
                for (int i = 0; i < r; i++) {
                    dst[i * k + labels[i]] -= g;
                }
            }
        }

        @Override void tangent(Workspace w) {
            double[] p = w.aux[id];
            double[] ad = w.tan[in[0]];
            double s = org.tandemopt.core.linalg.Vectors.dot(p, ad, r * k);
            if (labels != null) {
                for (int i = 0; i < r; i++) {
                    s -= ad[i * k + labels[i]];
                }
            }
            w.tan[id][0] = s;
        }

        @Override void backward2(Workspace w) {
            if (!w.needAdj[in[0]]) {
                return;
            }
            double[] p = w.aux[id];
            double g = w.adj[id][0];
            grad(p, w.adj[in[0]], g);
            grad(p, w.tadj[in[0]], w.tadj[id][0]);
            if (w.tanOn[in[0]] && g != 0) {
                double[] ad = w.tan[in[0]];
                double[] at = w.tadj[in[0]];
                for (int i = 0; i < r; i++) {
                    int o = i * k;
                    double pa = 0;
                    for (int j = 0; j < k; j++) {
                        pa += p[o + j] * ad[o + j];
                    }
                    for (int j = 0; j < k; j++) {
                        at[o + j] += g * p[o + j] * (ad[o + j] - pa);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- matrix products

    /**
     * {@code C = op(A) B} with {@code op(A) = A} or {@code Aᵀ}, {@code A} and {@code B} row-major nodes (either may be
     * constant). Shapes: {@code op(A)} is {@code r × p}, {@code B} is {@code p × k}, {@code C} is {@code r × k}.
     * Rules: {@code B̄ += op(A)ᵀ C̄}; {@code Ā += C̄ Bᵀ} (or {@code B C̄ᵀ} when transposed);
     * {@code Ċ = op(Ȧ) B + op(A) Ḃ}; tangent-adjoints by the product rule on both.
     */
    static final class MatMul extends Node {
        final boolean transA;
        final int r;
        final int p;
        final int k;

        MatMul(int id, Node a, Node b, boolean transA) {
            super(transA ? "transposeMatmul" : "matmul", id, transA ? a.cols : a.rows, b.cols,
                    new int[] {a.id, b.id}, a.deps | b.deps);
            this.transA = transA;
            this.r = transA ? a.cols : a.rows;
            this.p = b.rows;
            this.k = b.cols;
        }

        /** {@code c (+)= op(A) b}. */
        private void product(double[] a, double[] b, double[] c, boolean accumulate) {
            if (!transA) {
                Kernels.nn(a, r, p, b, k, c, accumulate);
            } else {
                if (!accumulate) {
                    java.util.Arrays.fill(c, 0.0);
                }
                Kernels.tn(a, p, r, b, k, c);
            }
        }

        /** {@code bb += op(A)ᵀ cb}. */
        private void adjointB(double[] a, double[] cb, double[] bb) {
            if (!transA) {
                Kernels.tn(a, r, p, cb, k, bb);
            } else {
                Kernels.nn(a, p, r, cb, k, bb, true);
            }
        }

        /** {@code ab += cb ⊗ b}: {@code cb bᵀ} (r×p) or {@code b cbᵀ} (p×r). */
        private void adjointA(double[] cb, double[] b, double[] ab) {
            if (!transA) {
                Kernels.nt(cb, r, k, b, p, ab);
            } else {
                Kernels.nt(b, p, k, cb, r, ab);
            }
        }

        @Override void forward(Workspace w) {
            product(w.val[in[0]], w.val[in[1]], w.val[id], false);
        }

        @Override void backward(Workspace w) {
            double[] cb = w.adj[id];
            if (w.needAdj[in[1]]) {
                adjointB(w.val[in[0]], cb, w.adj[in[1]]);
            }
            if (w.needAdj[in[0]]) {
                adjointA(cb, w.val[in[1]], w.adj[in[0]]);
            }
        }

        @Override void tangent(Workspace w) {
            boolean first = true;
            double[] cd = w.tan[id];
            if (w.tanOn[in[1]]) {
                product(w.val[in[0]], w.tan[in[1]], cd, false);
                first = false;
            }
            if (w.tanOn[in[0]]) {
                product(w.tan[in[0]], w.val[in[1]], cd, !first);
            }
        }

        @Override void backward2(Workspace w) {
            double[] cb = w.adj[id];
            double[] ct = w.tadj[id];
            if (w.needAdj[in[1]]) {
                double[] a = w.val[in[0]];
                if (!transA && k == 1) {
                    Kernels.tn2(a, r, p, cb, ct, w.adj[in[1]], w.tadj[in[1]]);
                } else {
                    adjointB(a, cb, w.adj[in[1]]);
                    adjointB(a, ct, w.tadj[in[1]]);
                }
                if (w.tanOn[in[0]]) {
                    adjointB(w.tan[in[0]], cb, w.tadj[in[1]]);
                }
            }
            if (w.needAdj[in[0]]) {
                double[] b = w.val[in[1]];
                adjointA(cb, b, w.adj[in[0]]);
                adjointA(ct, b, w.tadj[in[0]]);
                if (w.tanOn[in[1]]) {
                    adjointA(cb, w.tan[in[1]], w.tadj[in[0]]);
                }
            }
        }
    }

    /** {@code z[i, j] = M[i, j] + v[j]}: adds a row vector to every row of a matrix. */
    static final class PlusRow extends Node {
        PlusRow(int id, Node m, Node v) {
            super("plusRow", id, m.rows, m.cols, new int[] {m.id, v.id}, m.deps | v.deps);
        }

        @Override void forward(Workspace w) {
            apply(w.val[in[0]], w.val[in[1]], w.val[id]);
        }

        private void apply(double[] m, double[] v, double[] z) {
            for (int i = 0; i < rows; i++) {
                int o = i * cols;
                for (int j = 0; j < cols; j++) {
                    z[o + j] = m[o + j] + v[j];
                }
            }
        }

        private void adjoint(double[][] buf, Workspace w) {
            double[] zb = buf[id];
            if (w.needAdj[in[0]]) {
                acc(buf[in[0]], 1, zb, 1.0, size);
            }
            if (w.needAdj[in[1]]) {
                double[] vb = buf[in[1]];
                for (int i = 0; i < rows; i++) {
                    int o = i * cols;
                    for (int j = 0; j < cols; j++) {
                        vb[j] += zb[o + j];
                    }
                }
            }
        }

        @Override void backward(Workspace w) {
            adjoint(w.adj, w);
        }

        @Override void tangent(Workspace w) {
            apply(w.tan[in[0]], w.tan[in[1]], w.tan[id]);
        }

        @Override void backward2(Workspace w) {
            adjoint(w.adj, w);
            adjoint(w.tadj, w);
        }
    }

    // ---------------------------------------------------------------- structure

    /** {@code z = a[from .. from + size)} of the row-major data, as a column vector. */
    static final class Slice extends Node {
        final int from;

        Slice(int id, Node a, int from, int to) {
            super("slice[" + from + ", " + to + ")", id, to - from, 1, new int[] {a.id}, a.deps);
            this.from = from;
        }

        @Override void forward(Workspace w) {
            System.arraycopy(w.val[in[0]], from, w.val[id], 0, size);
        }

        private void adjoint(double[][] buf) {
            double[] ab = buf[in[0]];
            double[] zb = buf[id];
            for (int i = 0; i < size; i++) {
                ab[from + i] += zb[i];
            }
        }

        @Override void backward(Workspace w) {
            if (w.needAdj[in[0]]) {
                adjoint(w.adj);
            }
        }

        @Override void tangent(Workspace w) {
            System.arraycopy(w.tan[in[0]], from, w.tan[id], 0, size);
        }

        @Override void backward2(Workspace w) {
            if (w.needAdj[in[0]]) {
                adjoint(w.adj);
                adjoint(w.tadj);
            }
        }
    }

    /** {@code z = [a_1; a_2; …]}, the row-major data of the parts laid end to end, as a column vector. */
    static final class Concat extends Node {
        final int[] offsets;

        Concat(int id, Node[] parts, int total, long deps) {
            super("concat", id, total, 1, ids(parts), deps);
            offsets = new int[parts.length + 1];
            for (int k = 0; k < parts.length; k++) {
                offsets[k + 1] = offsets[k] + parts[k].size;
            }
        }

        private void gather(double[][] buf) {
            for (int k = 0; k < in.length; k++) {
                System.arraycopy(buf[in[k]], 0, buf[id], offsets[k], offsets[k + 1] - offsets[k]);
            }
        }

        private void scatter(double[][] buf, Workspace w) {
            double[] zb = buf[id];
            for (int k = 0; k < in.length; k++) {
                if (!w.needAdj[in[k]]) {
                    continue;
                }
                double[] ab = buf[in[k]];
                int o = offsets[k];
                for (int i = 0; i < ab.length; i++) {
                    ab[i] += zb[o + i];
                }
            }
        }

        @Override void forward(Workspace w) {
            gather(w.val);
        }

        @Override void backward(Workspace w) {
            scatter(w.adj, w);
        }

        @Override void tangent(Workspace w) {
            gather(w.tan);
        }

        @Override void backward2(Workspace w) {
            scatter(w.adj, w);
            scatter(w.tadj, w);
        }
    }
}
