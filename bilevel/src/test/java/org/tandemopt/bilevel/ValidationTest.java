package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.EstimatorSession;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.TruncatedBackpropagation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.HeavyBall;
import org.tandemopt.bilevel.inner.Nesterov;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.optim.prox.Projection;

/** Bad input is an IllegalArgumentException whose message names the argument. */
class ValidationTest {

    static void names(String argument, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(argument), "message '" + ex.getMessage() + "' should name " + argument);
    }

    static ParametricFunction firstOrderOnly(int n, int m) {
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return m; }
            @Override public double value(double[] x, double[] y) { return 0; }
            @Override public double gradientY(double[] x, double[] y, double[] o) { return 0; }
            @Override public void gradientX(double[] x, double[] y, double[] o) { }
        };
    }

    @Test
    void problem() {
        QuadraticBilevel q = QuadraticBilevel.simulated(2, 3, 0.1, 1, 1, 1, 1, 1);
        QuadraticBilevel other = QuadraticBilevel.simulated(2, 4, 0.1, 1, 1, 1, 1, 1);
        QuadraticBilevel otherN = QuadraticBilevel.simulated(3, 3, 0.1, 1, 1, 1, 1, 1);
        names("upper", () -> BilevelProblem.of(null, q.lower(), new double[2], new double[3]));
        names("lower", () -> BilevelProblem.of(q.upper(), null, new double[2], new double[3]));
        names("upper.variableDimension()", () -> BilevelProblem.of(other.upper(), q.lower(), new double[2], new double[3]));
        names("upper.parameterDimension()", () -> BilevelProblem.of(otherN.upper(), q.lower(), new double[2], new double[3]));
        names("x0", () -> BilevelProblem.of(q.upper(), q.lower(), new double[3], new double[3]));
        names("x0", () -> BilevelProblem.of(q.upper(), q.lower(), new double[] {0, Double.NaN}, new double[3]));
        names("y0", () -> BilevelProblem.of(q.upper(), q.lower(), new double[2], new double[] {0, 0, Double.POSITIVE_INFINITY}));
        names("y0", () -> BilevelProblem.of(q.upper(), q.lower(), new double[2], null));
        names("x0", () -> BilevelProblem.builder(q.upper(), q.lower()).build());
        Projection nonNegative = new Projection() {
            @Override public int dimension() { return -1; }
            @Override public void project(double[] v, double[] out) {
                for (int i = 0; i < v.length; i++) {
                    out[i] = Math.max(0, v[i]);
                }
            }
            @Override public boolean contains(double[] u, double tol) {
                for (double v : u) {
                    if (v < -tol) {
                        return false;
                    }
                }
                return true;
            }
        };
        names("x0", () -> BilevelProblem.builder(q.upper(), q.lower()).feasibleSet(nonNegative)
                .start(new double[] {-1, 0}, new double[3]).build());
    }

    @Test
    void configuration() {
        names("step", () -> GradientStep.fixed(0));
        names("step", () -> GradientStep.fixed(Double.NaN));
        names("c", () -> GradientStep.lipschitzEstimate(2));
        names("alpha", () -> HeavyBall.of(-1, 0.5));
        names("beta", () -> HeavyBall.of(0.1, 1));
        names("mu", () -> HeavyBall.tuned(2, 1));
        names("beta", () -> Nesterov.of(0.1, -0.1));
        names("solver", () -> NewtonStep.of(null));
        names("stepSize", () -> NewtonStep.of(TestSolvers.ldlt(), 1.5));
        names("k", () -> InnerSchedule.steps(-1));
        names("tolerance", () -> InnerSchedule.untilResidual(-1, 10));
        names("maxSteps", () -> InnerSchedule.untilResidual(1e-3, 5, 4));
        names("leaf", () -> Checkpointing.recursive(0));
        names("memory", () -> UnrolledDifferentiation.with(null));
        names("factor", () -> UnrolledDifferentiation.storeAll().withBlowUpFactor(0.5));
        names("window", () -> TruncatedBackpropagation.lastSteps(0));
        names("solver", () -> ImplicitDifferentiation.with(null));
        names("innerSteps", () -> SingleStepMultiStep.builder().innerSteps(0));
        names("minSteps", () -> SingleStepMultiStep.builder().adaptiveInnerSteps(0.1, 0, 0, 10));
        names("estimator", () -> SingleStepMultiStep.builder().estimator(null));
        names("stepRule", () -> DifferentiableProgramming.builder().stepRule(null));
        names("innerTolerance", () -> ApproximateImplicitGradient.builder(TestSolvers.ldlt()).innerTolerance(0));
        names("solver", () -> ApproximateImplicitGradient.builder(null));
    }

    @Test
    void estimatesAndSessions() {
        QuadraticBilevel q = QuadraticBilevel.simulated(2, 3, 0.1, 1, 1, 1, 1, 1);
        BilevelProblem p = q.problem(new double[2], new double[3]);
        EstimatorSession s = UnrolledDifferentiation.storeAll().open(p, GradientStep.fixed(0.5));
        double[] state = s.initialState(new double[3]);
        names("x", () -> s.estimate(new double[3], state, InnerSchedule.steps(2)));
        names("x", () -> s.estimate(new double[] {0, Double.NaN}, state, InnerSchedule.steps(2)));
        names("state", () -> s.estimate(new double[2], new double[4], InnerSchedule.steps(2)));
        names("schedule", () -> s.estimate(new double[2], state, null));
        names("y0", () -> s.initialState(new double[2]));
        names("problem", () -> UnrolledDifferentiation.storeAll().open(null, GradientStep.fixed(0.5)));
        names("inner", () -> UnrolledDifferentiation.storeAll().open(p, null));
        // the inner maps need the lower objective's second-order oracles
        BilevelProblem firstOrder = BilevelProblem.of(q.upper(), firstOrderOnly(2, 3), new double[2], new double[3]);
        names("lower", () -> UnrolledDifferentiation.storeAll().open(firstOrder, GradientStep.fixed(0.5)));
        names("options", () -> SingleStepMultiStep.defaults().solve(p, null));
        names("problem", () -> SingleStepMultiStep.defaults().solve(null));
    }
}
