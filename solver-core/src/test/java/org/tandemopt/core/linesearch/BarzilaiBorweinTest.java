package org.tandemopt.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.OptimizationResult;

class BarzilaiBorweinTest {

    /** {@code ½ Σ h_i x_i²}. */
    static DifferentiableFunction diagonal(double[] h) {
        return new DifferentiableFunction() {
            @Override public int dimension() { return h.length; }
            @Override public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < h.length; i++) {
                    s += 0.5 * h[i] * x[i] * x[i];
                }
                return s;
            }
            @Override public double valueAndGradient(double[] x, double[] g) {
                for (int i = 0; i < h.length; i++) {
                    g[i] = h[i] * x[i];
                }
                return value(x);
            }
        };
    }

    /** The first two steps by hand on {@code ½(x₁² + 10x₂²)} from (1, 1). */
    @ParameterizedTest
    @EnumSource(BarzilaiBorwein.Formula.class)
    void firstStepsMatchTheFormulas(BarzilaiBorwein.Formula formula) {
        DifferentiableFunction f = diagonal(new double[] {1, 10});
        OptimizationResult r = GradientDescent.withStepRule(BarzilaiBorwein.builder().formula(formula).build())
                .minimize(f, new double[] {1, 1}, SolveOptions.builder().maxIterations(3).trace(true).build());
        Trace t = r.trace();
        // step 1: 1/‖g0‖∞ = 1/10; x1 = (0.9, 0), g1 = (0.9, 0); s = (−0.1, −1), y = (−0.1, −10)
        assertEquals(0.1, t.get(1).stepSize(), 1e-15);
        double ss = 0.01 + 1;
        double sy = 0.01 + 10;
        double yy = 0.01 + 100;
        double expected = formula == BarzilaiBorwein.Formula.SHORT ? sy / yy : ss / sy;
        assertEquals(expected, t.get(2).stepSize(), 1e-15);
        // step 3 of ALTERNATING is the short one: s = −t₂ g1 = −t₂ (0.9, 0), y = (s₁, 0) ⇒ both ratios equal 1
        assertEquals(1.0, t.get(3).stepSize(), 1e-15);
    }

    /** BB steps are inverse Rayleigh quotients: for an SPD quadratic they lie in {@code [1/λ_max, 1/λ_min]}. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void stepsLieInTheInverseSpectrumOnQuadratics(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] h = new double[20];
        double[] x0 = new double[20];
        for (int i = 0; i < 20; i++) {
            h[i] = Math.pow(100, rnd.nextDouble());
            x0[i] = rnd.nextDouble() - 0.5;
        }
        double lMin = java.util.Arrays.stream(h).min().getAsDouble();
        double lMax = java.util.Arrays.stream(h).max().getAsDouble();
        for (BarzilaiBorwein.Formula formula : BarzilaiBorwein.Formula.values()) {
            OptimizationResult r = GradientDescent.withStepRule(BarzilaiBorwein.builder().formula(formula).build())
                    .minimize(diagonal(h), x0, SolveOptions.builder().maxIterations(30).trace(true).build());
            for (int k = 2; k < r.trace().size(); k++) {
                double step = r.trace().get(k).stepSize();
                assertTrue(step >= (1 - 1e-12) / lMax && step <= (1 + 1e-12) / lMin,
                        formula + " step " + step + " outside [" + 1 / lMax + ", " + 1 / lMin + "]");
            }
        }
    }

    /** Raydan (1993): BB converges on strictly convex quadratics, without any line search. */
    @ParameterizedTest
    @EnumSource(BarzilaiBorwein.Formula.class)
    void convergesOnAnIllConditionedQuadratic(BarzilaiBorwein.Formula formula) {
        double[] h = new double[50];
        double[] x0 = new double[50];
        for (int i = 0; i < 50; i++) {
            h[i] = Math.pow(1e3, i / 49.0);
            x0[i] = 1;
        }
        OptimizationResult r = GradientDescent.withStepRule(BarzilaiBorwein.builder().formula(formula).build())
                .minimize(diagonal(h), x0, SolveOptions.builder().maxIterations(2000).gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertTrue(Vectors.norm2(r.point()) <= 1e-10, r.toString());
        assertEquals(0, r.valueEvaluations(), "pure BB never evaluates the line");
    }

    /** With the GLL safeguard BB is globally convergent on Rosenbrock. */
    @Test
    void nonmonotoneSafeguardConvergesOnRosenbrock() {
        DifferentiableFunction rosenbrock = new DifferentiableFunction() {
            @Override public int dimension() { return 2; }
            @Override public double value(double[] x) {
                return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
            }
            @Override public double valueAndGradient(double[] x, double[] g) {
                double r = x[1] - x[0] * x[0];
                g[0] = -400 * x[0] * r - 2 * (1 - x[0]);
                g[1] = 200 * r;
                return value(x);
            }
        };
        BarzilaiBorwein rule = BarzilaiBorwein.builder().nonmonotone(10).build();
        assertTrue(rule.evaluatesLine());
        OptimizationResult r = GradientDescent.withStepRule(rule).minimize(rosenbrock, new double[] {-1.2, 1},
                SolveOptions.builder().maxIterations(20_000).gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(1, r.point()[0], 1e-9);
        assertEquals(1, r.point()[1], 1e-9);
        assertTrue(r.valueEvaluations() > 0);
    }

    /** Checkpointing: a search restored from memory() proposes exactly the step the original would. */
    @Test
    void memoryRestoresTheNextStep() {
        BarzilaiBorwein rule = BarzilaiBorwein.builder().formula(BarzilaiBorwein.Formula.ALTERNATING).nonmonotone(3)
                .build();
        DifferentiableFunction f = diagonal(new double[] {1, 4, 9});
        StepSearch original = rule.newSearch(3);
        double[] x = {1, -1, 0.5};
        double[] g = new double[3];
        double[] d = new double[3];
        LineFunction[] line = new LineFunction[1];
        org.tandemopt.core.optim.GradientDescent gd = GradientDescent.withStepRule(rule);
        // drive the search by hand for three steps
        for (int k = 0; k < 3; k++) {
            double v = f.valueAndGradient(x, g);
            Vectors.negate(g, d);
            line[0] = lineOf(f, x, d);
            double t = original.search(line[0], v, -Vectors.normSquared(g), x, g);
            Vectors.axpy(t, d, x);
        }
        StepSearch copy = rule.newSearch(3);
        copy.restore(original.memory());
        assertArrayEquals(original.memory(), copy.memory(), 0.0);
        double v = f.valueAndGradient(x, g);
        Vectors.negate(g, d);
        double t1 = original.search(lineOf(f, x, d), v, -Vectors.normSquared(g), x, g);
        double t2 = copy.search(lineOf(f, x, d), v, -Vectors.normSquared(g), x, g);
        assertEquals(t1, t2, 0.0);
        assertFalse(gd.toString().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> copy.restore(new double[2]));
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
    }

    private static LineFunction lineOf(DifferentiableFunction f, double[] x, double[] d) {
        double[] p = new double[x.length];
        double[] g = new double[x.length];
        double[] slope = new double[1];
        return new LineFunction() {
            @Override public double value(double t) {
                Vectors.addScaled(x, t, d, p);
                return f.value(p);
            }
            @Override public double valueAndSlope(double t) {
                Vectors.addScaled(x, t, d, p);
                double v = f.valueAndGradient(p, g);
                slope[0] = Vectors.dot(g, d);
                return v;
            }
            @Override public double lastSlope() { return slope[0]; }
        };
    }

    @Test
    void rejectsBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BarzilaiBorwein.builder().minStep(-1));
        assertTrue(e.getMessage().contains("minStep"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BarzilaiBorwein.builder().firstStep(0));
        assertTrue(e.getMessage().contains("firstStep"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BarzilaiBorwein.builder().nonmonotone(-1));
        assertTrue(e.getMessage().contains("nonmonotone"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BarzilaiBorwein.builder().minStep(2).maxStep(1).build());
        assertTrue(e.getMessage().contains("minStep"), e.getMessage());
    }
}
