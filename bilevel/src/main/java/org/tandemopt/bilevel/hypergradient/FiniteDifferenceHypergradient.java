package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.FiniteDifferences;
import org.tandemopt.core.function.Functions;

/**
 * Central finite differences of the whole inner solve, <b>for checks only</b>:
 * <pre>
 *   ∂̂φ/∂x_i = (F_K(x + h_i e_i) − F_K(x − h_i e_i)) / (2 h_i),     F_K(x) = f(x, y_K(x)),
 * </pre>
 * where each {@code y_K(x ± h_i e_i)} is a fresh run of the same number {@code K} of inner steps from the same
 * starting state ({@code K} is the number the scheduled run at {@code x} took), and
 * {@code h_i = h · max(1, |x_i|)}, {@code h = u^{1/3} ≈ 6e-6} by default.
 *
 * <p><b>Bias.</b> It differentiates the same {@code K}-step surrogate as {@link UnrolledDifferentiation}, with
 * truncation error {@code O(h²)} and rounding error {@code O(u/h)}: about 1e-10 relative on well-scaled
 * problems. An inner map whose step is re-estimated per run ({@code 1/L̂}) is differentiated through that
 * estimate too; use a fixed step when comparing with the other estimators.
 *
 * <p><b>Memory.</b> Two states. Cost: {@code 2n + 1} inner runs — far too expensive for optimization.
 */
public final class FiniteDifferenceHypergradient implements HypergradientEstimator {

    private final double relativeStep;

    private FiniteDifferenceHypergradient(double relativeStep) {
        this.relativeStep = relativeStep;
    }

    /** @return central differences with the default relative step {@code u^{1/3}}. */
    public static FiniteDifferenceHypergradient create() {
        return new FiniteDifferenceHypergradient(FiniteDifferences.DEFAULT_RELATIVE_STEP);
    }

    /** @return central differences with relative step {@code h > 0}. */
    public static FiniteDifferenceHypergradient withRelativeStep(double h) {
        return new FiniteDifferenceHypergradient(Functions.requirePositive("h", h));
    }

    @Override
    public EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner) {
        return new Session(problem, inner);
    }

    @Override
    public String describe() {
        return "FiniteDifferenceHypergradient{h=" + relativeStep + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Session extends EstimatorSession {
        private final double[] start;
        private final double[] xs;
        private final double[] a;
        private final double[] b;
        private final double[] ys;

        Session(BilevelProblem problem, InnerAlgorithm inner) {
            super(problem, inner);
            start = new double[size];
            xs = new double[n];
            a = new double[size];
            b = new double[size];
            ys = new double[m];
        }

        @Override
        void beforeRun(double[] x, double[] s0, int maxSteps) {
            System.arraycopy(s0, 0, start, 0, size);
            peakStates = 2;
        }

        private double surrogate(double[] xAt) {
            System.arraycopy(start, 0, a, 0, size);
            map.prepare(xAt, a);
            double[] p = a;
            double[] q = b;
            for (int k = 0; k < steps; k++) {
                map.step(xAt, p, q);
                double[] t = p;
                p = q;
                q = t;
            }
            System.arraycopy(p, 0, ys, 0, m);
            ownGradients++;
            return f.value(xAt, ys);
        }

        @Override
        void differentiate(double[] x, double[] finalState) {
            System.arraycopy(x, 0, xs, 0, n);
            for (int i = 0; i < n; i++) {
                double h = relativeStep * Math.max(1.0, Math.abs(x[i]));
                xs[i] = x[i] + h;
                double plus = surrogate(xs);
                xs[i] = x[i] - h;
                double minus = surrogate(xs);
                xs[i] = x[i];
                grad[i] = (plus - minus) / (2 * h);
            }
            map.prepare(x, start);
        }
    }
}
