package org.tandemopt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded fuzzing of the command line ({@link Tandem#run}, in process, output streams captured): each seed builds
 * an argument list for one subcommand with exactly one invalid element — an option value that is not a number,
 * out of range, infinite ("Infinity", "1e400") or NaN, an empty value, a missing value, a malformed or huge plot
 * size, an unknown option, model or command. The run must end at once with exit code 2, print nothing on the
 * standard output, and start its error output with one line naming the option or the token — never a stack
 * trace.
 */
class CliFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** The kinds of option values, each with values that are never valid for it. */
    enum Kind {
        INT_AT_LEAST_1("abc", "1.5", "", "0", "-1", "99999999999", "Infinity", "NaN"),
        INT_AT_LEAST_2("abc", "", "1", "0", "-3", "2.0"),
        POSITIVE("abc", "", "0", "-0.0", "-1", "NaN", "Infinity", "-Infinity", "1e400", "1,5"),
        NON_NEGATIVE("abc", "", "-1", "-1e-300", "NaN", "Infinity", "1e400", "-Infinity"),
        UNIT("1.5", "-0.1", "NaN", "Infinity", "x", ""),
        LONG("abc", "1.5", "99999999999999999999", ""),
        PLOT_SIZE("10x10", "0x0", "axb", "100000x100000", "100", "-200x300", "99x500", "800x", "", "800x500x2"),
        MODEL("nonsense", "", "MIXTURE");

        final String[] invalid;

        Kind(String... invalid) {
            this.invalid = invalid;
        }
    }

    static final Map<String, Map<String, Kind>> COMMANDS = Map.of(
            "compare", Map.of("--iterations", Kind.INT_AT_LEAST_1, "--tolerance", Kind.NON_NEGATIVE,
                    "--inner-steps", Kind.INT_AT_LEAST_1, "--step", Kind.POSITIVE, "--split-seed", Kind.LONG,
                    "--plot-size", Kind.PLOT_SIZE),
            "optimizers", Map.of("--lambda", Kind.POSITIVE, "--tolerance", Kind.POSITIVE,
                    "--max-iterations", Kind.INT_AT_LEAST_1, "--repeats", Kind.INT_AT_LEAST_1),
            "gan", Map.of("--model", Kind.MODEL, "--iterations", Kind.INT_AT_LEAST_1, "--step", Kind.POSITIVE,
                    "--lambda", Kind.NON_NEGATIVE, "--hidden", Kind.INT_AT_LEAST_1, "--samples", Kind.INT_AT_LEAST_2,
                    "--every", Kind.INT_AT_LEAST_1, "--plot-size", Kind.PLOT_SIZE),
            "cleaning", Map.of("--iterations", Kind.INT_AT_LEAST_1, "--corruption", Kind.UNIT, "--step", Kind.POSITIVE,
                    "--plot-size", Kind.PLOT_SIZE),
            "lasso", Map.of("--iterations", Kind.INT_AT_LEAST_1, "--tolerance", Kind.NON_NEGATIVE,
                    "--grid-points", Kind.INT_AT_LEAST_2, "--plot-size", Kind.PLOT_SIZE),
            "minmax", Map.of("--iterations", Kind.INT_AT_LEAST_1, "--tolerance", Kind.NON_NEGATIVE,
                    "--plot-size", Kind.PLOT_SIZE),
            "ridge", Map.of("--iterations", Kind.INT_AT_LEAST_1, "--tolerance", Kind.NON_NEGATIVE,
                    "--split-seed", Kind.LONG, "--plot-size", Kind.PLOT_SIZE));

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void badArgumentsGiveOneLineNamingThemAndExitCode2(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> commands = COMMANDS.keySet().stream().sorted().toList();
        String command = commands.get(rnd.nextInt(commands.size()));
        Map<String, Kind> options = COMMANDS.get(command);
        List<String> names = options.keySet().stream().sorted().toList();
        List<String> args = new ArrayList<>(List.of(command));
        String named;
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            named = new String[] {"frobnicate", "Compare", "--iterations", "compare2"}[rnd.nextInt(4)];
            args.set(0, named);
        } else if (kind == 1) {
            named = new String[] {"--bogus", "--iteration", "-z", "--step=1=2"}[rnd.nextInt(4)];
            args.add(named);
            if (named.equals("--step=1=2") && !options.containsKey("--step")) {
                named = "--step";
            }
        } else if (kind == 2) {
            // an option whose value is missing (last on the line)
            named = names.get(rnd.nextInt(names.size()));
            args.add(named);
        } else {
            named = names.get(rnd.nextInt(names.size()));
            Kind k = options.get(named);
            args.add(named);
            args.add(k.invalid[rnd.nextInt(k.invalid.length)]);
        }
        // valid options around the faulty one must not hide it (small budgets in case they did)
        if (kind >= 2 && rnd.nextBoolean() && !command.equals("optimizers")) {
            args.add(1, "--out");
            args.add(2, "target/cli-fuzz-never-written");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Tandem.run(args.toArray(new String[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                () -> String.join(" ", args) + " did not stop");
        String error = err.toString(StandardCharsets.UTF_8);
        String what = String.join(" ", args) + "\n" + error;
        assertEquals(2, code, what);
        assertEquals("", out.toString(StandardCharsets.UTF_8), what);
        assertFalse(error.contains("\tat ") || error.contains("Exception"), "stack trace for " + what);
        String first = error.lines().findFirst().orElse("");
        String token = named.contains("=") ? named.substring(0, named.indexOf('=')) : named;
        assertTrue(first.contains(token), "first line '" + first + "' does not name " + token + " (" + what + ")");
    }

    @Test
    void infiniteNumbersAndHugePlotsAreRefusedBeforeAnythingRuns() {
        // regressions: "Infinity" and "1e400" passed the "> 0" / ">= 0" checks, and the library's refusal then
        // escaped as a stack trace with exit code 1; a 100000x100000 plot was accepted (an OutOfMemoryError later)
        String[][] cases = {{"compare", "--step", "Infinity"}, {"cleaning", "--step", "1e400"},
                {"minmax", "--tolerance", "Infinity"}, {"optimizers", "--lambda", "Infinity"},
                {"ridge", "--plot-size", "100000x100000"}};
        String[] expected = {"--step = Infinity, expected a finite number > 0",
                "--step = Infinity, expected a finite number > 0", "--tolerance = Infinity, expected a finite number >= 0",
                "--lambda = Infinity, expected a finite number > 0",
                "--plot-size = '100000x100000', expected WxH with both in [100, 10000]"};
        for (int i = 0; i < cases.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Tandem.run(cases[i], new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, code, String.join(" ", cases[i]));
            assertEquals(expected[i], err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
    }
}
