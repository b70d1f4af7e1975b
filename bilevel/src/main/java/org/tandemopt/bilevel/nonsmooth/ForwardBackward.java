package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * Forward-backward splitting (proximal gradient) on {@code g(x, y) = h(x, y) + r(x, y)} as a differentiable
 * inner map, in two forms:
 * <pre>
 *   ISTA:   y⁺ = P(x, y − η∇_y h(x, y), η)                               state s = y
 *   FISTA:  y⁺ = P(x, z − η∇_y h(x, z), η),  τ⁺ = (1 + √(1 + 4τ²))/2,
 *           z⁺ = y⁺ + ((τ − 1)/τ⁺)(y⁺ − y)                              state s = (y, z, τ), τ_0 = 1
 * </pre>
 * with {@code P = prox_{η r(x,·)}} a {@link ParametricProx}. The Jacobians are the <em>selected</em> elements
 * of the conservative Jacobians (chain rule on the selections of {@code P}): for ISTA
 * {@code A = J_v (I − ηH_yy)} and {@code B = −η J_v H_yx + J_x}; FISTA composes the same with the momentum
 * (the counter {@code τ} is not differentiated: its derivative is exactly 0). Differentiated by the piggyback
 * recursion {@code J_{k+1} = A_k J_k + B_k} ({@code ForwardDifferentiation}) or in reverse mode
 * ({@code UnrolledDifferentiation}), these derivatives converge, when the selected {@code A} contracts near
 * the solution (e.g. {@code H_SS ≻ 0} on the support and {@code η < 2/L}), to a conservative Jacobian of
 * {@code y*(x)} at the linear rate of the iterates: Bolte, Pauwels, Vaiter, "Automatic differentiation of
 * nonsmooth iterative algorithms", NeurIPS 2022, Thm. 2 and §4 (forward-backward). Iterates: Beck and
 * Teboulle, "A fast iterative shrinkage-thresholding algorithm", SIAM J. Imaging Sci. 2009.
 *
 * <p>For FISTA the momentum {@code → 1}, so the derivative recursion is not a contraction uniformly in
 * {@code k}: the iterates converge but the piggyback derivatives converge more slowly and may oscillate
 * (NeurIPS 2022, §4.2); prefer ISTA for differentiation.
 *
 * <p>The step is {@code η} fixed or {@code η = c/L̂} (default {@code c = 1}) with {@code L̂} a power-iteration
 * estimate of {@code λ_max(∇²_yy h)} at the start of each run, held constant and not differentiated. The
 * stationarity reported is the norm of the gradient mapping {@code ‖y − P(x, y − η∇_y h, η)‖/η}, zero exactly
 * at a minimiser of {@code g}. Each step costs one gradient of {@code h}; each {@code jvp}/{@code vjp} one
 * gradient (to recompute the forward point {@code u} whose position selects the prox's Jacobian), one
 * {@code H_yy} product, one mixed product and the prox's selected Jacobians.
 */
public final class ForwardBackward implements InnerAlgorithm {

    private final ParametricProx prox;
    private final double step;
    private final double factor;
    private final boolean accelerated;

    private ForwardBackward(ParametricProx prox, double step, double factor, boolean accelerated) {
        this.prox = Functions.requireNonNull("prox", prox);
        this.step = step;
        this.factor = factor;
        this.accelerated = accelerated;
    }

    /** @return ISTA with {@code η = 1/L̂}. */
    public static ForwardBackward ista(ParametricProx prox) {
        return new ForwardBackward(prox, Double.NaN, 1.0, false);
    }

    /** @return ISTA with the fixed step {@code η > 0}. */
    public static ForwardBackward ista(ParametricProx prox, double step) {
        return new ForwardBackward(prox, Functions.requirePositive("step", step), Double.NaN, false);
    }

    /** @return FISTA with {@code η = 1/L̂}. */
    public static ForwardBackward fista(ParametricProx prox) {
        return new ForwardBackward(prox, Double.NaN, 1.0, true);
    }

    /** @return FISTA with the fixed step {@code η > 0}. */
    public static ForwardBackward fista(ParametricProx prox, double step) {
        return new ForwardBackward(prox, Functions.requirePositive("step", step), Double.NaN, true);
    }

    /** @return a copy with {@code η = c/L̂}, {@code 0 < c < 2} ({@code c ≤ 1} for FISTA). */
    public ForwardBackward withLipschitzFactor(double c) {
        return new ForwardBackward(prox, Double.NaN, Functions.requireOpenRange("c", c, 0, 2), accelerated);
    }

    /** @return the proximal operator. */
    public ParametricProx prox() {
        return prox;
    }

    /** @return whether this is FISTA. */
    public boolean accelerated() {
        return accelerated;
    }

    @Override
    public InnerMap bind(ParametricFunction lower) {
        return new Map(lower);
    }

    @Override
    public String describe() {
        return (accelerated ? "FISTA" : "ISTA") + "{" + prox + ", step="
                + (Double.isNaN(step) ? factor + "/L" : step) + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The map; {@link #stepSize()} exposes the step of the current run. */
    final class Map extends ProxMap {
        private final double[] grad;
        private final double[] u;
        private final double[] hv;
        private final double[] mix;
        private final double[] w;
        private final double[] w2;
        private double eta = step;

        Map(ParametricFunction h) {
            super(h, ForwardBackward.this.prox);
            grad = new double[m];
            u = new double[m];
            hv = new double[m];
            mix = new double[n];
            w = new double[m];
            w2 = new double[m];
        }

        double stepSize() {
            return eta;
        }

        @Override
        public int stateSize() {
            return accelerated ? 2 * m + 1 : m;
        }

        @Override
        public void initialState(double[] y0, double[] out) {
            System.arraycopy(y0, 0, out, 0, m);
            if (accelerated) {
                System.arraycopy(y0, 0, out, m, m);
                out[2 * m] = 1.0;
            }
        }

        @Override
        public void prepare(double[] x, double[] state) {
            if (Double.isNaN(step)) {
                double l = Lipschitz.estimate(h, x, state, u, hv);
                eta = l > 0 && Double.isFinite(l) ? factor / l : Double.NaN;
            }
        }

        /** u ← z − η∇h(z) with z the point the step evaluates at (offset 0 or m). */
        private void forward(double[] x, double[] s, int off) {
            if (off == 0) {
                h.gradientY(x, s, grad);
            } else {
                System.arraycopy(s, off, w2, 0, m);
                h.gradientY(x, w2, grad);
            }
            gradients++;
            for (int i = 0; i < m; i++) {
                u[i] = s[off + i] - eta * grad[i];
            }
        }

        @Override
        public double step(double[] x, double[] s, double[] out) {
            if (!accelerated) {
                forward(x, s, 0);
                prox.prox(x, u, eta, out);
                double r = 0;
                for (int i = 0; i < m; i++) {
                    double d = s[i] - out[i];
                    r += d * d;
                }
                return measure(r, eta);
            }
            forward(x, s, m);
            prox.prox(x, u, eta, out);
            double tau = s[2 * m];
            double tauNext = 0.5 * (1 + Math.sqrt(1 + 4 * tau * tau));
            double beta = (tau - 1) / tauNext;
            for (int i = 0; i < m; i++) {
                out[m + i] = out[i] + beta * (out[i] - s[i]);
            }
            out[2 * m] = tauNext;
            return Double.NaN;
        }

        @Override
        public double stationarity(double[] x, double[] s) {
            forward(x, s, 0);
            prox.prox(x, u, eta, w);
            double r = 0;
            for (int i = 0; i < m; i++) {
                double d = s[i] - w[i];
                r += d * d;
            }
            return measure(r, eta);
        }

        @Override
        public void jvp(double[] x, double[] s, double[] du, double[] dx, double[] out) {
            int off = accelerated ? m : 0;
            forward(x, s, off);                 // u at this state (for the prox's selection): one gradient
            double[] z = off == 0 ? s : w2;     // forward() left z in w2 when off = m
            System.arraycopy(du, off, w, 0, m);
            h.hessianYY(x, z, w, hv);
            hvps++;
            for (int i = 0; i < m; i++) {
                w[i] -= eta * hv[i];
            }
            if (dx != null) {
                h.cross(x, z, dx, hv);
                mixed++;
                for (int i = 0; i < m; i++) {
                    w[i] -= eta * hv[i];
                }
            }
            prox.jacobianVector(x, u, eta, w, w);
            if (dx != null) {
                prox.parameterJacobianVector(x, u, eta, dx, w);
            }
            System.arraycopy(w, 0, out, 0, m);
            if (accelerated) {
                double tau = s[2 * m];
                double beta = (tau - 1) / (0.5 * (1 + Math.sqrt(1 + 4 * tau * tau)));
                for (int i = 0; i < m; i++) {
                    out[m + i] = (1 + beta) * w[i] - beta * du[i];
                }
                out[2 * m] = 0;
            }
        }

        @Override
        public void vjp(double[] x, double[] s, double[] a, double[] out, double[] xAcc) {
            int off = accelerated ? m : 0;
            forward(x, s, off);
            double[] z = off == 0 ? s : w2;
            double beta = 0;
            if (accelerated) {
                double tau = s[2 * m];
                beta = (tau - 1) / (0.5 * (1 + Math.sqrt(1 + 4 * tau * tau)));
                for (int i = 0; i < m; i++) {
                    w[i] = a[i] + (1 + beta) * a[m + i];
                }
            } else {
                System.arraycopy(a, 0, w, 0, m);
            }
            prox.parameterJacobianTranspose(x, u, eta, w, xAcc);
            prox.jacobianVector(x, u, eta, w, w);          // adjoint of u (J_v symmetric)
            h.hessianYY(x, z, w, hv);
            h.crossTranspose(x, z, w, mix);
            hvps++;
            mixed++;
            for (int j = 0; j < n; j++) {
                xAcc[j] -= eta * mix[j];
            }
            if (accelerated) {
                for (int i = 0; i < m; i++) {
                    out[i] = -beta * a[m + i];
                    out[m + i] = w[i] - eta * hv[i];
                }
                out[2 * m] = 0;
            } else {
                for (int i = 0; i < m; i++) {
                    out[i] = w[i] - eta * hv[i];
                }
            }
        }
    }
}
