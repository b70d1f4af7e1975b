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
    void everyMinMaxSolverTrainsTheGan(@TempDir Path dir) throws IOException {
        var report = GanGallery.comparison(20_000, 0.05, false, new org.tandemopt.core.monitor.Interrupter(), s -> { })
                .run();
        assertEquals(5, report.runs().size());
        for (var r : report.runs()) {
            assertEquals(org.tandemopt.core.monitor.Termination.CONVERGED_GRADIENT, r.termination(), r.solver());
            // measured worst 2.06e-7: the θ-gradient tolerance 1e-8 over the value function's smallest
            // curvature (~0.06 at θ*), plus the lag of ψ
            assertTrue(r.distanceToSolution() < 1e-6, r.solver() + ": " + r.distanceToSolution());
        }
        String text = run(0, "gan", "--model", "moments", "--iterations", "50", "--out", dir.toString(), "--plot-size", "320x200");
        assertEquals(5, tableRows(text).size(), text);
        assertEquals(6, files(dir).size());
    }

    @Test
    void theGanOraclesAreTheClosedForm() {
        var p = GanGallery.problem();
        // L(θ, ψ) = ψ₁(d̄ − θ₁ − θ₂z̄) + ψ₂(m₂ − mean (θ₁ + θ₂z)²) − ½‖ψ‖²: at ψ = (1, 0) the θ-gradient is
        // (−1, −z̄) and at ψ = (0, 1) it is −(2 mean G, 2 mean Gz), independent of the data moments d̄, m₂
        double[] theta = {0.3, 1.7};
        double[] gx = new double[2];
        double[] gy = new double[2];
        var f = p.function();
        f.gradients(theta, new double[] {1, 0}, gx, gy);
        assertEquals(-1.0, gx[0], 1e-15);
        double zbar = -gx[1];
        assertTrue(Math.abs(zbar) < 0.2, "" + zbar);   // 500 standard normal draws
        // ∂L/∂ψ at ψ = 0 are the moment gaps; at the solution they vanish
        double[] xs = p.solutionX();
        f.gradients(xs, new double[] {0, 0}, gx, gy);
        assertEquals(0.0, gy[0], 1e-12);
        assertEquals(0.0, gy[1], 1e-12);
        assertEquals(0.0, gx[0], 1e-15);
        assertEquals(0.0, gx[1], 1e-15);
    }

    @Test
    void everyCommandHasHelpWithItsDefaults() {
        for (String[] c : new String[][] {{"compare", "target/tandem-compare"}, {"optimizers", "20000"},
            {"minmax", "target/tandem-minmax"}, {"ridge", "target/tandem-ridge"},
            {"cleaning", "target/tandem-cleaning"}, {"gan", "mixture"}, {"lasso", "target/tandem-lasso"}}) {
            String help = run(0, c[0], "--help");
            assertTrue(help.startsWith("Usage: tandem " + c[0]), help);
            assertTrue(help.contains("(default " + c[1] + ")"), help);
        }
        String top = run(0, "--help");
        for (String c : new String[] {"compare", "optimizers", "minmax", "ridge", "cleaning", "gan", "lasso"}) {
            assertTrue(top.contains("  " + c + " "), top);
        }
        run(2, "minmax", "--iterations", "0");
        run(2, "ridge", "--plot-size", "big");
    }
}
