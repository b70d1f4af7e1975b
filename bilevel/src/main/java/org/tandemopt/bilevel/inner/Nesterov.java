package org.tandemopt.bilevel.inner;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * Nesterov's accelerated gradient with constant momentum as an inner map on {@code s = (y, y_prev)}:
 * <pre>
 *   z = y + β (y − y_prev),   y⁺ = z − α ∇_y g(x, z),   y_prev⁺ = y;
 *   with P = I − α H_yy(x, z):   A = [[(1 + β) P, −β P], [I, 0]],   B = [[−α H_yx(x, z)], [0]].
 * </pre>
 * Y. Nesterov, <em>Lectures on Convex Optimization</em>, 2018, §2.2 (constant-momentum scheme for
 * {@code μ}-strongly convex functions, {@code α = 1/L}, {@code β = (√L − √μ)/(√L + √μ)}). The step is fixed or
 * {@code 1/L̂} estimated at the start of each run, as for {@link GradientStep}. The initial state is
 * {@code (y0, y0)}. The gradient is taken at the extrapolated point, so {@link InnerMap#step} returns NaN
 * (the residual at {@code y} is not computed by the step).
 */
public final class Nesterov implements InnerAlgorithm {

    private final double alpha;
    private final double beta;

    private Nesterov(double alpha, double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * @param alpha the step {@code α > 0}
     * @param beta  the momentum {@code β ∈ [0, 1)}
     */
    public static Nesterov of(double alpha, double beta) {
        return new Nesterov(Functions.requirePositive("alpha", alpha), momentum(beta));
    }

    /** @return the scheme with {@code α = 1/L̂} (estimated per run) and momentum {@code β ∈ [0, 1)}. */
    public static Nesterov lipschitzEstimate(double beta) {
        return new Nesterov(Double.NaN, momentum(beta));
    }

    /** @return the tuned scheme for curvature in {@code [μ, L]}: {@code α = 1/L}, {@code β = (√L − √μ)/(√L + √μ)}. */
    public static Nesterov tuned(double mu, double lipschitz) {
        Functions.requirePositive("mu", mu);
        Functions.requirePositive("lipschitz", lipschitz);
        if (mu > lipschitz) {
            throw new IllegalArgumentException("mu = " + mu + " exceeds lipschitz = " + lipschitz);
        }
        double sl = Math.sqrt(lipschitz);
        double sm = Math.sqrt(mu);
        return new Nesterov(1 / lipschitz, (sl - sm) / (sl + sm));
    }

    private static double momentum(double beta) {
        return Functions.requireFraction("beta", beta);
    }

    @Override
    public InnerMap bind(ParametricFunction lower) {
        return new Map(lower);
    }

    @Override
    public String describe() {
        return "Nesterov{alpha=" + (Double.isNaN(alpha) ? "1/L" : Double.toString(alpha)) + ", beta=" + beta + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Map extends AbstractInnerMap {
        private final double[] z;
        private final double[] grad;
        private final double[] hv;
        private final double[] t;
        private final double[] mix;
        private final double[] mixY;
        private double a = alpha;

        Map(ParametricFunction g) {
            super(g);
            z = new double[m];
            grad = new double[m];
            hv = new double[m];
            t = new double[m];
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
        public void prepare(double[] x, double[] s) {
            if (Double.isNaN(alpha)) {
                System.arraycopy(s, 0, z, 0, m);
                double l = lipschitzEstimate(x, z);
                a = l > 0 && Double.isFinite(l) ? 1 / l : Double.NaN;
            }
        }

        private void extrapolate(double[] s) {
            for (int i = 0; i < m; i++) {
                z[i] = s[i] + beta * (s[i] - s[m + i]);
            }
        }

        @Override
        public double step(double[] x, double[] s, double[] out) {
            extrapolate(s);
            g.gradientY(x, z, grad);
            gradients++;
            for (int i = 0; i < m; i++) {
                out[i] = z[i] - a * grad[i];
                out[m + i] = s[i];
            }
            return Double.NaN;
        }

        @Override
        public void vjp(double[] x, double[] s, double[] v, double[] out, double[] xAcc) {
            extrapolate(s);
            System.arraycopy(v, 0, t, 0, m);
            g.hessianYY(x, z, t, hv);
            g.crossTranspose(x, z, t, mix);
            hvps++;
            mixed++;
            for (int i = 0; i < m; i++) {
                double pv = v[i] - a * hv[i];
                out[i] = (1 + beta) * pv + v[m + i];
                out[m + i] = -beta * pv;
            }
            for (int j = 0; j < n; j++) {
                xAcc[j] -= a * mix[j];
            }
        }

        @Override
        public void jvp(double[] x, double[] s, double[] u, double[] w, double[] out) {
            extrapolate(s);
            for (int i = 0; i < m; i++) {
                t[i] = (1 + beta) * u[i] - beta * u[m + i];
            }
            g.hessianYY(x, z, t, hv);
            hvps++;
            for (int i = 0; i < m; i++) {
                out[i] = t[i] - a * hv[i];
                out[m + i] = u[i];
            }
            if (w != null) {
                g.cross(x, z, w, mixY);
                mixed++;
                for (int i = 0; i < m; i++) {
                    out[i] -= a * mixY[i];
                }
            }
        }
    }
}
