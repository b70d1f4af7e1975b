package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/** REFERENCE-PROBLEMS.md B3: SSMS and differentiable programming reach t* = −6.1843600689. */
class SolversB3Test {

    static final double T_STAR = -6.1843600689;
    static final double F_STAR = 7.873027710718e-5;

    static SolveOptions options(double tol, int budget) {
        return SolveOptions.builder().gradientTolerance(tol).maxIterations(budget).build();
    }

    /** The exact hypergradient at t (Newton inner solve, dense implicit differentiation). */
    static double trueDerivative(double t) {
        Hypergradient h = ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(Ridge.b3(t),
                NewtonStep.of(TestSolvers.ldlt()), new double[] {t}, new double[8], InnerSchedule.steps(3));
        return h.gradient(0);
    }

    @Test
    void ssmsWithImplicitEstimatorReachesTheOptimum() {
        BilevelResult r = SingleStepMultiStep.builder().innerSteps(10)
                .estimator(ImplicitDifferentiation.with(TestSolvers.coreCg(1e-13, 100))).stepRule(new ConstantStep(1000))
                .build().solve(Ridge.b3(-4), options(1e-12, 5000));
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(T_STAR, r.x()[0], 1e-6);
        // the warm-started inner state lags x: its residual bounds the error of the reported value
        assertEquals(F_STAR, r.value(), 1e-6 * F_STAR);
        assertTrue(r.innerResidual() < 1e-6, r.toString());
    }

    @Test
    void ssmsWithDefaultWarmForwardEstimatorReachesTheOptimum() {
        BilevelResult r = SingleStepMultiStep.builder().stepRule(new ConstantStep(1000)).build()
                .solve(Ridge.b3(-4), options(1e-12, 5000));
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(T_STAR, r.x()[0], 1e-6);
    }

