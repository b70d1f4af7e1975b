package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.linesearch.StrongWolfe;
import org.tandemopt.core.monitor.Checkpoint;

/**
 * Limited-memory BFGS, J. Nocedal, "Updating quasi-Newton matrices with limited storage", Mathematics of
 * Computation 35, 1980, and D. C. Liu, J. Nocedal, "On the limited memory BFGS method for large scale
 * optimization", Mathematical Programming 45, 1989. The direction is {@code d_k = −H_k ∇J(x_k)}, where
 * {@code H_k} is the BFGS inverse-Hessian approximation built from the last {@code m} pairs
 * {@code s_i = x_{i+1} − x_i}, {@code y_i = ∇J(x_{i+1}) − ∇J(x_i)}, applied by the two-loop recursion
 * (Nocedal and Wright, <em>Numerical Optimization</em>, 2nd ed., Algorithm 7.4):
 * <pre>
 *   q ← ∇J;  for i = newest..oldest:  α_i = ρ_i s_iᵀq,  q ← q − α_i y_i          (ρ_i = 1 / y_iᵀs_i)
 *   r ← γ q, γ = sᵀy / yᵀy of the newest pair;  for i = oldest..newest:  r ← r + s_i (α_i − ρ_i y_iᵀr)
 *   d = −r
 * </pre>
 * A pair is kept only if {@code sᵀy > ε ‖s‖ ‖y‖} (otherwise the update would lose positive definiteness);
 * the curvature condition of {@link StrongWolfe} guarantees {@code sᵀy > 0} on smooth functions. Before the
 * first pair the direction is {@code −∇J / max(1, ‖∇J‖)}, so the first trial step has length at most 1.
 *
 * <p>When to use: the default choice for smooth unconstrained problems of any size when only gradients are
 * available: superlinear in practice, {@code O(m d)} memory and work per iteration.
 *
 * <p>Defaults: memory {@code m = 10}, {@code ε = 1e-8}, step rule {@link StrongWolfe#defaults()}
 * ({@code c₁ = 1e-4, c₂ = 0.9}).
 *
 * <pre>{@code
 * OptimizationResult r = LBFGS.defaults().minimize(f, x0);
 * }</pre>
 */
public final class LBFGS extends DescentMethod<LBFGS.Memory> {

    private final int memorySize;
    private final double curvatureEpsilon;

    private LBFGS(Builder b) {
        super(b.stepRule);
        this.memorySize = b.memory;
        this.curvatureEpsilon = b.curvatureEpsilon;
    }

    /** @return L-BFGS with every default. */
    public static LBFGS defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number {@code m} of stored pairs. */
    public int memorySize() { return memorySize; }
    /** @return the pair-skipping threshold {@code ε}. */
    public double curvatureEpsilon() { return curvatureEpsilon; }

    @Override
    protected Memory newMemory(DifferentiableFunction f, int d) {
        return new Memory(memorySize, d);
    }

    @Override
    protected void direction(DifferentiableFunction f, State<Memory> s, double[] direction) {
        Memory m = s.memory();
        double[] g = s.gradient();
        int n = g.length;
        if (m.count == 0) {
            double scale = 1 / Math.max(1, Vectors.norm2(g));
            for (int i = 0; i < n; i++) {
                direction[i] = -scale * g[i];
            }
            return;
        }
        double[] q = direction;
        System.arraycopy(g, 0, q, 0, n);
        int cap = m.s.length;
        for (int k = 0; k < m.count; k++) {
            int i = Math.floorMod(m.newest - k, cap);
            double a = m.rho[i] * Vectors.dot(m.s[i], q);
            m.alpha[i] = a;
            Vectors.axpy(-a, m.y[i], q);
        }
        Vectors.scale(m.gamma, q);
        for (int k = m.count - 1; k >= 0; k--) {
            int i = Math.floorMod(m.newest - k, cap);
            double b = m.rho[i] * Vectors.dot(m.y[i], q);
            Vectors.axpy(m.alpha[i] - b, m.s[i], q);
        }
        for (int i = 0; i < n; i++) {
            q[i] = -q[i];
        }
    }

    @Override
    protected void afterStep(State<Memory> s, double[] step, double[] gradientChange) {
        Memory m = s.memory();
        double sy = Vectors.dot(step, gradientChange);
        double yy = Vectors.normSquared(gradientChange);
        double ss = Vectors.normSquared(step);
        if (!(sy > curvatureEpsilon * Math.sqrt(ss * yy)) || !Double.isFinite(sy) || !(yy > 0)) {
            m.skipped++;
            return;
        }
        int cap = m.s.length;
        m.newest = (m.newest + 1) % cap;
        System.arraycopy(step, 0, m.s[m.newest], 0, step.length);
        System.arraycopy(gradientChange, 0, m.y[m.newest], 0, step.length);
        m.rho[m.newest] = 1 / sy;
        m.gamma = sy / yy;
        m.count = Math.min(m.count + 1, cap);
    }

