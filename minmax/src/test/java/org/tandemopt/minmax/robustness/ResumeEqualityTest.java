package org.tandemopt.minmax.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.BarzilaiBorwein;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.testing.Resumes;
import org.tandemopt.core.testing.Traces;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.MinMaxSolver;
import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;

/**
 * Resume equality of the min-max solvers (the ridge method; GDA simultaneous and alternating, extragradient,
 * optimistic GDA): a run interrupted at a seeded random iteration — by an interrupter, an iteration budget, or a
 * crash after periodic checkpoints — saved to a file, read back and continued by a freshly built solver ends bit
 * for bit where the uninterrupted run ends: point, value, residuals, every counter, the termination and every
 * trace record (wall times aside).
 */
class ResumeEqualityTest {

    static final int ITERATIONS = 30;

    /** REFERENCE-PROBLEMS.md M3.2: L = x y − y⁴/4 + (x − 1)²/2 (Hölder ridge), from x0 = −1, defined by AD. */
    static final MinMaxProblem M32 = MinMaxProblem.builder(SaddleFunction.of(AutoDiff.parametric(1, 1, (x, y) ->
                    x.times(y).minus(y.pow(4).times(0.25)).plus(x.minus(1).square().times(0.5)).sum())))
            .start(new double[] {-1}, new double[] {0}).build();

    static final double[] C = {1, -2, 0.5};
    /** ½‖x‖² + 2xᵀy − ½‖y‖² + cᵀx: strongly convex-concave, rotational enough that GDA needs many steps. */
    static final MinMaxProblem QUADRATIC = MinMaxProblem.builder(SaddleFunction.of(AutoDiff.parametric(3, 3, (x, y) ->
                    x.squaredNorm().times(0.5).plus(x.dot(y).times(2)).minus(y.squaredNorm().times(0.5))
                            .plus(x.dot(C)))))
            .start(new double[] {2, 2, 2}, new double[] {-1, 0, 1}).build();

    static Stream<Arguments> solvers() {
        Stream<Arguments> named = Stream.of(
                Arguments.of("ridge method on M3.2", M32,
                        (Supplier<MinMaxSolver>) RidgeMethod::defaults),
                Arguments.of("ridge method, tight inner tolerance, quadratic", QUADRATIC,
                        (Supplier<MinMaxSolver>) () -> RidgeMethod.builder().innerToleranceFactor(1e-8).build()),
                Arguments.of("simultaneous GDA", QUADRATIC,
                        (Supplier<MinMaxSolver>) () -> GradientDescentAscent.simultaneous(0.05, 0.05)),
                Arguments.of("alternating GDA with Armijo and Barzilai-Borwein", QUADRATIC,
                        (Supplier<MinMaxSolver>) () -> GradientDescentAscent.builder().alternating(true)
                                .stepRules(ArmijoBacktracking.defaults(), BarzilaiBorwein.defaults()).build()),
                Arguments.of("extragradient", QUADRATIC, (Supplier<MinMaxSolver>) () -> Extragradient.of(0.05)),
                Arguments.of("optimistic GDA", QUADRATIC,
                        (Supplier<MinMaxSolver>) () -> OptimisticGradientDescentAscent.of(0.05)));
        return named.flatMap(a -> IntStream.range(0, 3).mapToObj(seed -> Arguments.of(a.get()[0], a.get()[1],
                a.get()[2], seed)));
    }

    @ParameterizedTest(name = "{0}, seed {3}")
    @MethodSource("solvers")
    void interruptedSavedAndResumedRunEqualsTheUninterruptedOne(String name, MinMaxProblem problem,
                                                               Supplier<MinMaxSolver> solver, int seed,
                                                               @TempDir Path dir) {
        Resumes.Runs<MinMaxResult> runs = new Resumes.Runs<>(o -> solver.get().solve(problem, o),
                (c, o) -> solver.get().resume(problem, c, o), MinMaxResult::checkpoint, MinMaxResult::iterations,
                MinMaxResult::termination, ResumeEqualityTest::assertSame);
        Resumes.assertResumesEqual(name, runs, ITERATIONS, seed, dir);
    }

    @Test
    void aCheckpointOfAnotherSolverOrConfigurationIsRefusedWithItsReason() {
        Checkpoint eg = Extragradient.of(0.05).solve(QUADRATIC, SolveOptions.builder().maxIterations(2).build())
                .checkpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Extragradient.of(0.06).resume(QUADRATIC, eg, SolveOptions.defaults()));
        assertTrue(e.getMessage().contains("configuration"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RidgeMethod.defaults().resume(QUADRATIC, eg, SolveOptions.defaults()));
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Extragradient.of(0.05).resume(M32, eg, SolveOptions.defaults()));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    static void assertSame(MinMaxResult whole, MinMaxResult resumed, String what) {
        assertArrayEquals(whole.x(), resumed.x(), 0.0, what + ": x");
        assertArrayEquals(whole.y(), resumed.y(), 0.0, what + ": y");
        assertEquals(whole.value(), resumed.value(), 0.0, what + ": value");
        assertEquals(whole.gradientXNorm(), resumed.gradientXNorm(), 0.0, what + ": x residual");
        assertEquals(whole.yResidual(), resumed.yResidual(), 0.0, what + ": y residual");
        assertEquals(whole.termination(), resumed.termination(), what + ": termination");
        assertEquals(whole.iterations(), resumed.iterations(), what + ": iterations");
        assertEquals(whole.valueEvaluations(), resumed.valueEvaluations(), what + ": value evaluations");
        assertEquals(whole.gradientEvaluations(), resumed.gradientEvaluations(), what + ": gradient evaluations");
        Traces.assertSameRun(whole.trace(), resumed.trace(), what);
    }
}
