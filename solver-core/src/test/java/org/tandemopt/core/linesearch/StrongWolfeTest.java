package org.tandemopt.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Moré–Thuente search on the six test functions of Moré and Thuente (ACM TOMS 1994, §5), from the four
 * initial steps of the paper ({@code 1e-3, 1e-1, 10, 1e3}) with the paper's constants per function: every
 * returned step satisfies both strong Wolfe conditions, and the evaluation counts and final steps of the
 * paper's Tables 1–6 are reproduced exactly.
 */
class StrongWolfeTest {

    /** A line given by a value function and its derivative, counting evaluations. */
    static final class Line implements LineFunction {
        final DoubleUnaryOperator phi;
        final DoubleUnaryOperator dphi;
        double lastSlope;
        int evaluations;

        Line(DoubleUnaryOperator phi, DoubleUnaryOperator dphi) {
            this.phi = phi;
            this.dphi = dphi;
        }

        @Override public double value(double t) {
            evaluations++;
            return phi.applyAsDouble(t);
        }

        @Override public double valueAndSlope(double t) {
            evaluations++;
            lastSlope = dphi.applyAsDouble(t);
            return phi.applyAsDouble(t);
        }

        @Override public double lastSlope() { return lastSlope; }
    }

    record Case(String name, Line line, double c1, double c2) {
        @Override public String toString() { return name; }
    }

