package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.Functions;

/**
 * Forward-mode (piggyback) differentiation: propagate the Jacobian {@code J_k = ∂s_k/∂x} (an {@code S × n}
 * matrix) along the inner iterations,
 * <pre>
 *   J_0 = 0,   J_{k+1} = A_k J_k + B_k,       ∇̂φ(x) = ∇_x f(x, y_K) + J_Kᵀ ∇_y f(x, y_K)
 * </pre>
 * (only the {@code y} rows of {@code J_K} enter). Gilbert, "Automatic differentiation and iterative
 * processes", Optim. Methods Softw. 1 (1992); Griewank and Walther, <em>Evaluating Derivatives</em>, ch. 15.
 *
 * <p><b>Bias.</b> Identical to {@link UnrolledDifferentiation} (same number, computed the other way
 * round): exact for the {@code K}-step surrogate, error {@code O(K q^K)} as an estimate of {@code ∇φ}. With
 * {@link #withWarmStart(boolean) warm start} the Jacobian is carried across estimates like the inner state
 * (the piggyback iteration of SSMS): the bias then vanishes at the joint fixed point.
 *
 * <p><b>Memory.</b> Two {@code S × n} Jacobians, independent of {@code K}: the method for a small {@code n}
 * (hyperparameters) and long inner runs. Cost: {@code n} Jacobian-vector products per inner step.
 * The Frobenius norm of {@code J_k} is monitored: if its largest value exceeds the blow-up factor (default
 * {@code 1e10}) times {@code ‖J_1‖ = ‖B_0‖}, or is not finite, the estimate is flagged
 * {@link HypergradientStatus#DERIVATIVE_BLOW_UP}.
 */
public final class ForwardDifferentiation implements HypergradientEstimator {

    private final double blowUpFactor;
    private final boolean warmStart;

    private ForwardDifferentiation(double blowUpFactor, boolean warmStart) {
        this.blowUpFactor = blowUpFactor;
        this.warmStart = warmStart;
    }

    /** @return forward mode with the default blow-up factor {@code 1e10}. */
    public static ForwardDifferentiation create() {
        return new ForwardDifferentiation(UnrolledDifferentiation.DEFAULT_BLOW_UP_FACTOR, false);
    }

    /**
     * @return a copy that starts each estimate from the previous estimate's final Jacobian instead of
     *         {@code J_0 = 0} (for warm-started inner states, as in SSMS: the pair {@code (s, J)} then converges
     *         jointly to {@code (s*, (I − A)⁻¹ B)}, so the estimate is unbiased at the fixed point, whereas a
     *         cold {@code J_0 = 0} through {@code N} warm steps keeps the truncation bias {@code ≈ q^N})
     */
    public ForwardDifferentiation withWarmStart(boolean on) {
        return new ForwardDifferentiation(blowUpFactor, on);
    }

    public boolean warmStart() {
        return warmStart;
    }

    /** @return a copy whose growth monitor fires beyond {@code factor > 1}. */
    public ForwardDifferentiation withBlowUpFactor(double factor) {
        Functions.requirePositive("factor", factor);
        if (!(factor > 1)) {
            throw new IllegalArgumentException("factor = " + factor + ", expected a number > 1");
        }
        return new ForwardDifferentiation(factor, warmStart);
    }

    @Override
    public EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner) {
        return new Session(problem, inner);
    }

    @Override
    public String describe() {
        return "ForwardDifferentiation{blowUpFactor=" + blowUpFactor + ", warmStart=" + warmStart + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Session extends EstimatorSession {
        private double[] jac;
        private double[] jacNext;
        private final double[] u;
        private final double[] out;
        private final double[] unit;
        private double[] xRun;
        private double first;
        private double max;

        Session(BilevelProblem problem, InnerAlgorithm inner) {
            super(problem, inner);
            jac = new double[n * size];
            jacNext = new double[n * size];
            u = new double[size];
            out = new double[size];
            unit = new double[n];
        }

        /** The propagated Jacobian {@code ∂s/∂x} (the next run's warm start). */
        @Override
        public double[] memory() {
            return jac.clone();
        }

        @Override
        public void restoreMemory(double[] memory) {
            restoreInto(memory, jac);
        }

        @Override
        void beforeRun(double[] x, double[] start, int maxSteps) {
            xRun = x;
            first = Double.NaN;
            if (!warmStart || !allFinite(jac)) {
                java.util.Arrays.fill(jac, 0.0);
            } else {
                double fro = norm(jac);
                if (fro > 0) {
                    first = fro;
                }
            }
            max = 0;
            peakStates = 1;
        }

        @Override
        void record(int k, double[] s) {
            double fro = 0;
            for (int j = 0; j < n; j++) {
                System.arraycopy(jac, j * size, u, 0, size);
                unit[j] = 1;
                map.jvp(xRun, s, u, unit, out);
                unit[j] = 0;
                System.arraycopy(out, 0, jacNext, j * size, size);
                for (int i = 0; i < size; i++) {
                    fro += out[i] * out[i];
                }
            }
            double[] t = jac;
            jac = jacNext;
            jacNext = t;
            fro = Math.sqrt(fro);
            if (Double.isNaN(first) && fro > 0) {
                first = fro;
            }
            if (!(fro <= max)) {
                max = Double.isNaN(fro) ? Double.POSITIVE_INFINITY : fro;
            }
        }

        @Override
        void differentiate(double[] x, double[] finalState) {
            for (int j = 0; j < n; j++) {
                double s = fx[j];
                int off = j * size;
                for (int i = 0; i < m; i++) {
                    s += jac[off + i] * fy[i];
                }
                grad[j] = s;
            }
            growth = Double.isNaN(first) ? (max > 0 ? Double.POSITIVE_INFINITY : 1.0) : max / first;
            if (steps > 0) {
                checkGrowth(growth, blowUpFactor);
            }
        }
    }
}
