package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;

/**
 * Periodic checkpoints written by the driver ({@code SolveOptions.checkpointEvery}) and resuming with the saved
 * trace: a run that crashes (a listener throws) after periodic checkpoints, restored from the last file and
 * continued with {@code Driver.run(..., checkpoint.trace())}, ends with the iterates, counters and the whole trace
 * of the uninterrupted run; traces survive the file bit for bit (NaN, infinities, extras with spaces).
 */
class PeriodicCheckpointTest {

    @ParameterizedTest(name = "crash at iteration {0}")
    @ValueSource(ints = {1, 2, 5, 12, 17})
    void aCrashedRunResumedFromItsLastPeriodicCheckpointEqualsTheUninterruptedRun(int crashAt, @TempDir Path dir) {
        DifferentiableFunction f = ReferenceProblems.rosenbrock(10).f();
        double[] x0 = ReferenceProblems.rosenbrock(10).start();
        LBFGS lbfgs = LBFGS.defaults();
        SolveOptions options = SolveOptions.builder().maxIterations(25).trace(true).build();
        var whole = Driver.run(lbfgs, f, lbfgs.start(f, x0), options);
        assertEquals(25, whole.state().iteration());

        Path file = dir.resolve("lbfgs.ckpt");
        SolveOptions crashing = options.toBuilder().checkpointEvery(3, file).listener(r -> {
            if (r.iteration() == crashAt) {
                throw new IllegalStateException("simulated crash");
            }
            return IterationListener.Decision.CONTINUE;
        }).build();
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> Driver.run(lbfgs, f, lbfgs.start(f, x0), crashing));
        assertEquals(1, crash.getSuppressed().length, "the run snapshot is attached");
        Checkpoint saved = Checkpoint.read(file);
        int savedAt = (int) saved.longValue("iteration");
        assertEquals(3 * ((crashAt - 1) / 3), savedAt, "last multiple of 3 before the crash");
        assertEquals(savedAt + 1, saved.trace().size());

