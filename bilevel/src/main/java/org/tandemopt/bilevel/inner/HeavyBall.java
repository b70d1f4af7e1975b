package org.tandemopt.bilevel.inner;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * Polyak's heavy ball on the lower objective as an inner map on the state {@code s = (y, y_prev)}:
 * <pre>
 *   y⁺ = y − α ∇_y g(x, y) + β (y − y_prev),     y_prev⁺ = y,
 *   A = [[(1 + β) I − α H_yy, −β I], [I, 0]],      B = [[−α H_yx], [0]].
 * </pre>
 * B. T. Polyak, "Some methods of speeding up the convergence of iteration methods", USSR Comput. Math. and
 * Math. Phys. 4 (1964). With {@code α = 4/(√L + √μ)²}, {@code β = ((√κ − 1)/(√κ + 1))²} it converges at the
 * accelerated rate on quadratics; on non-quadratic lower levels the products of its Jacobians at varying
 * curvatures may grow even though each has spectral radius below one (REFERENCE-PROBLEMS.md B6), which the
 * estimators' derivative-growth monitor reports. The initial state is {@code (y0, y0)}.
 *
 * <p>Each step costs one gradient; each Jacobian product one {@code H_yy} product and one mixed product.
 */
public final class HeavyBall implements InnerAlgorithm {

    private final double alpha;
    private final double beta;

    private HeavyBall(double alpha, double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * @param alpha the step {@code α > 0}
     * @param beta  the momentum {@code β ∈ [0, 1)}
     */
    public static HeavyBall of(double alpha, double beta) {
        Functions.requirePositive("alpha", alpha);
        Functions.requireFraction("beta", beta);
        return new HeavyBall(alpha, beta);
    }

    /** @return the tuned pair for curvature in {@code [μ, L]}: {@code α = 4/(√L+√μ)²}, {@code β = ((√L−√μ)/(√L+√μ))²}. */
    public static HeavyBall tuned(double mu, double lipschitz) {
        Functions.requirePositive("mu", mu);
        Functions.requirePositive("lipschitz", lipschitz);
        if (mu > lipschitz) {
            throw new IllegalArgumentException("mu = " + mu + " exceeds lipschitz = " + lipschitz);
        }
        double sl = Math.sqrt(lipschitz);
        double sm = Math.sqrt(mu);
        double r = (sl - sm) / (sl + sm);
        return new HeavyBall(4 / ((sl + sm) * (sl + sm)), r * r);
    }

    public double alpha() { return alpha; }
    public double beta() { return beta; }

    @Override
    public InnerMap bind(ParametricFunction lower) {
        return new Map(lower);
    }

    @Override
    public String describe() {
        return "HeavyBall{alpha=" + alpha + ", beta=" + beta + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Map extends AbstractInnerMap {
        private final double[] y;
        private final double[] grad;
        private final double[] hv;
        private final double[] vy;
        private final double[] mix;
        private final double[] mixY;

        Map(ParametricFunction g) {
            super(g);
            y = new double[m];
            grad = new double[m];
            hv = new double[m];
            vy = new double[m];
            mix = new double[n];
            mixY = new double[m];
        }

        @Override public int stateSize() { return 2 * m; }

        @Override
        public void initialState(double[] y0, double[] s) {
            System.arraycopy(y0, 0, s, 0, m);
            System.arraycopy(y0, 0, s, m, m);
        }

        @Override
        public double step(double[] x, double[] s, double[] out) {
            System.arraycopy(s, 0, y, 0, m);
            g.gradientY(x, y, grad);
            gradients++;
            double nrm = 0;
            for (int i = 0; i < m; i++) {
                double gi = grad[i];
                nrm += gi * gi;
                out[i] = s[i] - alpha * gi + beta * (s[i] - s[m + i]);
                out[m + i] = s[i];
            }
            return Math.sqrt(nrm);
        }

        @Override
        public void vjp(double[] x, double[] s, double[] v, double[] out, double[] xAcc) {
            System.arraycopy(s, 0, y, 0, m);
            System.arraycopy(v, 0, vy, 0, m);
            g.hessianYY(x, y, vy, hv);
            g.crossTranspose(x, y, vy, mix);
            hvps++;
            mixed++;
            for (int i = 0; i < m; i++) {
                double v1 = v[i];
                out[i] = (1 + beta) * v1 - alpha * hv[i] + v[m + i];
                out[m + i] = -beta * v1;
            }
            for (int j = 0; j < n; j++) {
                xAcc[j] -= alpha * mix[j];
            }
        }

        @Override
        public void jvp(double[] x, double[] s, double[] u, double[] w, double[] out) {
            System.arraycopy(s, 0, y, 0, m);
            System.arraycopy(u, 0, vy, 0, m);
            g.hessianYY(x, y, vy, hv);
            hvps++;
            for (int i = 0; i < m; i++) {
                out[i] = (1 + beta) * u[i] - alpha * hv[i] - beta * u[m + i];
                out[m + i] = u[i];
            }
            if (w != null) {
                g.cross(x, y, w, mixY);
                mixed++;
                for (int i = 0; i < m; i++) {
                    out[i] -= alpha * mixY[i];
                }
            }
        }
    }
}
