package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.monitor.Checkpoint;

/**
 * Truncated Newton (line-search Newton–CG), Nocedal and Wright, <em>Numerical Optimization</em>, 2nd ed.,
 * Algorithm 7.1 (after R. S. Dembo, T. Steihaug, "Truncated-Newton algorithms for large-scale unconstrained
 * optimization", Mathematical Programming 26, 1983). The direction {@code d_k} approximately solves
 * {@code ∇²J(x_k) d = −∇J(x_k)} by conjugate gradient on Hessian-vector products, started at {@code z_0 = 0},
 * and stopped
 * <ul>
 * <li>when the residual is small: {@code ‖∇²J z_j + ∇J‖ ≤ ε_k}, with the forcing tolerance
 *     {@code ε_k = min(0.5, √‖∇J(x_k)‖) ‖∇J(x_k)‖} (superlinear convergence);</li>
 * <li>on negative (or zero) curvature {@code p_jᵀ ∇²J p_j ≤ 0}: return {@code z_j}, or {@code −∇J} when this
 *     happens at the first inner iteration;</li>
 * <li>after the inner budget ({@code 2d} iterations unless set), returning the last {@code z_j}.</li>
 * </ul>
 * then {@code x_{k+1} = x_k + t_k d_k} with the step rule. The inner loop is written here rather than taken
 * from {@code core.linalg}: a linear solver must not stop on negative curvature, this loop must.
 *
 * <p>When to use: large smooth problems with cheap Hessian-vector products (automatic differentiation), where
 * the dense {@link Newton} is too costly; non-convex problems (negative curvature is detected, never used to
 * go uphill).
 *
 * <p>Requires {@link DifferentiableFunction#hasHessianVector()} (see {@link Newton} for wrapping).
 *
 * <p>Defaults: inner budget {@code 2d}, step rule Armijo backtracking starting at the unit step in every search
 * ({@code c = 1e-4}, shrink 0.5, no step above 1).
 *
 * <pre>{@code
 * OptimizationResult r = NewtonCG.defaults().minimize(f, x0);
 * }</pre>
 */
public final class NewtonCG extends DescentMethod<NewtonCG.Work> {

    private final int maxInnerIterations;

    private NewtonCG(Builder b) {
        super(b.stepRule);
        this.maxInnerIterations = b.maxInnerIterations;
    }

    /** @return Newton-CG with every default. */
    public static NewtonCG defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the inner budget, or 0 for the default {@code 2d}. */
    public int maxInnerIterations() {
        return maxInnerIterations;
    }

    @Override
    protected Work newMemory(DifferentiableFunction f, int d) {
        Newton.requireHessianVector(f);
        return new Work(d);
    }

    @Override
    protected void direction(DifferentiableFunction f, State<Work> s, double[] direction) {
        Work w = s.memory();
        double[] x = s.point();
        double[] g = s.gradient();
        int n = g.length;
        double gNorm = Vectors.norm2(g);
        double tolerance = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
        int budget = maxInnerIterations > 0 ? maxInnerIterations : 2 * n;
        double[] z = direction;
        double[] r = w.r;
        double[] p = w.p;
        double[] hp = w.hp;
        Vectors.zero(z);
        System.arraycopy(g, 0, r, 0, n);          // r = ∇²J z + ∇J with z = 0
        for (int i = 0; i < n; i++) {
            p[i] = -r[i];
        }
        double rr = gNorm * gNorm;
        int j = 0;
        w.negativeCurvature = false;
        for (; j < budget; j++) {
            f.hessianVector(x, p, hp);
            s.countSecondOrder(1);
            double curvature = Vectors.dot(p, hp);
            if (!(curvature > 0)) {
                w.negativeCurvature = true;
                if (j == 0) {
                    for (int i = 0; i < n; i++) {
                        z[i] = -g[i];
                    }
                }
                break;
            }
            double alpha = rr / curvature;
            Vectors.axpy(alpha, p, z);
            Vectors.axpy(alpha, hp, r);
            double rrNext = Vectors.normSquared(r);
            if (Math.sqrt(rrNext) <= tolerance) {
                j++;
                break;
            }
            double beta = rrNext / rr;
            rr = rrNext;
            for (int i = 0; i < n; i++) {
                p[i] = -r[i] + beta * p[i];
            }
        }
        w.lastInnerIterations = j;
        w.innerIterations += j;
    }

    /** Saves the inner-loop statistics (the CG buffers are scratch, rebuilt by every direction). */
    @Override
    protected void writeMemory(Work w, Checkpoint.Builder out) {
        out.put("newtonCG.lastInner", w.lastInnerIterations).put("newtonCG.inner", w.innerIterations)
                .put("newtonCG.negativeCurvature", w.negativeCurvature ? 1 : 0);
    }

    @Override
    protected void readMemory(Checkpoint in, Work w) {
        w.lastInnerIterations = (int) in.longValue("newtonCG.lastInner");
        w.innerIterations = in.longValue("newtonCG.inner");
        w.negativeCurvature = in.longValue("newtonCG.negativeCurvature") != 0;
    }

    @Override
    public String describe() {
        return "NewtonCG{maxInner=" + (maxInnerIterations > 0 ? maxInnerIterations : "2d") + ", " + stepRule() + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Per-run buffers of the inner CG loop and its counters. */
    public static final class Work {
        private final double[] r;
        private final double[] p;
        private final double[] hp;
        private int lastInnerIterations;
        private long innerIterations;
        private boolean negativeCurvature;

        Work(int n) {
            r = new double[n];
            p = new double[n];
            hp = new double[n];
        }

        /** @return the inner CG iterations of the last outer iteration. */
        public int lastInnerIterations() { return lastInnerIterations; }
        /** @return the inner CG iterations of the whole run. */
        public long innerIterations() { return innerIterations; }
        /** @return whether the last inner loop stopped on non-positive curvature. */
        public boolean lastStoppedOnNegativeCurvature() { return negativeCurvature; }
    }

    /** Validated builder. */
    public static final class Builder {
        private int maxInnerIterations;
        private StepRule stepRule = Newton.unitStepArmijo();

        private Builder() {
        }

        /** Inner CG budget per outer iteration, at least 1 (default {@code 2d}). */
        public Builder maxInnerIterations(int n) {
            this.maxInnerIterations = Functions.requireAtLeast("maxInnerIterations", n, 1);
            return this;
        }

        /** The step rule (default: Armijo from the unit step). */
        public Builder stepRule(StepRule rule) {
            this.stepRule = Functions.requireNonNull("stepRule", rule);
            return this;
        }

        public NewtonCG build() {
            return new NewtonCG(this);
        }
    }
}
