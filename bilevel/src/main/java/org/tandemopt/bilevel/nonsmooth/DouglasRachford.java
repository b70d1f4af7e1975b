package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * Douglas–Rachford splitting of {@code min_y h(y) + r(x, y)} with a least-squares smooth part
 * {@code h = (c/2)‖Ay − b‖²} ({@link LeastSquaresLoss}), as a differentiable inner map on the state
 * {@code s = (w, z)} ({@code S = 2m}, {@code w} first so that the state starts with the sparse iterate):
 * <pre>
 *   y = prox_{γh}(z) = (I + γcAᵀA)⁻¹ (z + γcAᵀb),   w⁺ = P(x, 2y − z, γ),   z⁺ = z + w⁺ − y,
 * </pre>
 * {@code P = prox_{γ r(x,·)}}; at the fixed point {@code w* = y*} solves the problem for every {@code γ > 0}
 * (Lions and Mercier, SIAM J. Numer. Anal. 1979; Eckstein and Bertsekas, Math. Program. 1992). The Jacobians
 * are the chain rule on the prox's selected elements ({@code J_v} at {@code v = 2y − z}, {@code J_x}); the
 * step's output does not depend on the incoming {@code w}. Piggyback derivatives of this map converge to a
 * conservative Jacobian of the solution under the contraction of the selected Jacobians (Bolte, Pauwels,
 * Vaiter, "Automatic differentiation of nonsmooth iterative algorithms", NeurIPS 2022, §4).
 *
 * <p>{@code I + γcAᵀA} is formed and Cholesky-factored once per map ({@code O(m³)}); each step then costs
 * one {@code A}-free triangular solve pair. Stationarity is the forward-backward gradient mapping at {@code w}
 * with step {@code γ}. When to use: moderate {@code m} with an ill-conditioned {@code A}, where DR's
 * conditioning-free linear rate beats forward-backward.
 */
public final class DouglasRachford implements InnerAlgorithm {

    private final ParametricProx prox;
    private final double gamma;

    private DouglasRachford(ParametricProx prox, double gamma) {
        this.prox = Functions.requireNonNull("prox", prox);
        this.gamma = Functions.requirePositive("gamma", gamma);
    }

    /**
     * @param prox  the prox of {@code r}
     * @param gamma the step {@code γ > 0} (no default: scale it like {@code 1/L})
     */
    public static DouglasRachford of(ParametricProx prox, double gamma) {
        return new DouglasRachford(prox, gamma);
    }

    /**
     * @throws IllegalArgumentException if {@code lower} is not a {@link LeastSquaresLoss}, or the step is so far
     *                                  from the scale of the loss that the factorization of the step fails
     */
    @Override
    public InnerMap bind(ParametricFunction lower) {
        return new Map(LeastSquaresAdapter.require(lower));
    }

    @Override
    public String describe() {
        return "DouglasRachford{" + prox + ", gamma=" + gamma + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Map extends ProxMap {
        private final double[][] factor;
        private final double[] shift;
        private final double[] y;
        private final double[] v;
        private final double[] t1;
        private final double[] t2;

        Map(LeastSquaresLoss h) {
            super(h, DouglasRachford.this.prox);
            factor = SmallDense.gram(h.matrix(), gamma * h.scale(), 1.0);
            if (!SmallDense.cholesky(factor)) {
                // positive definite in exact arithmetic: a failure means γ·c·AᵀA overflowed or swamped I
                throw new IllegalArgumentException("gamma = " + gamma + " with the loss scale c = " + h.scale()
                        + ": the Cholesky factorization of I + γcAᵀA failed, expected γ·c·‖A‖² well inside the "
                        + "double range (γ of the order of 1/L)");
            }
            shift = new double[m];
            double[] zeroY = new double[m];
            h.gradientY(new double[n], zeroY, shift);     // ∇h(0) = −cAᵀb
            for (int i = 0; i < m; i++) {
                shift[i] *= -gamma;                       // γcAᵀb
            }
            y = new double[m];
            v = new double[m];
            t1 = new double[m];
            t2 = new double[m];
        }

        @Override public int stateSize() { return 2 * m; }

        @Override
        public void initialState(double[] y0, double[] out) {
            System.arraycopy(y0, 0, out, 0, m);
            System.arraycopy(y0, 0, out, m, m);
        }

        /** y = prox_{γh}(z), v = 2y − z. */
        private void forward(double[] s) {
            for (int i = 0; i < m; i++) {
                t1[i] = s[m + i] + shift[i];
            }
            SmallDense.choleskySolve(factor, t1, y);
            for (int i = 0; i < m; i++) {
                v[i] = 2 * y[i] - s[m + i];
            }
        }

        @Override
        public double step(double[] x, double[] s, double[] out) {
            forward(s);
            gradients++;
            prox.prox(x, v, gamma, out);
            for (int i = 0; i < m; i++) {
                out[m + i] = s[m + i] + out[i] - y[i];
            }
            return Double.NaN;
        }

        @Override
        public double stationarity(double[] x, double[] s) {
            h.gradientY(x, s, t1);
            gradients++;
            for (int i = 0; i < m; i++) {
                t1[i] = s[i] - gamma * t1[i];
            }
            prox.prox(x, t1, gamma, t2);
            double r = 0;
            for (int i = 0; i < m; i++) {
                r += (s[i] - t2[i]) * (s[i] - t2[i]);
            }
            return measure(r, gamma);
        }

        @Override
        public void jvp(double[] x, double[] s, double[] du, double[] dx, double[] out) {
            forward(s);
            for (int i = 0; i < m; i++) {
                t1[i] = du[m + i];
            }
            SmallDense.choleskySolve(factor, t1, t2);            // dy = Q dz
            for (int i = 0; i < m; i++) {
                t1[i] = 2 * t2[i] - du[m + i];                   // dv
            }
            prox.jacobianVector(x, v, gamma, t1, t1);
            if (dx != null) {
                prox.parameterJacobianVector(x, v, gamma, dx, t1);
            }
            for (int i = 0; i < m; i++) {
                out[i] = t1[i];
                out[m + i] = du[m + i] + t1[i] - t2[i];
            }
        }

        @Override
        public void vjp(double[] x, double[] s, double[] a, double[] out, double[] xAcc) {
            forward(s);
            for (int i = 0; i < m; i++) {
                t1[i] = a[i] + a[m + i];                         // adjoint of w⁺
            }
            prox.parameterJacobianTranspose(x, v, gamma, t1, xAcc);
            prox.jacobianVector(x, v, gamma, t1, t1);            // adjoint of v
            for (int i = 0; i < m; i++) {
                t2[i] = 2 * t1[i] - a[m + i];                    // adjoint of y
            }
            SmallDense.choleskySolve(factor, t2, t2);
            for (int i = 0; i < m; i++) {
                out[i] = 0;
                out[m + i] = a[m + i] - t1[i] + t2[i];
            }
        }
    }
}