    static List<Case> paperFunctions() {
        List<Case> out = new ArrayList<>();
        // (5.1) φ(α) = −α/(α² + β), β = 2; μ = 0.001, η = 0.1
        double b1 = 2;
        out.add(new Case("MT-1", new Line(a -> -a / (a * a + b1),
                a -> (a * a - b1) / ((a * a + b1) * (a * a + b1))), 1e-3, 0.1));
        // (5.2) φ(α) = (α + β)^5 − 2(α + β)^4, β = 0.004; μ = η = 0.1
        double b2 = 0.004;
        out.add(new Case("MT-2", new Line(a -> Math.pow(a + b2, 5) - 2 * Math.pow(a + b2, 4),
                a -> 5 * Math.pow(a + b2, 4) - 8 * Math.pow(a + b2, 3)), 0.1, 0.1));
        // (5.3) φ(α) = φ0(α) + 2(1 − β)/(lπ) sin(lπα/2), l = 39, β = 0.01; μ = η = 0.1
        double b3 = 0.01;
        double l = 39;
        DoubleUnaryOperator phi0 = a -> a <= 1 - b3 ? 1 - a : a >= 1 + b3 ? a - 1 : (a - 1) * (a - 1) / (2 * b3) + b3 / 2;
        DoubleUnaryOperator dphi0 = a -> a <= 1 - b3 ? -1 : a >= 1 + b3 ? 1 : (a - 1) / b3;
        out.add(new Case("MT-3", new Line(a -> phi0.applyAsDouble(a) + 2 * (1 - b3) / (l * Math.PI) * Math.sin(l * Math.PI * a / 2),
                a -> dphi0.applyAsDouble(a) + (1 - b3) * Math.cos(l * Math.PI * a / 2)), 0.1, 0.1));
        // (5.4) Yanai–Ozawa–Kaneko, (β1, β2) = (0.001, 0.001), (0.01, 0.001), (0.001, 0.01); μ = η = 0.001
        double[][] betas = {{0.001, 0.001}, {0.01, 0.001}, {0.001, 0.01}};
        for (int k = 0; k < 3; k++) {
            double p1 = betas[k][0];
            double p2 = betas[k][1];
            double g1 = Math.sqrt(1 + p1 * p1) - p1;
            double g2 = Math.sqrt(1 + p2 * p2) - p2;
            out.add(new Case("MT-" + (4 + k), new Line(
                    a -> g1 * Math.sqrt((1 - a) * (1 - a) + p2 * p2) + g2 * Math.sqrt(a * a + p1 * p1),
                    a -> -g1 * (1 - a) / Math.sqrt((1 - a) * (1 - a) + p2 * p2) + g2 * a / Math.sqrt(a * a + p1 * p1)),
                    1e-3, 1e-3));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : paperFunctions()) {
            for (double a0 : new double[] {1e-3, 1e-1, 10, 1e3}) {
                out.add(Arguments.of(c, a0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("cases")
    void returnsAStrongWolfeStep(Case c, double initial) {
        StrongWolfe rule = StrongWolfe.builder().c1(c.c1()).c2(c.c2()).initialStep(initial).maxTrials(30).build();
        Line line = c.line();
        line.evaluations = 0;
        double f0 = line.phi.applyAsDouble(0);
        double g0 = line.dphi.applyAsDouble(0);
        StepSearch search = rule.newSearch(1);
        double t = search.search(line, f0, g0, new double[1], new double[1]);
        assertTrue(t > 0, c + " from " + initial + ": t = " + t);
        double f = line.phi.applyAsDouble(t);
        double g = line.dphi.applyAsDouble(t);
        assertTrue(f <= f0 + c.c1() * t * g0, c + ": sufficient decrease fails at t = " + t);
        assertTrue(Math.abs(g) <= c.c2() * Math.abs(g0), c + ": curvature fails at t = " + t + ", φ' = " + g);
        assertEquals(line.evaluations, search.lastEvaluations());
        // the paper's runs take between 1 and 16 evaluations for these cases
        assertTrue(search.lastEvaluations() <= 16, c + " took " + search.lastEvaluations() + " evaluations");
    }

    /**
     * The paper's Tables 1–6: evaluations and final step (printed there to two digits) for each function and
     * initial step {@code 1e-3, 1e-1, 10, 1e3}. The implementation reproduces all 24 runs.
     */
    @Test
    void reproducesThePaperTables() {
        int[][] evaluations = {{6, 3, 1, 4}, {12, 8, 8, 11}, {12, 12, 10, 13}, {4, 1, 3, 4}, {6, 3, 7, 8},
                               {13, 11, 8, 11}};
        double[][] steps = {{1.4, 1.4, 10, 37}, {1.6, 1.6, 1.6, 1.6}, {1.0, 1.0, 1.0, 1.0},
                            {0.085, 0.10, 0.35, 0.83}, {0.075, 0.078, 0.073, 0.076}, {0.93, 0.93, 0.92, 0.92}};
        double[] initial = {1e-3, 1e-1, 10, 1e3};
        List<Case> cases = paperFunctions();
        for (int f = 0; f < 6; f++) {
            Case c = cases.get(f);
            for (int k = 0; k < 4; k++) {
                StepSearch s = StrongWolfe.builder().c1(c.c1()).c2(c.c2()).initialStep(initial[k]).build().newSearch(1);
                double t = s.search(c.line(), c.line().phi.applyAsDouble(0), c.line().dphi.applyAsDouble(0),
                        new double[1], new double[1]);
                String where = c + " from " + initial[k] + ": t = " + t;
                assertEquals(evaluations[f][k], s.lastEvaluations(), where);
                // two significant digits, as printed in the paper
                assertEquals(steps[f][k], t, 0.5 * Math.pow(10, Math.floor(Math.log10(steps[f][k])) - 1), where);
            }
        }
    }

    /** Paper, Table 1 (φ₁ from 10): the first trial already satisfies both conditions, α = 10, one evaluation. */
    @Test
    void acceptsAGoodFirstTrialAtOnce() {
        Case c = paperFunctions().get(0);
        StrongWolfe rule = StrongWolfe.builder().c1(1e-3).c2(0.1).initialStep(10).build();
        StepSearch s = rule.newSearch(1);
        double t = s.search(c.line(), 0, -0.5, new double[1], new double[1]);
        assertEquals(10, t, 0.0);
        assertEquals(1, s.lastEvaluations());
    }

    @Test
    void onAnExactQuadraticTheCubicStepLandsOnTheMinimiser() {
        // φ(t) = (t − 3)², φ'(0) = −6: the first trial 1 is too short, the interpolation from (0, 1) is exact
        Line line = new Line(t -> (t - 3) * (t - 3), t -> 2 * (t - 3));
        StrongWolfe rule = StrongWolfe.builder().c2(0.01).build();
        StepSearch s = rule.newSearch(1);
        double t = s.search(line, 9, -6, new double[1], new double[1]);
        assertEquals(3, t, 1e-12);
    }

    @Test
    void extrapolatesToTheMaximalStepOnAnUnboundedLine() {
        Line line = new Line(t -> -t, t -> -1);
        StrongWolfe rule = StrongWolfe.builder().maxStep(1e6).build();
        StepSearch s = rule.newSearch(1);
        assertEquals(1e6, s.search(line, 0, -1, new double[1], new double[1]), 0.0);
    }

    @Test
    void failsWithNaNOnAnAscentDirectionOrABrokenFunction() {
        StepSearch s = StrongWolfe.defaults().newSearch(1);
        Line up = new Line(t -> t, t -> 1);
        assertTrue(Double.isNaN(s.search(up, 0, 1, new double[1], new double[1])));
        Line broken = new Line(t -> Double.NaN, t -> Double.NaN);
        assertTrue(Double.isNaN(s.search(broken, 0, -1, new double[1], new double[1])));
        assertTrue(s.lastEvaluations() <= StrongWolfe.defaults().maxTrials());
    }

    @Test
    void recoversFromANonFiniteTrialByComingBack() {
        // φ(t) = (t − 1)² on t < 2, NaN beyond (outside the domain): first trial 8 is NaN
        Line line = new Line(t -> t < 2 ? (t - 1) * (t - 1) : Double.NaN, t -> t < 2 ? 2 * (t - 1) : Double.NaN);
        StepSearch s = StrongWolfe.builder().initialStep(8).build().newSearch(1);
        double t = s.search(line, 1, -2, new double[1], new double[1]);
        assertTrue(t > 0 && t < 2, "t = " + t);
        assertTrue(Math.abs(2 * (t - 1)) <= 0.9 * 2);
    }

    @Test
    void rejectsBadConstants() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrongWolfe.builder().c1(-1e-4));
        assertTrue(e.getMessage().contains("c1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StrongWolfe.builder().c1(0.5).c2(0.4).build());
        assertTrue(e.getMessage().contains("c1") && e.getMessage().contains("c2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StrongWolfe.builder().initialStep(-1));
        assertTrue(e.getMessage().contains("initialStep"), e.getMessage());
        assertEquals(0.1, StrongWolfe.forConjugateGradient().c2(), 0.0);
        assertEquals(0.9, StrongWolfe.defaults().c2(), 0.0);
        assertEquals(1e-4, StrongWolfe.defaults().c1(), 0.0);
    }
}