    @Test
    void ssmsWithAdaptiveInnerStepsReachesTheOptimum() {
        BilevelResult r = SingleStepMultiStep.builder().adaptiveInnerSteps(0.1, 0, 1, 500)
                .estimator(ImplicitDifferentiation.with(TestSolvers.coreCg(1e-13, 100))).stepRule(new ConstantStep(1000))
                .build().solve(Ridge.b3(-4), SolveOptions.builder().gradientTolerance(1e-12).maxIterations(5000)
                        .trace(true).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(T_STAR, r.x()[0], 1e-6);
        // the inner residual of every iteration met the tolerance tied to the previous hypergradient norm
        var recs = r.trace().records();
        for (int k = 1; k < recs.size(); k++) {
            double steps = recs.get(k).extra("inner_steps");
            if (steps < 500) {
                assertTrue(recs.get(k).extra("inner_residual") <= 0.1 * recs.get(k - 1).gradientNorm() * (1 + 1e-12),
                        "iteration " + k);
            }
        }
    }

    /**
     * Unrolling through the N warm-started steps holds the earlier state constant: the estimate is a
     * truncated Neumann series, and SSMS converges to a zero of it — a point that is not critical for φ.
     */
    @Test
    void ssmsWithUnrolledWarmStepsConvergesToTheTruncatedEstimatorsZero() {
        BilevelResult r = SingleStepMultiStep.builder().innerSteps(10).estimator(UnrolledDifferentiation.storeAll())
                .stepRule(new ConstantStep(1000)).build().solve(Ridge.b3(-4), options(1e-12, 5000));
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        double t = r.x()[0];
        assertTrue(Math.abs(t - T_STAR) > 0.5, "t = " + t);
        assertTrue(Math.abs(trueDerivative(t)) > 1e-6, "true derivative " + trueDerivative(t));
    }

    @Test
    void differentiableProgrammingWithFiveThousandStepsReachesTheOptimum() {
        BilevelResult r = DifferentiableProgramming.builder().innerSteps(5000).build()
                .solve(Ridge.b3(-4), options(1e-11, 200));
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(T_STAR, r.x()[0], 1e-6);
        assertEquals(F_STAR, r.value(), 1e-10 * F_STAR);
        assertEquals(5000, r.lastDiagnostics().innerSteps());
    }

    @Test
    void differentiableProgrammingMemoryOptionsGiveTheSameIterates() {
        SolveOptions o = SolveOptions.builder().maxIterations(15).gradientTolerance(1e-14).build();
        BilevelResult all = DifferentiableProgramming.builder().innerSteps(300).build().solve(Ridge.b3(-4), o);
        BilevelResult sqrt = DifferentiableProgramming.builder().innerSteps(300)
                .memory(org.tandemopt.bilevel.hypergradient.Checkpointing.sqrt()).build().solve(Ridge.b3(-4), o);
        BilevelResult rec = DifferentiableProgramming.builder().innerSteps(300)
                .memory(org.tandemopt.bilevel.hypergradient.Checkpointing.recursive(4)).build().solve(Ridge.b3(-4), o);
        BilevelResult fwd = DifferentiableProgramming.builder().innerSteps(300).forwardMode().build()
                .solve(Ridge.b3(-4), o);
        assertEquals(15, all.iterations());
        for (BilevelResult r : new BilevelResult[] {sqrt, rec, fwd}) {
            assertEquals(all.iterations(), r.iterations());
            assertEquals(all.x()[0], r.x()[0], 1e-12);
        }
        assertEquals(300, all.lastDiagnostics().peakStoredStates());
        assertTrue(sqrt.lastDiagnostics().peakStoredStates() <= 36, sqrt.lastDiagnostics().toString());
        assertTrue(rec.lastDiagnostics().peakStoredStates() <= 4 + 8, rec.lastDiagnostics().toString());
    }

    @Test
    void approximateImplicitGradientReachesTheOptimum() {
        BilevelResult r = ApproximateImplicitGradient.builder(TestSolvers.coreCg(1e-13, 100)).innerTolerance(1e-13)
                .stepRule(new ConstantStep(1000)).build().solve(Ridge.b3(-4), options(1e-12, 5000));
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(T_STAR, r.x()[0], 1e-6);
        assertTrue(r.innerResidual() <= 1e-13);
    }

    @Test
    void approximateImplicitGradientWithItsDefaultConjugateGradientReachesTheOptimum() {
        BilevelResult r = ApproximateImplicitGradient.builder().innerTolerance(1e-13)
                .stepRule(new ConstantStep(1000)).build().solve(Ridge.b3(-4), options(1e-11, 5000));
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(T_STAR, r.x()[0], 1e-6);
        assertTrue(r.configuration().contains("ConjugateGradient"), r.configuration());
    }

    @Test
    void defaultImplicitDifferentiationMatchesTheDenseReference() {
        // library CG (relative residual 1e-10) against the test-side LDLᵀ, after a converged Newton inner solve
        for (double t : new double[] {-6, -4, -2}) {
            Hypergradient h = ImplicitDifferentiation.create().estimate(Ridge.b3(t), NewtonStep.of(TestSolvers.ldlt()),
                    new double[] {t}, new double[8], InnerSchedule.steps(3));
            assertEquals(trueDerivative(t), h.gradient(0), 1e-9 * Math.abs(trueDerivative(t)), "t = " + t);
        }
    }

    @Test
    void forwardWarmStartIsUnbiasedAtTheFixedPoint() {
        // at t*, the warm-started piggyback Jacobian converges to the implicit one as the inner state converges
        BilevelProblem p = Ridge.b3(T_STAR);
        var session = ForwardDifferentiation.create().withWarmStart(true).open(p, GradientStep.lipschitzEstimate());
        double[] state = session.initialState(new double[8]);
        Hypergradient h = null;
        for (int k = 0; k < 1000; k++) {
            h = session.estimate(new double[] {T_STAR}, state, InnerSchedule.steps(10));
        }
        assertEquals(trueDerivative(T_STAR), h.gradient(0), 1e-16);
    }
}
