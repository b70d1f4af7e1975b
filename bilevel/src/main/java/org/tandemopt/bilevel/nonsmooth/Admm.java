package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * The alternating direction method of multipliers on {@code min h(y) + r(x, w)} subject to {@code y = w},
 * {@code h = (c/2)‖Ay − b‖²} ({@link LeastSquaresLoss}), in scaled form, as a differentiable inner map on the
 * state {@code s = (w, u)} ({@code S = 2m}, the sparse iterate {@code w} first):
 * <pre>
 *   y⁺ = (cAᵀA + ρI)⁻¹ (cAᵀb + ρ(w − u)),   w⁺ = P(x, y⁺ + u, 1/ρ),   u⁺ = u + y⁺ − w⁺,
 * </pre>
 * {@code P = prox_{r(x,·)/ρ}} (Gabay and Mercier 1976; Boyd, Parikh, Chu, Peleato, Eckstein, "Distributed
 * optimization and statistical learning via ADMM", Found. Trends Mach. Learn. 2011, §6.4 for the Lasso). At
 * the fixed point {@code w* = y*} for every {@code ρ > 0}. The Jacobians are the chain rule on the prox's
 * selected elements at {@code v = y⁺ + u}; piggyback derivatives converge to a conservative Jacobian of the
 * solution under contraction (Bolte, Pauwels, Vaiter, NeurIPS 2022, §4: ADMM is Douglas–Rachford on the dual).
 *
 * <p>{@code cAᵀA + ρI} is Cholesky-factored once per map; each step costs one triangular solve pair.
 * Stationarity: the forward-backward gradient mapping at {@code w} with step {@code 1/ρ}.
 */
public final class Admm implements InnerAlgorithm {

    private final ParametricProx prox;
    private final double rho;

    private Admm(ParametricProx prox, double rho) {
        this.prox = Functions.requireNonNull("prox", prox);
        this.rho = Functions.requirePositive("rho", rho);
    }

    /**
     * @param prox the prox of {@code r}
     * @param rho  the penalty {@code ρ > 0} (no default: scale it like {@code L})
     */
    public static Admm of(ParametricProx prox, double rho) {
        return new Admm(prox, rho);
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
        return "Admm{" + prox + ", rho=" + rho + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Map extends ProxMap {
        private final double[][] factor;
        private final double[] atb;
        private final double[] y;
        private final double[] v;
        private final double[] t1;
        private final double[] t2;

        Map(LeastSquaresLoss h) {
            super(h, Admm.this.prox);
            factor = SmallDense.gram(h.matrix(), h.scale(), rho);
            if (!SmallDense.cholesky(factor)) {
                // positive definite in exact arithmetic: a failure means c·AᵀA or ρ overflowed, or ρ vanished
                throw new IllegalArgumentException("rho = " + rho + " with the loss scale c = " + h.scale()
                        + ": the Cholesky factorization of cAᵀA + ρI failed, expected ρ and c·‖A‖² well inside the "
                        + "double range (ρ of the order of L)");
            }
            atb = new double[m];
            h.gradientY(new double[n], new double[m], atb);    // −cAᵀb
            for (int i = 0; i < m; i++) {
                atb[i] = -atb[i];
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
            java.util.Arrays.fill(out, m, 2 * m, 0.0);
        }

        /** y = Q(cAᵀb + ρ(w − u)), v = y + u. */
        private void forward(double[] s) {
            for (int i = 0; i < m; i++) {
                t1[i] = atb[i] + rho * (s[i] - s[m + i]);
            }
            SmallDense.choleskySolve(factor, t1, y);
            for (int i = 0; i < m; i++) {
                v[i] = y[i] + s[m + i];
            }
        }

        @Override
        public double step(double[] x, double[] s, double[] out) {
            forward(s);
            gradients++;
            prox.prox(x, v, 1 / rho, out);
            for (int i = 0; i < m; i++) {
                out[m + i] = v[i] - out[i];
            }
            return Double.NaN;
        }

        @Override
        public double stationarity(double[] x, double[] s) {
            double eta = 1 / rho;
            h.gradientY(x, s, t1);
            gradients++;
            for (int i = 0; i < m; i++) {
                t1[i] = s[i] - eta * t1[i];
            }
            prox.prox(x, t1, eta, t2);
            double r = 0;
            for (int i = 0; i < m; i++) {
                r += (s[i] - t2[i]) * (s[i] - t2[i]);
            }
            return measure(r, eta);
        }

        @Override
        public void jvp(double[] x, double[] s, double[] du, double[] dx, double[] out) {
            forward(s);
            for (int i = 0; i < m; i++) {
                t1[i] = rho * (du[i] - du[m + i]);
            }
            SmallDense.choleskySolve(factor, t1, t2);            // dy
            for (int i = 0; i < m; i++) {
                t2[i] += du[m + i];                              // dv
            }
            prox.jacobianVector(x, v, 1 / rho, t2, t1);
            if (dx != null) {
                prox.parameterJacobianVector(x, v, 1 / rho, dx, t1);
            }
            for (int i = 0; i < m; i++) {
                out[i] = t1[i];
                out[m + i] = t2[i] - t1[i];
            }
        }

        @Override
        public void vjp(double[] x, double[] s, double[] a, double[] out, double[] xAcc) {
            forward(s);
            for (int i = 0; i < m; i++) {
                t1[i] = a[i] - a[m + i];                         // adjoint of w⁺ through both outputs
            }
            prox.parameterJacobianTranspose(x, v, 1 / rho, t1, xAcc);
            prox.jacobianVector(x, v, 1 / rho, t1, t1);
            for (int i = 0; i < m; i++) {
                t1[i] += a[m + i];                               // adjoint of v (= adjoint of y)
            }
            SmallDense.choleskySolve(factor, t1, t2);
            for (int i = 0; i < m; i++) {
                double q = rho * t2[i];
                out[i] = q;
                out[m + i] = t1[i] - q;
            }
        }
    }
}
