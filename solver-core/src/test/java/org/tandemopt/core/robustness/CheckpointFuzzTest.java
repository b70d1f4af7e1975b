package org.tandemopt.core.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.BarzilaiBorwein;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.linesearch.DecayingStep;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.CompositeProblem;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.HeavyBall;
import org.tandemopt.core.optim.INNA;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.Nesterov;
import org.tandemopt.core.optim.Newton;
import org.tandemopt.core.optim.NewtonCG;
import org.tandemopt.core.optim.ProximalGradient;
import org.tandemopt.core.optim.prox.L1Norm;

/**
 * Seeded fuzzing of checkpoints: {@link Checkpoint#read} on files written by a real run and then corrupted
 * (random truncation, a random byte changed, wrong magic or version, wrong kind, an announced count
 * that does not match, a non-numeric value, a line deleted), and the restore of a checkpoint into an optimizer
 * of another configuration, another dimension or another kind. A corrupted file is refused with an
 * {@link IllegalArgumentException} naming the file and line, a checkpoint that does not fit the restoring
 * optimizer with one naming the checkpoint's kind, configuration or entry; whatever is accepted resumes with an
 * honest status (a claimed convergence is re-checked). An intact checkpoint resumes bit for bit like the
 * uninterrupted run.
 */
class CheckpointFuzzTest {

    @TempDir
    static Path dir;

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /** Extended Rosenbrock {@code Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²} in dimension d, by automatic differentiation. */
    static DifferentiableFunction rosenbrock(int d) {
        return AutoDiff.function(d, x -> x.slice(1, d).minus(x.slice(0, d - 1).square()).square().times(100).sum()
                .plus(x.slice(0, d - 1).subtractedFrom(1).square().sum()));
    }

    /** One resumable optimizer, with its problem in a given dimension, start and restore. */
    record Case<P, S extends IterationState & Resumable<S>>(String name, IterativeAlgorithm<P, S> algorithm,
            Function<DifferentiableFunction, P> problem, BiFunction<P, double[], S> start,
            BiFunction<P, Checkpoint, S> restore, BiFunction<P, Checkpoint, S> restoreOther) {

        S startAt(int d) {
            double[] x0 = new double[d];
            for (int i = 0; i < d; i++) {
                x0[i] = i % 2 == 0 ? -1.2 : 1;
            }
            return start.apply(problem.apply(rosenbrock(d)), x0);
        }

        RunResult<S> run(S s, int d, SolveOptions options) {
            return Driver.run(algorithm, problem.apply(rosenbrock(d)), s, options);
        }
    }

    static <P, S extends IterationState & Resumable<S>> Case<P, S> of(String name, IterativeAlgorithm<P, S> a,
            Function<DifferentiableFunction, P> problem, BiFunction<P, double[], S> start,
            BiFunction<P, Checkpoint, S> restore, BiFunction<P, Checkpoint, S> other) {
        return new Case<>(name, a, problem, start, restore, other);
    }

    static final List<Case<?, ?>> CASES = cases();

    static List<Case<?, ?>> cases() {
        List<Case<?, ?>> all = new ArrayList<>();
        Function<DifferentiableFunction, DifferentiableFunction> self = f -> f;
        GradientDescent gd = GradientDescent.defaults();
        all.add(of("GradientDescent", gd, self, gd::start, gd::restore,
                GradientDescent.withStepRule(new ConstantStep(1e-3))::restore));
        GradientDescent bb = GradientDescent.withStepRule(BarzilaiBorwein.builder().nonmonotone(5).build());
        all.add(of("GradientDescent-BB", bb, self, bb::start, bb::restore,
                GradientDescent.withStepRule(BarzilaiBorwein.builder().nonmonotone(6).build())::restore));
        LBFGS lbfgs = LBFGS.builder().memory(3).build();
        all.add(of("LBFGS", lbfgs, self, lbfgs::start, lbfgs::restore, LBFGS.defaults()::restore));
        Newton newton = Newton.defaults();
        all.add(of("Newton", newton, self, newton::start, newton::restore,
                Newton.withStepRule(new ConstantStep(0.5))::restore));
        NewtonCG ncg = NewtonCG.defaults();
        all.add(of("NewtonCG", ncg, self, ncg::start, ncg::restore,
                NewtonCG.builder().maxInnerIterations(1).build()::restore));
        HeavyBall hb = HeavyBall.builder(1e-3).momentum(0.5).build();
        all.add(of("HeavyBall", hb, self, hb::start, hb::restore, HeavyBall.builder(1e-3).momentum(0.6).build()::restore));
        Nesterov agd = Nesterov.builder(1e-3).build();
        all.add(of("Nesterov", agd, self, agd::start, agd::restore,
                Nesterov.builder(1e-3).restart(false).build()::restore));
        INNA inna = INNA.builder().schedule(new DecayingStep(1e-3, 1, 0.5)).build();
        all.add(of("INNA", inna, self, inna::start, inna::restore, INNA.defaults()::restore));
        Function<DifferentiableFunction, CompositeProblem> lasso = f -> new CompositeProblem(f, L1Norm.of(0.1));
        ProximalGradient fista = ProximalGradient.builder().accelerated(true)
                .restart(ProximalGradient.Restart.FUNCTION_VALUE).build();
        all.add(of("FISTA-L1", fista, lasso, fista::start, fista::restore, ProximalGradient.fista()::restore));
        return all;
    }