    /** Saves the pairs (ring buffer as stored, flattened row by row), {@code ρ}, {@code γ} and the counters. */
    @Override
    protected void writeMemory(Memory m, Checkpoint.Builder out) {
        int cap = m.s.length;
        int n = cap == 0 ? 0 : m.s[0].length;
        double[] s = new double[cap * n];
        double[] y = new double[cap * n];
        for (int i = 0; i < cap; i++) {
            System.arraycopy(m.s[i], 0, s, i * n, n);
            System.arraycopy(m.y[i], 0, y, i * n, n);
        }
        out.put("lbfgs.s", s).put("lbfgs.y", y).put("lbfgs.rho", m.rho).put("lbfgs.count", m.count)
                .put("lbfgs.newest", m.newest).putDouble("lbfgs.gamma", m.gamma).put("lbfgs.skipped", m.skipped);
    }

    @Override
    protected void readMemory(Checkpoint in, Memory m) {
        int cap = m.s.length;
        int n = m.s[0].length;
        double[] s = new double[cap * n];
        double[] y = new double[cap * n];
        in.doublesInto("lbfgs.s", s);
        in.doublesInto("lbfgs.y", y);
        for (int i = 0; i < cap; i++) {
            System.arraycopy(s, i * n, m.s[i], 0, n);
            System.arraycopy(y, i * n, m.y[i], 0, n);
        }
        in.doublesInto("lbfgs.rho", m.rho);
        long count = in.longValue("lbfgs.count");
        long newest = in.longValue("lbfgs.newest");
        if (count < 0 || count > cap || newest < -1 || newest >= cap || (count > 0) == (newest < 0)) {
            throw new IllegalArgumentException("checkpoint lbfgs.count = " + count + ", lbfgs.newest = " + newest
                    + ", expected 0 <= count <= " + cap + " and -1 <= newest < " + cap + ", newest = -1 iff count = 0");
        }
        m.count = (int) count;
        m.newest = (int) newest;
        m.gamma = in.doubleValue("lbfgs.gamma");
        m.skipped = in.longValue("lbfgs.skipped");
    }

    @Override
    public String describe() {
        return "LBFGS{m=" + memorySize + ", epsilon=" + curvatureEpsilon + ", " + stepRule() + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The stored pairs, as a ring buffer, and the scratch of the two-loop recursion. */
    public static final class Memory {
        private final double[][] s;
        private final double[][] y;
        private final double[] rho;
        private final double[] alpha;
        private int count;
        private int newest = -1;
        private double gamma = 1;
        private long skipped;

        Memory(int m, int n) {
            s = new double[m][n];
            y = new double[m][n];
            rho = new double[m];
            alpha = new double[m];
        }

        /** @return the number of pairs currently stored. */
        public int pairs() { return count; }
        /** @return the number of pairs skipped because {@code sᵀy ≤ ε ‖s‖ ‖y‖}. */
        public long skippedPairs() { return skipped; }
        /** @return the current initial scaling {@code γ = sᵀy / yᵀy}. */
        public double gamma() { return gamma; }
    }

    /** Validated builder. */
    public static final class Builder {
        /** The largest accepted {@link #memory(int)}: a larger ring only exhausts the heap at the start of a run. */
        public static final int MAX_MEMORY = 10_000;

        private int memory = 10;
        private double curvatureEpsilon = 1e-8;
        private StepRule stepRule = StrongWolfe.defaults();

        private Builder() {
        }

        /**
         * Number of stored pairs {@code 1 ≤ m ≤ 10 000} (default 10). The pairs are allocated at the start of a run
         * ({@code 2 m d} doubles); beyond a few dozen they rarely help.
         */
        public Builder memory(int m) {
            if (m < 1 || m > MAX_MEMORY) {
                throw new IllegalArgumentException("memory = " + m + ", expected a number of pairs in [1, " + MAX_MEMORY
                        + "]");
            }
            this.memory = m;
            return this;
        }

        /** Pair-skipping threshold {@code ε ≥ 0} (default 1e-8). */
        public Builder curvatureEpsilon(double eps) {
            this.curvatureEpsilon = Functions.requireNonNegative("curvatureEpsilon", eps);
            return this;
        }

        /** The step rule (default {@link StrongWolfe#defaults()}). */
        public Builder stepRule(StepRule rule) {
            this.stepRule = Functions.requireNonNull("stepRule", rule);
            return this;
        }

        public LBFGS build() {
            return new LBFGS(this);
        }
    }
}
