package org.tandemopt.bilevel.robustness;

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
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.BilevelSolver;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.Ridge;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.TestSolvers;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.inner.HeavyBall;
import org.tandemopt.core.linesearch.BarzilaiBorwein;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.testing.Resumes;
import org.tandemopt.core.testing.Traces;

/**
 * Resume equality of the bilevel solvers (SSMS, differentiable programming, AID): a run interrupted at a seeded
 * random iteration, saved to a file, read back and continued by a freshly built solver ends bit for bit where
 * the uninterrupted run ends — upper and lower iterates, value, hypergradient norm, inner residual, every
 * counter, the termination and every trace record (wall times aside). Three ways to stop: an interrupter, an
 * iteration budget, and a crash (a listener throwing) after periodic checkpoints to a file.
 */
public class ResumeEqualityTest {

    static final int ITERATIONS = 30;

    /** Solvers whose state carries something between iterations: warm inner states, adjoints, Jacobians, power
     *  iterations, heavy-ball momentum, Barzilai–Borwein and Armijo memories. */
    static Stream<Arguments> solvers() {
        Stream<Arguments> named = Stream.of(
                Arguments.of("SSMS default (warm forward, power-iteration step, Armijo)",
                        (Supplier<BilevelSolver>) SingleStepMultiStep::defaults),
                Arguments.of("SSMS implicit CG, adaptive inner steps, constant step",
                        (Supplier<BilevelSolver>) () -> SingleStepMultiStep.builder()
                                .estimator(ImplicitDifferentiation.with(TestSolvers.coreCg(1e-12, 60)))
                                .adaptiveInnerSteps(0.1, 1e-10, 2, 40).stepRule(new ConstantStep(1000)).build()),
                Arguments.of("SSMS heavy-ball inner, Barzilai-Borwein",
                        (Supplier<BilevelSolver>) () -> SingleStepMultiStep.builder()
                                .inner(HeavyBall.of(0.05, 0.5)).stepRule(BarzilaiBorwein.defaults()).build()),
                Arguments.of("DP reverse mode, sqrt checkpointing",
                        (Supplier<BilevelSolver>) () -> DifferentiableProgramming.builder().innerSteps(40)
                                .memory(Checkpointing.sqrt()).stepRule(new ConstantStep(1000)).build()),
                Arguments.of("DP forward mode, Armijo",
                        (Supplier<BilevelSolver>) () -> DifferentiableProgramming.builder().innerSteps(40)
                                .forwardMode().build()),
                Arguments.of("AID implicit CG (warm adjoint)",
                        (Supplier<BilevelSolver>) () -> ApproximateImplicitGradient.builder(
                                TestSolvers.coreCg(1e-13, 100)).innerTolerance(1e-12)
                                .stepRule(new ConstantStep(1000)).build()));
        return named.flatMap(a -> IntStream.range(0, 3).mapToObj(seed -> Arguments.of(a.get()[0], a.get()[1], seed)));
    }

    @ParameterizedTest(name = "{0}, seed {2}")
    @MethodSource("solvers")
    void interruptedSavedAndResumedRunEqualsTheUninterruptedOne(String name, Supplier<BilevelSolver> solver, int seed,
                                                               @TempDir Path dir) {
        BilevelProblem b3 = Ridge.b3(-4);
        Resumes.Runs<BilevelResult> runs = new Resumes.Runs<>(o -> solver.get().solve(b3, o),
                (c, o) -> solver.get().resume(b3, c, o), BilevelResult::checkpoint, BilevelResult::iterations,
                BilevelResult::termination, ResumeEqualityTest::assertSame);
        Resumes.assertResumesEqual(name, runs, ITERATIONS, seed, dir);
    }

    @Test
    void aCheckpointOfAnotherConfigurationOrProblemIsRefusedWithItsReason(@TempDir Path dir) {
        BilevelProblem b3 = Ridge.b3(-4);
        BilevelResult r = SingleStepMultiStep.defaults().solve(b3, SolveOptions.builder().maxIterations(3).build());
        Checkpoint c = r.checkpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingleStepMultiStep.builder().innerSteps(11).build().resume(b3, c, SolveOptions.defaults()));
        assertTrue(e.getMessage().contains("configuration") && e.getMessage().contains("innerSteps=11"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SingleStepMultiStep.defaults().resume(Ridge.b1(1), c, SolveOptions.defaults()));
        assertTrue(e.getMessage().contains("'x'") || e.getMessage().contains("'innerState'")
                || e.getMessage().contains("memory"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SingleStepMultiStep.defaults().resume(null, c, SolveOptions.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> SingleStepMultiStep.defaults().resume(b3, null, SolveOptions.defaults()));
    }

    /** Asserts that {@code resumed} is bit for bit {@code whole}: results, counters and trace (wall times aside). */
    public static void assertSame(BilevelResult whole, BilevelResult resumed, String what) {
        assertArrayEquals(whole.x(), resumed.x(), 0.0, what + ": x");
        assertArrayEquals(whole.y(), resumed.y(), 0.0, what + ": y");
        assertEquals(whole.value(), resumed.value(), 0.0, what + ": value");
        assertEquals(whole.hypergradientNorm(), resumed.hypergradientNorm(), 0.0, what + ": hypergradient norm");
        assertEquals(whole.innerResidual(), resumed.innerResidual(), 0.0, what + ": inner residual");
        assertEquals(whole.termination(), resumed.termination(), what + ": termination");
        assertEquals(whole.iterations(), resumed.iterations(), what + ": iterations");
        assertEquals(whole.valueEvaluations(), resumed.valueEvaluations(), what + ": value evaluations");
        assertEquals(whole.gradientEvaluations(), resumed.gradientEvaluations(), what + ": gradient evaluations");
        assertEquals(whole.secondOrderEvaluations(), resumed.secondOrderEvaluations(), what + ": second order");
        Traces.assertSameRun(whole.trace(), resumed.trace(), what);
    }
}
