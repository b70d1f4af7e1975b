package org.tandemopt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommands end to end with small budgets: exit codes, printed tables, files written, --help. */
class CommandsTest {

    static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Tandem.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, text + err.toString(StandardCharsets.UTF_8));
        return text;
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static List<String> tableRows(String text) {
        return text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| solver")).toList();
    }

    @Test
    void compareRunsEverySolverAndReportsTheGridBaseline(@TempDir Path dir) throws IOException {
        String text = run(0, "compare", "--iterations", "3", "--no-warm-up", "--out", dir.toString(),
                "--plot-size", "320x200");
        List<String> rows = tableRows(text);
        List<String> names = BilevelCompare.contenders(10, 5).stream().map(c -> c.name()).toList();
        assertEquals(7, names.size());
        assertEquals(names.size(), rows.size(), text);
        for (int i = 0; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith("| " + names.get(i) + " | "), rows.get(i));
        }
        // grid: λ = 10^{-2.5} has the least validation loss; it classifies 138 of the 142 test rows
        assertTrue(text.contains("Test accuracy: grid-searched single weight λ = 0.00316: 0.9718"), text);
        assertTrue(text.contains("JVM warm-up: none"), text);
        assertEquals(List.of("breast-cancer-per-feature-l2-iterations.png", "breast-cancer-per-feature-l2-time.png",
                "breast-cancer-per-feature-l2-value.png", "comparison.md", "runs.csv", "runs.json"), files(dir));
    }

    @Test
    void theGridSearchAndSplitAreReproducible() {
        BilevelCompare.Split s = BilevelCompare.Split.of(20261122L);
        assertEquals(285, s.train().rows());
        assertEquals(142, s.validation().rows());
        assertEquals(142, s.test().rows());
        BilevelCompare.Grid g = BilevelCompare.gridSearch(s);
        assertEquals(Math.pow(10, -2.5), g.lambda(), 1e-15);
        assertEquals(138.0 / 142, g.testAccuracy(), 1e-15);
    }

    @Test
    void minmaxAndRidgeWriteTheirGalleries(@TempDir Path dir) throws IOException {
        String text = run(0, "minmax", "--iterations", "20", "--out", dir.resolve("mm").toString(),
                "--plot-size", "320x200");
        assertEquals(19, tableRows(text).size(), text);
        assertEquals(3 + 4 * 3, files(dir.resolve("mm")).size());
        text = run(0, "ridge", "--iterations", "3", "--out", dir.resolve("ridge").toString(),
                "--plot-size", "320x200");
        assertEquals(8, tableRows(text).size(), text);
        assertEquals(3 + 2 * 3, files(dir.resolve("ridge")).size());
    }

    @Test
    void cleaningDownWeightsCorruptedRows(@TempDir Path dir) throws IOException {
        HyperCleaningJob.Data data = HyperCleaningJob.Data.of(0.4);
        assertEquals(300, data.train().rows());
        assertEquals(1197, data.test().rows());
        int corrupted = data.corruptedCount();
        assertTrue(corrupted > 90 && corrupted < 150, "" + corrupted);
        String text = run(0, "cleaning", "--iterations", "2", "--no-warm-up", "--out", dir.toString(),
                "--plot-size", "320x200");
        assertEquals(3, tableRows(text).size(), text);
        assertTrue(text.contains("(" + corrupted + " labels corrupted)"), text);
        assertTrue(text.contains("Unweighted model (every σ(x_i) = ½): test accuracy "), text);
        assertEquals(6, files(dir).size());
    }

    @Test
    void everyCommandHasHelpWithItsDefaults() {
        for (String[] c : new String[][] {{"compare", "target/tandem-compare"}, {"optimizers", "20000"},
            {"minmax", "target/tandem-minmax"}, {"ridge", "target/tandem-ridge"},
            {"cleaning", "target/tandem-cleaning"}}) {
            String help = run(0, c[0], "--help");
            assertTrue(help.startsWith("Usage: tandem " + c[0]), help);
            assertTrue(help.contains("(default " + c[1] + ")"), help);
        }
        String top = run(0, "--help");
        for (String c : new String[] {"compare", "optimizers", "minmax", "ridge", "cleaning"}) {
            assertTrue(top.contains("  " + c + " "), top);
        }
        run(2, "minmax", "--iterations", "0");
        run(2, "ridge", "--plot-size", "big");
    }
}
