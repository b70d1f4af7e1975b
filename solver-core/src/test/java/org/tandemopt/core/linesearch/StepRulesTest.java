package org.tandemopt.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.OptimizationResult;

class StepRulesTest {

    /** φ(t) = (t − 2)² − 4 on the ray: φ(0) = 0, φ'(0) = −4. */
    static final LineFunction PARABOLA = new LineFunction() {
        double slope;
        @Override public double value(double t) { return (t - 2) * (t - 2) - 4; }
        @Override public double valueAndSlope(double t) { slope = 2 * (t - 2); return value(t); }
        @Override public double lastSlope() { return slope; }
    };

    @Test
    void armijoShrinksUntilSufficientDecreaseThenExpands() {
        // Armijo with c = 0.5: (t−2)² − 4 ≤ −2t  ⇔  t ≤ 2. From trial 16: 16, 8, 4, 2 → accepts 2 after 4 trials.
        StepSearch s = ArmijoBacktracking.builder().initialStep(16).armijo(0.5).build().newSearch(1);
        assertEquals(2.0, s.search(PARABOLA, 0, -4, null, null), 0.0);
        assertEquals(4, s.lastEvaluations());
        assertArrayEquals(new double[] {4.0}, s.memory(), 0.0); // next trial = 2 × expansion 2
        assertEquals(2.0, s.search(PARABOLA, 0, -4, null, null), 0.0);
        assertEquals(2, s.lastEvaluations());
    }

    @Test
    void monotoneArmijoNeverGrows() {
        StepSearch s = ArmijoBacktracking.builder().initialStep(16).armijo(0.5).expansion(1).build().newSearch(1);
        s.search(PARABOLA, 0, -4, null, null);
        assertArrayEquals(new double[] {2.0}, s.memory(), 0.0);
        s.restore(new double[] {0.25});
        assertEquals(0.25, s.search(PARABOLA, 0, -4, null, null), 0.0);
        assertArrayEquals(new double[] {0.25}, s.memory(), 0.0);
    }

    @Test
    void armijoGivesUpWithNaNAfterItsTrialBudget() {
        LineFunction uphill = new LineFunction() {
            @Override public double value(double t) { return t; }
            @Override public double valueAndSlope(double t) { return t; }
            @Override public double lastSlope() { return 1; }
        };
        StepSearch s = ArmijoBacktracking.builder().maxTrials(7).build().newSearch(1);
        assertTrue(Double.isNaN(s.search(uphill, 0, -1, null, null)));
        assertEquals(7, s.lastEvaluations());
    }

    @Test
    void aNonFiniteTrialValueIsRejectedNotAccepted() {
        LineFunction blowsUpBeyond1 = new LineFunction() {
            @Override public double value(double t) { return t > 1 ? Double.NaN : -t; }
            @Override public double valueAndSlope(double t) { return value(t); }
            @Override public double lastSlope() { return -1; }
        };
        StepSearch s = ArmijoBacktracking.builder().initialStep(8).build().newSearch(1);
        assertEquals(1.0, s.search(blowsUpBeyond1, 0, -1, null, null), 0.0);
    }

    @Test
    void aFailedLineSearchEndsTheRunWithItsStatus() {
        // a "gradient" that points uphill for the value: every Armijo trial fails
        DifferentiableFunction lying = new DifferentiableFunction() {
            @Override public int dimension() { return 1; }
            @Override public double value(double[] x) { return x[0]; }
            @Override public double valueAndGradient(double[] x, double[] g) { g[0] = -1; return x[0]; }
        };
        OptimizationResult r = GradientDescent.withStepRule(ArmijoBacktracking.builder().maxTrials(10).build())
                .minimize(lying, new double[] {0}, SolveOptions.builder().trace(true).build());
        assertEquals(Termination.LINE_SEARCH_FAILED, r.termination());
        assertEquals(1, r.iterations());
        assertEquals(10, r.valueEvaluations());
        assertEquals(0.0, r.point()[0], 0.0);
    }

    @Test
    void schedules() {
        StepSearch c = new ConstantStep(0.3).newSearch(1);
        assertEquals(0.3, c.search(PARABOLA, 0, -4, null, null), 0.0);
        assertEquals(0, c.lastEvaluations());
        assertFalse(new ConstantStep(0.3).evaluatesLine());
        StepSearch d = new DecayingStep(1.0, 0.5, 1.0).newSearch(1);
        assertEquals(1.0, d.search(PARABOLA, 0, -4, null, null), 0.0);
        assertEquals(1 / 1.5, d.search(PARABOLA, 0, -4, null, null), 1e-16);
        assertEquals(0.5, d.search(PARABOLA, 0, -4, null, null), 1e-16);
        StepSearch d2 = new DecayingStep(1.0, 0.5, 1.0).newSearch(1);
        d2.restore(d.memory());
        assertEquals(1 / 2.5, d2.search(PARABOLA, 0, -4, null, null), 1e-16);
    }

    @Test
    void badConfigurationNamesTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArmijoBacktracking.builder().shrink(1.0))
                .getMessage().startsWith("shrink = 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArmijoBacktracking.builder().expansion(0.5))
                .getMessage().startsWith("expansion = 0.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArmijoBacktracking.builder().armijo(0))
                .getMessage().startsWith("armijo = 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConstantStep(-1))
                .getMessage().startsWith("step = -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConstantStep(Double.NaN))
                .getMessage().startsWith("step = NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ArmijoBacktracking.builder().initialStep(10).maxStep(1).build()).getMessage()
                .contains("initialStep = 10.0"));
    }
}
