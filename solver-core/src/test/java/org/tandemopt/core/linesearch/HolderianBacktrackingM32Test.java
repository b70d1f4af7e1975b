package org.tandemopt.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.OptimizationResult;

/**
 * The investigation of REFERENCE-PROBLEMS.md M3.2: "with a step that may only shrink it has not converged
 * after 100 000 iterations; when the trial step may grow again (×2) it converges in 16 iterations and 36
 * evaluations". With the literal parameters (first trial 1, shrink 0.5, Armijo c = 0.5, x₀ = −1,
 * tolerance 1e-10 on |G'|) no reading reproduces a stall of the monotone rule in exact arithmetic, and in
 * floating point the outcome below |G'| ≈ 1e-8 is decided by the last bit of {@code pow}:
 *
 * <ol>
 * <li>Exact arithmetic. {@code G} is convex with {@code G''(x) = 1 + |x|^{−2/3}/3}. After the first step
 *     (t = 0.5, x₁ = 0.5) every iterate lies in {@code [x*, 0.5]}, where {@code G'' ≤ G''(x*) = 1.7160}; for
 *     c = ½ the Armijo test accepts every {@code t ≤ 1/max G'' = 0.583}. So the monotone step stays 0.5 for
 *     ever: a fixed-step iteration with rate {@code |1 − 0.5 G''(x*)| = 0.142}, which reaches 1e-10 in
 *     about 13 iterations. A stall is impossible.</li>
 * <li>Rounding floor. The Armijo test asks for a decrease {@code c t G'² = 0.25 G'²}; below
 *     {@code |G'| ≈ 1e-8} that is under half an ulp of {@code G* ≈ 0.395} (2.8e-17), so the test compares two
 *     values equal up to rounding and accepts or rejects by chance. Each chance rejection permanently halves a
 *     monotone step, and an expanding rule can also be driven down by a run of them.</li>
 * <li>Which run stalls is therefore an accident of the libm: with {@code Math.pow} (the existing
 *     {@code HolderianBacktrackingTest}) both converge (monotone 15 iterations, expanding 14); with the
 *     fully specified {@code StrictMath.pow} the <em>expanding</em> rule is the one that stalls (10 000
 *     iterations, step 3.7e-9) while the monotone one converges in 15 — the reverse of the reference.</li>
 * </ol>
 * The M3.1 reading ({@code G = ¾|x|^{4/3}}, minimiser at the kink) does not stall either: from x₀ = −1 the
 * first trial lands exactly on 0.
 *
 * <p>This class asserts these facts with {@code StrictMath}, whose results are the same on every platform.
 */
class HolderianBacktrackingM32Test {

    static final double X_STAR = 0.317672196172;
    static final double G_STAR = 0.395353044902;

    /** M3.2's value function with fully specified (fdlibm) elementary functions. */
    static final DifferentiableFunction G = new DifferentiableFunction() {
        @Override public int dimension() { return 1; }
        @Override public double value(double[] x) {
            return 0.75 * StrictMath.pow(Math.abs(x[0]), 4.0 / 3.0) + 0.5 * (x[0] - 1) * (x[0] - 1);
        }
        @Override public double valueAndGradient(double[] x, double[] g) {
            g[0] = Math.signum(x[0]) * StrictMath.cbrt(Math.abs(x[0])) + x[0] - 1;
            return value(x);
        }
    };

    /** M3.1's value function {@code ¾|x|^{4/3}}. */
    static final DifferentiableFunction G31 = new DifferentiableFunction() {
        @Override public int dimension() { return 1; }
        @Override public double value(double[] x) {
            return 0.75 * StrictMath.pow(Math.abs(x[0]), 4.0 / 3.0);
        }
        @Override public double valueAndGradient(double[] x, double[] g) {
            g[0] = Math.signum(x[0]) * StrictMath.cbrt(Math.abs(x[0]));
            return value(x);
        }
    };

    static OptimizationResult run(DifferentiableFunction f, double expansion, double tolerance, int budget) {
        ArmijoBacktracking rule = ArmijoBacktracking.builder().initialStep(1).shrink(0.5).armijo(0.5)
                .expansion(expansion).build();
        return GradientDescent.withStepRule(rule).minimize(f, new double[] {-1},
                SolveOptions.builder().maxIterations(budget).gradientTolerance(tolerance).trace(true).build());
    }