    /** Only the iteration budget stops a run. */
    static SolveOptions until(int totalIterations) {
        return SolveOptions.builder().maxIterations(totalIterations).convergence(p -> null).build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Case<Object, ?> pick(SplittableRandom rnd) {
        return (Case) CASES.get(rnd.nextInt(CASES.size()));
    }

    /** The checkpoint's text without the elapsed time (the only entry allowed to differ between runs). */
    static String comparable(Checkpoint c) {
        StringBuilder sb = new StringBuilder(c.kind());
        for (String name : c.names()) {
            if (name.equals("elapsedNanos")) {
                continue;
            }
            sb.append('\n').append(name).append(' ');
            try {
                sb.append(Arrays.toString(c.doubles(name)));
            } catch (IllegalArgumentException notDoubles) {
                try {
                    sb.append(c.longValue(name));
                } catch (IllegalArgumentException notLong) {
                    sb.append(c.text(name));
                }
            }
        }
        return sb.toString();
    }

    /** Replaces one line (0-based) of the text. */
    static String replaceLine(String text, int index, String line) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.set(index, line);
        return String.join("\n", lines);
    }

    /** Indices of the lines starting with {@code prefix}. */
    static List<Integer> linesStarting(String text, String prefix) {
        List<Integer> idx = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                idx.add(i);
            }
        }
        return idx;
    }

    /** Any byte value: not UTF-8, a stray '%' or a broken escape in a percent-encoded text, a line break... */
    static byte anyByte(SplittableRandom rnd) {
        return (byte) rnd.nextInt(256);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void corruptedCheckpointsAreRefusedWithFileAndLineOrResumeHonestly(long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        Case<Object, ?> c = pick(rnd);
        runCorrupted(rnd, c, seed);
    }

    <S extends IterationState & Resumable<S>> void runCorrupted(SplittableRandom rnd, Case<Object, S> c, long seed)
            throws IOException {
        int n = 2 + rnd.nextInt(2);
        S s = c.startAt(n);
        c.run(s, n, until(3));
        Path file = dir.resolve("fuzz-" + seed + ".ckpt");
        s.toCheckpoint().write(file);
        // the elapsed time is the only entry that differs between runs: fix it so that the byte positions
        // drawn below, and so every seed, are reproducible
        String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll("(?m)^long elapsedNanos \\d+$",
                "long elapsedNanos 1234567");
        Files.writeString(file, text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int mode = rnd.nextInt(8);
        boolean mustFailRead;
        switch (mode) {
            case 0 -> { // truncation anywhere before the end of the final "end" line
                Files.write(file, Arrays.copyOf(bytes, rnd.nextInt(bytes.length - 1)));
                mustFailRead = true;
            }
            case 1 -> { // one byte changed to any value, anywhere
                byte[] flipped = bytes.clone();
                flipped[rnd.nextInt(flipped.length)] = anyByte(rnd);
                Files.write(file, flipped);
                mustFailRead = false;
            }
            case 2 -> { // wrong magic or version
                String first = new String[] {"tandem-checkpoint 2", "tandem-checkpoint x", "tandem-checkpoin 1", "",
                        "TANDEM-CHECKPOINT 1", "tandem-checkpoint 99999999999", "tandem-checkpoint -1"}[rnd.nextInt(7)];
                Files.writeString(file, replaceLine(text, 0, first));
                mustFailRead = true;
            }
            case 3 -> { // wrong kind: read succeeds, restore must refuse
                Files.writeString(file, replaceLine(text, 1, "kind " + new String[] {"Other.State", "", "x+y"}
                        [rnd.nextInt(3)]));
                mustFailRead = false;
            }
            case 4 -> { // announced count off by one or negative
                List<Integer> doubles = linesStarting(text, "doubles ");
                int i = doubles.get(rnd.nextInt(doubles.size()));
                String[] p = text.split("\n", -1)[i].split(" ");
                int count = Integer.parseInt(p[2]);
                p[2] = Integer.toString(new int[] {count + 1, count - 1, -1, Integer.MAX_VALUE}[rnd.nextInt(4)]);
                Files.writeString(file, replaceLine(text, i, String.join(" ", p)));
                mustFailRead = true;
            }
            case 5 -> { // a non-numeric value in a number entry
                List<Integer> numbers = linesStarting(text, "doubles ");
                numbers.addAll(linesStarting(text, "long "));
                int i = numbers.get(rnd.nextInt(numbers.size()));
                String[] p = text.split("\n", -1)[i].split(" ");
                if (p.length <= 3 && p[0].equals("doubles")) {
                    p[2] = "x"; // an empty array: spoil the count instead
                    mustFailRead = true;
                } else {
                    String token = new String[] {"abc", "1.0.0", "NaNx", "0x1p3", "1e", "--1", "9223372036854775808",
                            "1,5"}[rnd.nextInt(8)];
                    p[p[0].equals("long") ? 2 : 3 + rnd.nextInt(p.length - 3)] = token;
                    // a hexadecimal double and a number beyond the long range are valid doubles (not longs)
                    mustFailRead = p[0].equals("long") || !(token.equals("0x1p3") || token.startsWith("92"));
                }
                Files.writeString(file, replaceLine(text, i, String.join(" ", p)));
            }
            case 6 -> { // a line deleted (not the magic): the read or the restore must notice
                List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
                int i = 1 + rnd.nextInt(lines.size() - 2);
                lines.remove(i);
                Files.writeString(file, String.join("\n", lines));
                mustFailRead = false;
            }
            default -> mustFailRead = false; // intact
        }
        Checkpoint read;
        try {
            read = Checkpoint.read(file);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line"),
                    "mode " + mode + ": message '" + e.getMessage() + "' names no file and line");
            return;
        }
        assertTrue(!mustFailRead, "mode " + mode + ": corrupted file read without complaint:\n"
                + Files.readString(file, StandardCharsets.ISO_8859_1));
        Object problem = c.problem().apply(rosenbrock(n));
        S restored;
        try {
            restored = c.restore().apply(problem, read);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            assertTrue(mode != 7, "intact checkpoint refused: " + e.getMessage());
            assertTrue(e.getMessage().contains("checkpoint") || e.getMessage().startsWith("memory"),
                    "mode " + mode + ": message '" + e.getMessage() + "' names neither the checkpoint nor an entry");
            return;
        }
        assertTrue(mode != 3 && mode != 6, "mode " + mode
                + ": a checkpoint of another kind or with a missing entry was restored");
        // whatever was accepted resumes with an honest status
        SolveOptions options = SolveOptions.builder().maxIterations(20).gradientTolerance(1e-6).build();
        RunResult<S> r = assertThrowsNothing(() -> c.run(restored, n, options), c.name());
        assertNotNull(r.termination());
        if (mode == 7) {
            // intact: bit for bit like the uninterrupted run
            S straight = c.startAt(n);
            c.run(straight, n, until(3));
            c.run(straight, n, options);
            assertEquals(comparable(straight.toCheckpoint()), comparable(restored.toCheckpoint()), c.name());
        }
    }

    static <T> T assertThrowsNothing(java.util.function.Supplier<T> call, String what) {
        return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(FuzzTest.HANG_GUARD, call::get, what);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void checkpointsOfAnotherConfigurationDimensionOrKindAreRefused(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        runMismatch(rnd, pick(rnd));
    }

    <S extends IterationState & Resumable<S>> void runMismatch(SplittableRandom rnd, Case<Object, S> c) {
        int n = 2 + rnd.nextInt(2);
        S s = c.startAt(n);
        c.run(s, n, until(1 + rnd.nextInt(4)));
        Checkpoint ckpt = s.toCheckpoint();
        int mode = rnd.nextInt(4);
        IllegalArgumentException e = switch (mode) {
            case 0 -> assertThrows(IllegalArgumentException.class,
                    () -> c.restoreOther().apply(c.problem().apply(rosenbrock(n)), ckpt));
            case 1 -> assertThrows(IllegalArgumentException.class,
                    () -> c.restore().apply(c.problem().apply(rosenbrock(n == 2 ? 3 : 2)), ckpt));
            case 2 -> {
                Case<Object, ?> other;
                do {
                    other = pick(rnd);
                } while (other == c);
                Case<Object, ?> o = other;
                yield assertThrows(IllegalArgumentException.class,
                        () -> o.restore().apply(o.problem().apply(rosenbrock(n)), ckpt));
            }
            default -> assertThrows(IllegalArgumentException.class,
                    () -> c.restore().apply(c.problem().apply(rosenbrock(n)), null));
        };
        String m = e.getMessage();
        assertNotNull(m);
        switch (mode) {
            case 0 -> assertTrue(m.contains("configuration"), m);
            case 1 -> assertTrue(m.contains("checkpoint entry '") && m.contains("expected " + (n == 2 ? 3 : 2)), m);
            case 2 -> assertTrue(m.contains("kind") || m.contains("configuration"), m);
            default -> assertTrue(m.startsWith("checkpoint"), m);
        }
    }
}
