package org.tandemopt.bilevel.inner;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * Gradient descent on the lower objective as an inner map: {@code F(x, y) = y − η ∇_y g(x, y)}, so
 * {@code A = I − η H_yy} and {@code B = −η H_yx}. The step is either fixed or {@code η = c / L̂} with
 * {@code L̂} a power-iteration estimate of {@code λ_max(H_yy)} taken at the start of each run (at the
 * run's {@code x} and starting {@code y}) and held constant, undifferentiated, during the run.
 *
 * <p>On a {@code μ}-strongly convex, {@code L}-smooth lower level and {@code η = 1/L} the iterates contract
 * at the rate {@code 1 − μ/L} (Nesterov, <em>Lectures on Convex Optimization</em>, 2018, §2.1.5), and so do
 * the derivatives propagated through them (Bolte, Pauwels, Vaiter, "One-step differentiation of iterative
 * algorithms", NeurIPS 2023). Use it as the default inner solver of SSMS and of differentiable programming.
 *
 * <p>Each step costs one gradient; each {@code vjp} or {@code jvp} one {@code H_yy} product and one mixed
 * product. State: {@code y} alone ({@code S = m}).
 */
public final class GradientStep implements InnerAlgorithm {

    private final double step;
    private final double lipschitzFactor;

    private GradientStep(double step, double lipschitzFactor) {
        this.step = step;
        this.lipschitzFactor = lipschitzFactor;
    }

    /** @return gradient descent with the fixed step {@code η > 0}. */
    public static GradientStep fixed(double step) {
        return new GradientStep(Functions.requirePositive("step", step), Double.NaN);
    }

    /** @return gradient descent with {@code η = 1 / L̂}, {@code L̂} estimated at the start of each run. */
    public static GradientStep lipschitzEstimate() {
        return lipschitzEstimate(1.0);
    }

    /** @return gradient descent with {@code η = c / L̂}, {@code 0 < c < 2}. */
    public static GradientStep lipschitzEstimate(double c) {
        return new GradientStep(Double.NaN, Functions.requireOpenRange("c", c, 0, 2));
    }

    /** @return the fixed step, or NaN when it is estimated. */
    public double step() {
        return step;
    }

    @Override
    public InnerMap bind(ParametricFunction lower) {
        return new Map(lower);
    }

    @Override
    public String describe() {
        return Double.isNaN(step) ? "GradientStep{step=" + lipschitzFactor + "/L}" : "GradientStep{step=" + step + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Map extends AbstractInnerMap {
        private final double[] grad;
        private final double[] hv;
        private final double[] mix;
        private final double[] mixY;
        private double eta = step;

        Map(ParametricFunction g) {
            super(g);
            grad = new double[m];
            hv = new double[m];
            mix = new double[n];
            mixY = new double[m];
        }

        @Override public int stateSize() { return m; }

        @Override
        public void initialState(double[] y0, double[] stateOut) {
            System.arraycopy(y0, 0, stateOut, 0, m);
        }

        @Override
        public void prepare(double[] x, double[] state) {
            if (Double.isNaN(step)) {
                double l = lipschitzEstimate(x, state);
                eta = l > 0 && Double.isFinite(l) ? lipschitzFactor / l : Double.NaN;
            }
        }

        @Override
        public double step(double[] x, double[] s, double[] out) {
            g.gradientY(x, s, grad);
            gradients++;
            double nrm = 0;
            for (int i = 0; i < m; i++) {
                double gi = grad[i];
                nrm += gi * gi;
                out[i] = s[i] - eta * gi;
            }
            return Math.sqrt(nrm);
        }

        @Override
        public void vjp(double[] x, double[] s, double[] v, double[] stateOut, double[] xAcc) {
            g.hessianYY(x, s, v, hv);
            g.crossTranspose(x, s, v, mix);
            hvps++;
            mixed++;
            for (int i = 0; i < m; i++) {
                stateOut[i] = v[i] - eta * hv[i];
            }
            for (int j = 0; j < n; j++) {
                xAcc[j] -= eta * mix[j];
            }
        }

        @Override
        public void jvp(double[] x, double[] s, double[] u, double[] w, double[] out) {
            g.hessianYY(x, s, u, hv);
            hvps++;
            for (int i = 0; i < m; i++) {
                out[i] = u[i] - eta * hv[i];
            }
            if (w != null) {
                g.cross(x, s, w, mixY);
                mixed++;
                for (int i = 0; i < m; i++) {
                    out[i] -= eta * mixY[i];
                }
            }
        }
    }
}
