package org.tandemopt.minmax.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.MinMaxSolver;

/** REFERENCE-PROBLEMS.md M1 (bilinear x·y) and M2 (a global minimax point that is not a local Nash point). */
class BilinearAndNonNashTest {

    static final MinMaxProblem M1 = MinMaxProblem.builder(Problems.BILINEAR)
            .start(new double[] {1}, new double[] {1})
            .knownSolution(new double[] {0}, new double[] {0}).build();

    static final SolveOptions HUNDRED = SolveOptions.builder().maxIterations(100).gradientTolerance(0).build();

    static Stream<Arguments> m1() {
        return Stream.of(
                // method, η, table value, closed form
                Arguments.of("GDA", 0.1, 2.326, Math.sqrt(2) * Math.pow(1 + 0.01, 50)),
                Arguments.of("GDA", 0.5, 9.909e4, Math.sqrt(2) * Math.pow(1 + 0.25, 50)),
                Arguments.of("EG", 0.1, 0.8599, Math.sqrt(2) * Math.pow(1 - 0.01 + 1e-4, 50)),
                Arguments.of("EG", 0.5, 4.382e-5, Math.sqrt(2) * Math.pow(1 - 0.25 + 0.0625, 50)),
                Arguments.of("OGDA", 0.1, 0.86, Double.NaN),
                Arguments.of("OGDA", 0.5, 8.97e-14, Double.NaN));
    }

    static MinMaxSolver solver(String name, double eta) {
        return switch (name) {
            case "GDA" -> GradientDescentAscent.simultaneous(eta, eta);
            case "EG" -> Extragradient.of(eta);
            case "OGDA" -> OptimisticGradientDescentAscent.of(eta);
            default -> throw new AssertionError(name);
        };
    }

    @ParameterizedTest(name = "{0} eta={1}")
    @MethodSource("m1")
    void m1NormAfterHundredIterations(String method, double eta, double table, double closedForm) {
        MinMaxResult r = solver(method, eta).solve(M1, HUNDRED);
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertEquals(100, r.iterations());
        double norm = Math.hypot(r.x()[0], r.y()[0]);
        assertEquals(norm, r.distanceToSolution(), 1e-15 * norm);
        // the table's rounded value to 1e-3 relative (0.86 is given to two digits)
        double tableTolerance = method.equals("OGDA") && eta == 0.1 ? 5e-3 : 1e-3;
        assertEquals(table, norm, tableTolerance * table, method + " eta " + eta);
        if (!Double.isNaN(closedForm)) {
            // the closed-form rate holds to rounding
            assertEquals(closedForm, norm, 1e-12 * closedForm);
        }
        // gradient evaluations: one per GDA/OGDA iteration, two per extragradient iteration, plus the start
        assertEquals(method.equals("EG") ? 201 : 101, r.gradientEvaluations());
    }

    @Test
    void m1OptimisticMatchesTheReflectedRecursion() {
        // z⁺ = z − 2ηF(z) + ηF(z_prev), F(z_{−1}) = F(z_0), F(x, y) = (y, −x), computed here directly
        for (double eta : new double[] {0.1, 0.5}) {
            double x = 1;
            double y = 1;
            double fxPrev = y;
            double fyPrev = -x;
            for (int k = 0; k < 100; k++) {
                double fx = y;
                double fy = -x;
                x = x - 2 * eta * fx + eta * fxPrev;
                y = y - 2 * eta * fy + eta * fyPrev;
                fxPrev = fx;
                fyPrev = fy;
            }
            MinMaxResult r = OptimisticGradientDescentAscent.of(eta).solve(M1, HUNDRED);
            double scale = Math.hypot(x, y);
            assertEquals(x, r.x()[0], 1e-12 * scale);
            assertEquals(y, r.y()[0], 1e-12 * scale);
        }
    }

    // ------------------------------------------------------------------ M2

    static final MinMaxProblem M2 = MinMaxProblem.builder(Problems.NOT_NASH)
            .start(new double[] {5}, new double[] {7})
            .knownSolution(new double[] {0}, new double[] {0}).build();

    @ParameterizedTest(name = "{0}")
    @MethodSource("m2")
    void m2FirstOrderMethodsDiverge(String method) {
        // ‖z‖ ≈ 1e44–1e48 after 1000 iterations: with the bound 1e40 each run ends DIVERGED before its budget
        SolveOptions o = SolveOptions.builder().maxIterations(1000).gradientTolerance(1e-10).divergenceBound(1e40)
                .trace(true).build();
        MinMaxResult r = solver(method, 0.05).solve(M2, o);
        assertEquals(Termination.DIVERGED, r.termination(), r.toString());
        assertTrue(r.iterations() < 1000);
        IterationRecord last = r.trace().records().get(r.trace().records().size() - 1);
        assertTrue(last.pointNorm() > 1e40 || Math.abs(last.value()) > 1e40, last.toString());
        // and without a bound, 1000 iterations reach the reference magnitudes
        MinMaxResult free = solver(method, 0.05).solve(M2, SolveOptions.builder().maxIterations(1000)
                .gradientTolerance(0).build());
        double norm = Math.hypot(free.x()[0], free.y()[0]);
        assertTrue(norm > 1e43 && norm < 1e49, method + ": " + norm);
    }

    static Stream<String> m2() {
        return Stream.of("GDA", "EG", "OGDA");
    }

    @Test
    void m2RidgeMethodReachesTheMinimaxPoint() {
        for (double expansion : new double[] {1, 2}) {
            RidgeMethod ridge = RidgeMethod.builder().outerStep(org.tandemopt.core.linesearch.ArmijoBacktracking
                    .builder().armijo(0.5).expansion(expansion).build()).build();
            MinMaxResult r = ridge.solve(M2, SolveOptions.builder().gradientTolerance(1e-10).build());
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
            assertEquals(0.0, r.x()[0], 1e-8);
            assertEquals(0.0, r.y()[0], 1e-8);
            assertTrue(r.distanceToSolution() <= 1e-8, r.toString());
            assertEquals(0.0, r.value(), 1e-16); // G(x) = x²
        }
    }

    @Test
    void m2TwoTimescaleGdaConvergesWhenTheMaxPlayerIsFastEnough() {
        // The GDA flow x' = −∇_x L = 6x − 4y, y' = τ∇_y L = τ(4x − 2y) has trace 6 − 2τ and determinant 4τ:
        // (0, 0) attracts exactly when τ = η_y/η_x > 3 (Jin, Netrapalli, Jordan, ICML 2020).
        SolveOptions o = SolveOptions.builder().maxIterations(20_000).gradientTolerance(1e-10)
                .divergenceBound(1e40).build();
        MinMaxResult fast = GradientDescentAscent.simultaneous(0.01, 0.05).solve(M2, o); // τ = 5
        assertEquals(Termination.CONVERGED_GRADIENT, fast.termination(), fast.toString());
        assertTrue(fast.distanceToSolution() <= 1e-10, fast.toString());
        MinMaxResult slow = GradientDescentAscent.simultaneous(0.01, 0.02).solve(M2, o); // τ = 2
        assertEquals(Termination.DIVERGED, slow.termination(), slow.toString());
    }
}
