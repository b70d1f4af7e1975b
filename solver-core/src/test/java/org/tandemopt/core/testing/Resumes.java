package org.tandemopt.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/**
 * The resume-equality scenario of the bilevel and min-max solvers, written once: a run stopped at a seeded
 * iteration {@code k}, saved to a file, read back and continued by a freshly built solver must end bit for bit
 * where the uninterrupted run ends. Three ways to stop: an interrupter raised by a listener at iteration
 * {@code k}, an iteration budget of {@code k}, and a crash (a listener throwing at iteration {@code k + 1}) after
 * checkpoints every 2 iterations to a file.
 */
public final class Resumes {

    private Resumes() {
    }

    /** Asserts that a resumed result is bit for bit the uninterrupted one. */
    public interface SameResult<R> {
        void assertSame(R whole, R resumed, String what);
    }

    /**
     * One solver on one problem, as the scenario sees it: {@code solve} and {@code resume} build the solver
     * afresh at every call; the other functions read a result.
     */
    public record Runs<R>(Function<SolveOptions, R> solve, BiFunction<Checkpoint, SolveOptions, R> resume,
                          Function<R, Checkpoint> checkpoint, ToIntFunction<R> iterations,
                          Function<R, Termination> termination, SameResult<R> same) {

        R solve(SolveOptions options) {
            return solve.apply(options);
        }

        R resume(Checkpoint c, SolveOptions options) {
            return resume.apply(c, options);
        }

        Checkpoint checkpoint(R r) {
            return checkpoint.apply(r);
        }

        int iterations(R r) {
            return iterations.applyAsInt(r);
        }

        Termination termination(R r) {
            return termination.apply(r);
        }

        void assertSame(R whole, R resumed, String what) {
            same.assertSame(whole, resumed, what);
        }
    }

    /**
     * Runs the scenario with options {@code maxIterations(iterations)}, gradient tolerance {@code 1e-13} and a
     * trace; {@code k = 1 + SplittableRandom(seed).nextInt(whole iterations − 1)}; checkpoint files in {@code dir}.
     */
    public static <R> void assertResumesEqual(String name, Runs<R> runs, int iterations, int seed, Path dir) {
        SolveOptions options = SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-13).trace(true)
                .build();
        R whole = runs.solve(options);
        int wholeIterations = runs.iterations(whole);
        assertTrue(wholeIterations >= 3, name + " ran only " + wholeIterations + " iterations: " + whole);
        int k = 1 + new SplittableRandom(seed).nextInt(wholeIterations - 1);

        // 1. an interrupter raised by a listener when iteration k is recorded: the driver stops before step k+1
        Interrupter raise = new Interrupter();
        R first = runs.solve(options.toBuilder().interrupter(raise).listener(FaultRuns.atIteration(k, raise::interrupt))
                .build());
        assertEquals(Termination.INTERRUPTED, runs.termination(first), name);
        assertEquals(k, runs.iterations(first), name);
        Path file = dir.resolve("run.ckpt");
        runs.checkpoint(first).write(file);
        runs.assertSame(whole, runs.resume(Checkpoint.read(file), options), name + " (interrupter)");

        // 2. an iteration budget of k, then the full budget (it counts from the original start)
        R budget = runs.solve(options.withMaxIterations(k));
        assertEquals(k, runs.iterations(budget), name);
        runs.checkpoint(budget).write(file);
        runs.assertSame(whole, runs.resume(Checkpoint.read(file), options), name + " (budget)");

        // 3. a crash at iteration k+1 (k < whole iterations) with a checkpoint every 2 iterations: resume from the
        // last file written
        Path periodic = dir.resolve("periodic.ckpt");
        SolveOptions crashing = options.toBuilder().checkpointEvery(2, periodic).listener(r -> {
            if (r.iteration() == k + 1) {
                throw new IllegalStateException("simulated crash");
            }
            return IterationListener.Decision.CONTINUE;
        }).build();
        assertThrows(IllegalStateException.class, () -> runs.solve(crashing));
        Checkpoint saved = Checkpoint.read(periodic);
        assertEquals(2 * (k / 2), saved.longValue("iteration"), name);
        assertEquals(saved.longValue("iteration") + 1, saved.trace().size(), name);
        runs.assertSame(whole, runs.resume(saved, options), name + " (crash)");
    }
}