        var resumed = Driver.run(lbfgs, f, LBFGS.defaults().restore(f, saved), options, saved.trace());
        assertArrayEquals(whole.state().point(), resumed.state().point(), 0.0);
        assertEquals(whole.state().value(), resumed.state().value(), 0.0);
        assertEquals(whole.state().gradientEvaluations(), resumed.state().gradientEvaluations());
        assertEquals(whole.state().valueEvaluations(), resumed.state().valueEvaluations());
        assertEquals(whole.termination(), resumed.termination());
        assertEquals(whole.trace().size(), resumed.trace().size());
        for (int i = 0; i < whole.trace().size(); i++) {
            IterationRecord a = whole.trace().get(i);
            IterationRecord b = resumed.trace().get(i);
            assertEquals(a.iteration(), b.iteration());
            assertEquals(a.value(), b.value(), 0.0, "record " + i);
            assertEquals(a.gradientNorm(), b.gradientNorm(), 0.0, "record " + i);
            assertEquals(a.stepSize(), b.stepSize(), 0.0, "record " + i);
            assertEquals(a.gradientEvaluations(), b.gradientEvaluations(), "record " + i);
        }
    }

    @Test
    void theFinalCheckpointOfABudgetedRunContinuesIt(@TempDir Path dir) {
        DifferentiableFunction f = ReferenceProblems.beale().f();
        LBFGS lbfgs = LBFGS.defaults();
        Path file = dir.resolve("final.ckpt");
        var first = Driver.run(lbfgs, f, lbfgs.start(f, new double[] {1, 1}),
                SolveOptions.builder().maxIterations(4).checkpointEvery(100, file).build());
        assertEquals(Termination.MAX_ITERATIONS, first.termination());
        Checkpoint c = Checkpoint.read(file);
        assertEquals(4, c.longValue("iteration"), "written when the run ended, not only every 100 iterations");
        assertFalse(c.hasTrace(), "no trace requested, none saved");
        assertSame(Trace.empty(), c.trace());
        var rest = Driver.run(lbfgs, f, lbfgs.restore(f, c), SolveOptions.builder().maxIterations(40).build());
        var whole = Driver.run(lbfgs, f, lbfgs.start(f, new double[] {1, 1}),
                SolveOptions.builder().maxIterations(40).build());
        assertArrayEquals(whole.state().point(), rest.state().point(), 0.0);
        assertEquals(whole.termination(), rest.termination());
        assertEquals(whole.state().iteration(), rest.state().iteration());
    }

    @Test
    void aMemoryEntryTheStepRuleRefusesIsReportedWithTheEntryName(@TempDir Path dir) throws Exception {
        DifferentiableFunction f = ReferenceProblems.beale().f();
        LBFGS lbfgs = LBFGS.defaults();
        var r = Driver.run(lbfgs, f, lbfgs.start(f, new double[] {1, 1}), SolveOptions.builder().maxIterations(3).build());
        Path file = dir.resolve("lbfgs.ckpt");
        r.state().toCheckpoint().write(file);
        String text = Files.readString(file).replaceAll("(?m)^doubles stepSearch .*$", "doubles stepSearch 1 0.5");
        Files.writeString(file, text);
        Checkpoint broken = Checkpoint.read(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lbfgs.restore(f, broken));
        assertTrue(e.getMessage().startsWith("checkpoint entry 'stepSearch' (kind "), e.getMessage());
    }

    @Test
    void tracesSurviveTheFileBitForBit(@TempDir Path dir) throws Exception {
        Map<String, Double> e1 = new java.util.LinkedHashMap<>();
        e1.put("inner residual", Double.NaN);
        e1.put("status", 3.0);
        Map<String, Double> e2 = new java.util.LinkedHashMap<>();
        e2.put("inner residual", Double.MIN_VALUE);
        e2.put("status", Double.NEGATIVE_INFINITY);
        Trace t = Trace.of(List.of(
                new IterationRecord(0, 1.0 / 3, Double.NaN, Double.NaN, Double.NaN, 0.1, Double.NaN, 1, 1, 0, 12, e1),
                new IterationRecord(1, -0.0, Double.POSITIVE_INFINITY, 4.9e-324, 1e308, 2, 3, 5, 7, 11,
                        (1L << 53) - 1, e2)), List.of("inner residual", "status"));
        Path file = dir.resolve("trace.ckpt");
        Checkpoint.builder("test").put("x", new double[] {1}).putTrace(t).build().write(file);
        Trace back = Checkpoint.read(file).trace();
        assertEquals(t.extraNames(), back.extraNames());
        assertEquals(t.records(), back.records(), "records (doubles compared by bits through Double.equals)");
        String text = Files.readString(file);
        assertTrue(text.contains("text trace.extraName.0 inner+residual"), text);
        // replacing a trace
        Checkpoint c = Checkpoint.builder("test").putTrace(t).build().withTrace(Trace.empty());
        assertEquals(0, c.trace().size());
    }

    @Test
    void checkpointsOfAStateThatCannotBeSavedAndForeignTracesAreRefused(@TempDir Path dir) {
        IterativeAlgorithm<Object, Plain> counting = new IterativeAlgorithm<>() {
            @Override public void step(Object p, Plain s) { }
            @Override public void measure(Object p, Plain s, Measures out) { out.value(1.0).gradientNorm(1.0).pointNorm(0.0); }
            @Override public List<String> extraNames() { return List.of(); }
            @Override public String describe() { return "counting"; }
        };
        SolveOptions o = SolveOptions.builder().maxIterations(3).checkpointEvery(1, dir.resolve("x")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Driver.run(counting, "p", new Plain(), o));
        assertTrue(e.getMessage().contains("checkpointEvery") && e.getMessage().contains("Resumable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SolveOptions.builder().checkpointEvery(0, dir));
        assertThrows(IllegalArgumentException.class, () -> SolveOptions.builder().checkpointEvery(1, null));

        Trace foreign = Trace.of(List.of(new IterationRecord(0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
                Map.of("other", 1.0))), List.of("other"));
        e = assertThrows(IllegalArgumentException.class,
                () -> Driver.run(counting, "p", new Plain(), SolveOptions.defaults(), foreign));
        assertTrue(e.getMessage().contains("prior trace extras"), e.getMessage());
        RunResult<Plain> r = Driver.run(counting, "p", new Plain(),
                SolveOptions.builder().maxIterations(2).trace(true).build());
        assertEquals(2, r.trace().last().iteration(), r.termination() + " " + r.trace().size());
        Plain fresh = new Plain();
        e = assertThrows(IllegalArgumentException.class,
                () -> Driver.run(counting, "p", fresh, SolveOptions.defaults(), r.trace()));
        assertTrue(e.getMessage().contains("ends at iteration 2"), e.getMessage());
    }

    static final class Plain extends IterationState {
    }
}
