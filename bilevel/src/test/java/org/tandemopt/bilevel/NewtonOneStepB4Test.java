package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.OneStepDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.core.function.ParametricFunction;

/**
 * REFERENCE-PROBLEMS.md B4: regularised logistic regression in {@code β} with parameter {@code λ}; the
 * Jacobian {@code ∂β*(λ)/∂λ} read off four hypergradients with upper objectives {@code f_i(β) = β_i}.
 */
class NewtonOneStepB4Test {

    static final double[] BETA_STAR = {0.0494877861, -0.0025456965, -0.0644666524, -0.1371793147};
    static final double[] JACOBIAN = {-0.1537693465, 0.0361827115, 0.3004501923, 0.8535901403};

    static final double[][] X = new double[60][4];
    static final double[] Y = new double[60];

    static {
        for (int i = 0; i < 60; i++) {
            double t = i + 1;
            X[i][0] = 1;
            X[i][1] = Math.sin(t);
            X[i][2] = Math.cos(2 * t);
            X[i][3] = Math.sin(0.5 * t) * Math.cos(0.3 * t);
            Y[i] = Math.sin(1.3 * t) + 0.5 * Math.cos(0.7 * t) > 0 ? 1 : -1;
        }
    }

    /** {@code h(λ, β) = mean log(1 + exp(−y_i X_iᵀβ)) + (λ/2)‖β‖²}. */
    static final ParametricFunction LOWER = new ParametricFunction() {
        @Override public int parameterDimension() { return 1; }
        @Override public int variableDimension() { return 4; }
        @Override public boolean hasSecondOrder() { return true; }

        double margin(int i, double[] b) {
            return Y[i] * (X[i][0] * b[0] + X[i][1] * b[1] + X[i][2] * b[2] + X[i][3] * b[3]);
        }

        @Override
        public double value(double[] x, double[] b) {
            double s = 0;
            for (int i = 0; i < 60; i++) {
                s += Math.log1p(Math.exp(-margin(i, b)));
            }
            return s / 60 + 0.5 * x[0] * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2] + b[3] * b[3]);
        }

        @Override
        public double gradientY(double[] x, double[] b, double[] o) {
            for (int j = 0; j < 4; j++) {
                o[j] = x[0] * b[j];
            }
            for (int i = 0; i < 60; i++) {
                double sig = 1 / (1 + Math.exp(margin(i, b)));
                for (int j = 0; j < 4; j++) {
                    o[j] -= Y[i] * X[i][j] * sig / 60;
                }
            }
            return value(x, b);
        }

        @Override
        public void gradientX(double[] x, double[] b, double[] o) {
            o[0] = 0.5 * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2] + b[3] * b[3]);
        }

        @Override
        public void hessianYY(double[] x, double[] b, double[] v, double[] o) {
            for (int j = 0; j < 4; j++) {
                o[j] = x[0] * v[j];
            }
            for (int i = 0; i < 60; i++) {
                double sig = 1 / (1 + Math.exp(margin(i, b)));
                double w = sig * (1 - sig) / 60;
                double xv = X[i][0] * v[0] + X[i][1] * v[1] + X[i][2] * v[2] + X[i][3] * v[3];
                for (int j = 0; j < 4; j++) {
                    o[j] += w * xv * X[i][j];
                }
            }
        }

        @Override
        public void crossTranspose(double[] x, double[] b, double[] w, double[] o) {
            o[0] = b[0] * w[0] + b[1] * w[1] + b[2] * w[2] + b[3] * w[3];
        }

        @Override
        public void cross(double[] x, double[] b, double[] u, double[] o) {
            for (int j = 0; j < 4; j++) {
                o[j] = b[j] * u[0];
            }
        }
    };

    static ParametricFunction coordinate(int k) {
        return new ParametricFunction() {
            @Override public int parameterDimension() { return 1; }
            @Override public int variableDimension() { return 4; }
            @Override public double value(double[] x, double[] b) { return b[k]; }
            @Override public double gradientY(double[] x, double[] b, double[] o) {
                java.util.Arrays.fill(o, 0.0);
                o[k] = 1;
                return b[k];
            }
            @Override public void gradientX(double[] x, double[] b, double[] o) { o[0] = 0; }
        };
    }

    /** The Jacobian estimate {@code dβ/dλ} of {@code est} after the schedule, one coordinate at a time. */
    static double[] jacobian(org.tandemopt.bilevel.hypergradient.HypergradientEstimator est, InnerAlgorithm inner,
                             double[] beta0, InnerSchedule s) {
        double[] j = new double[4];
        for (int k = 0; k < 4; k++) {
            BilevelProblem p = BilevelProblem.of(coordinate(k), LOWER, new double[] {0.1}, beta0);
            Hypergradient h = est.estimate(p, inner, new double[] {0.1}, beta0, s);
            j[k] = h.gradient(0);
        }
        return j;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void solutionAndJacobianByImplicitDifferentiation() {
        double[] j = jacobian(ImplicitDifferentiation.with(TestSolvers.ldlt()), NewtonStep.of(TestSolvers.ldlt()),
                new double[4], InnerSchedule.steps(8));
        for (int k = 0; k < 4; k++) {
            assertEquals(JACOBIAN[k], j[k], 1e-10);
        }
        BilevelProblem p = BilevelProblem.of(coordinate(0), LOWER, new double[] {0.1}, new double[4]);
        double[] beta = ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(p, NewtonStep.of(TestSolvers.ldlt()),
                new double[] {0.1}, new double[4], InnerSchedule.steps(8)).inner();
        for (int k = 0; k < 4; k++) {
            assertEquals(BETA_STAR[k], beta[k], 1e-10);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 2.8e-3", "2, 3.8e-6", "3, 1.0e-11"})
    void newtonOneStepErrorFallsAsTabulated(int k, double error) {
        double[] exact = jacobian(ImplicitDifferentiation.with(TestSolvers.ldlt()), NewtonStep.of(TestSolvers.ldlt()),
                new double[4], InnerSchedule.steps(8));
        double[] j = jacobian(OneStepDifferentiation.create(), NewtonStep.of(TestSolvers.ldlt()), new double[4],
                InnerSchedule.steps(k));
        double e = distance(exact, j);
        assertTrue(e <= 1.5 * error && e >= error / 1.5, "K = " + k + ": error " + e + ", tabulated " + error);
    }

    @Test
    void newtonOneStepIsExactAfterFourSteps() {
        double[] exact = jacobian(ImplicitDifferentiation.with(TestSolvers.ldlt()), NewtonStep.of(TestSolvers.ldlt()),
                new double[4], InnerSchedule.steps(8));
        double[] j = jacobian(OneStepDifferentiation.create(), NewtonStep.of(TestSolvers.ldlt()), new double[4],
                InnerSchedule.steps(4));
        assertTrue(distance(exact, j) < 1e-14, "error " + distance(exact, j));
    }

    @Test
    void gradientDescentOneStepStaysBiased() {
        // started at β* (so that the 1/L̂ estimate is λ_max of the Hessian at the solution), then converged
        double[] exact = jacobian(ImplicitDifferentiation.with(TestSolvers.ldlt()), NewtonStep.of(TestSolvers.ldlt()),
                new double[4], InnerSchedule.steps(8));
        double[] start = BETA_STAR.clone();
        double[] j = jacobian(OneStepDifferentiation.create(), GradientStep.lipschitzEstimate(), start,
                InnerSchedule.steps(2000));
        double rel = distance(exact, j) / Math.sqrt(exact[0] * exact[0] + exact[1] * exact[1] + exact[2] * exact[2]
                + exact[3] * exact[3]);
        assertEquals(0.519, rel, 5e-4);
    }
}