    /** Above the rounding floor both rules follow the same iterates; the monotone one is cheaper. */
    @Test
    void aboveTheRoundingFloorMonotoneBacktrackingKeepsStepOneHalfAndConverges() {
        OptimizationResult monotone = run(G, 1, 1e-8, 10_000);
        OptimizationResult expanding = run(G, 2, 1e-8, 10_000);
        for (OptimizationResult r : new OptimizationResult[] {monotone, expanding}) {
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
            assertEquals(11, r.iterations(), r.toString());
            assertEquals(X_STAR, r.point()[0], 1e-8 / 1.7);
            assertEquals(G_STAR, r.value(), 1e-12);
            for (IterationRecord rec : r.trace().records()) {
                if (rec.iteration() > 0) {
                    assertEquals(0.5, rec.stepSize(), 0.0, "every accepted step is 1/2");
                }
            }
        }
        assertEquals(monotone.point()[0], expanding.point()[0], 0.0);
        // value evaluations: monotone 1 per iteration + the rejected first trial; expanding tries 1 then 1/2
        assertEquals(12, monotone.valueEvaluations());
        assertEquals(22, expanding.valueEvaluations());
        // the rate of the fixed step 1/2: |1 − G''(x*)/2| = 0.142
        double curvature = 1 + Math.pow(X_STAR, -2.0 / 3.0) / 3;
        assertEquals(1.7160, curvature, 1e-4);
        double[] gn = monotone.trace().gradientNorms();
        assertEquals(Math.abs(1 - 0.5 * curvature), gn[10] / gn[9], 1e-3);
    }

    /** The arithmetic of the floor: below |G'| ≈ 1e-8 the demanded decrease is under half an ulp of G*. */
    @Test
    void belowOneEMinusEightTheArmijoTestIsDecidedByRounding() {
        double halfUlp = Math.ulp(G_STAR) / 2;
        assertEquals(2.7755575615628914e-17, halfUlp, 0.0);
        assertTrue(0.5 * 0.5 * 1e-8 * 1e-8 < halfUlp);
        assertTrue(0.5 * 0.5 * 1e-10 * 1e-10 < 1e-3 * halfUlp);
        // at x* + 6e-10 (|G'| ≈ 1e-9) the exact decrease of the step 1/2 is ~ 1.4e-19: G(x) and G(x − G'/2)
        // agree to within a few ulps, so the outcome of G(x⁺) ≤ G(x) − 0.25 G'² is rounding noise
        double[] x = {X_STAR + 6e-10};
        double[] g = new double[1];
        double v = G.valueAndGradient(x, g);
        double vNext = G.value(new double[] {x[0] - 0.5 * g[0]});
        assertTrue(Math.abs(g[0]) > 5e-10 && Math.abs(g[0]) < 2e-9, "g = " + g[0]);
        assertTrue(Math.abs(v - vNext) <= 4 * Math.ulp(G_STAR), "difference " + (v - vNext));
        assertTrue(0.25 * g[0] * g[0] < 1e-2 * Math.ulp(G_STAR));
    }

    /**
     * Tolerance 1e-10 as in M3.2: the monotone rule converges in 15 iterations, and the expanding rule is the
     * one that stalls (MAX_ITERATIONS) — at a point that is nevertheless the minimiser to 1e-8.
     */
    @Test
    void atTheReferenceToleranceTheOutcomeIsAnAccidentOfRounding() {
        OptimizationResult monotone = run(G, 1, 1e-10, 10_000);
        assertEquals(Termination.CONVERGED_GRADIENT, monotone.termination(), monotone.toString());
        assertEquals(15, monotone.iterations());
        assertEquals(18, monotone.valueEvaluations());
        assertEquals(X_STAR, monotone.point()[0], 1e-10);
        // chance rejections near the floor shrank the monotone step from 1/2 to 1/8
        double smallest = Double.POSITIVE_INFINITY;
        for (IterationRecord rec : monotone.trace().records()) {
            if (rec.iteration() > 0) {
                smallest = Math.min(smallest, rec.stepSize());
            }
        }
        assertEquals(0.125, smallest, 0.0);

        OptimizationResult expanding = run(G, 2, 1e-10, 10_000);
        assertEquals(Termination.MAX_ITERATIONS, expanding.termination(), expanding.toString());
        assertEquals(10_000, expanding.iterations());
        assertTrue(expanding.gradientNorm() > 1e-10 && expanding.gradientNorm() < 1e-8, expanding.toString());
        assertEquals(X_STAR, expanding.point()[0], 1e-8);
        assertEquals(G_STAR, expanding.value(), 1e-12);
        IterationRecord last = expanding.trace().last();
        assertTrue(last.stepSize() < 1e-8, "the step was driven down by chance rejections: " + last.stepSize());
    }

    /** M3.1 from x₀ = −1: the first trial x₀ − 1·G'(x₀) = 0 is the minimiser itself. */
    @Test
    void theM31ProblemIsSolvedByTheFirstTrial() {
        for (double kappa : new double[] {1, 2}) {
            OptimizationResult r = run(G31, kappa, 1e-10, 100);
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
            assertEquals(1, r.iterations());
            assertEquals(0.0, r.point()[0], 0.0);
            assertEquals(0.0, r.value(), 0.0);
        }
    }
}
