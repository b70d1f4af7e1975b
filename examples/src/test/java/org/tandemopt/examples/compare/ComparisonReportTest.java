package org.tandemopt.examples.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.LBFGS;

/** The harness's bookkeeping (warm-up, skips, progress, interruption) and its four output formats. */
class ComparisonReportTest {

    /** {@code J(θ) = ½(θ₁² + 10θ₂²)} shifted to the minimiser (1, −2): a quadratic with a known answer. */
    static final DifferentiableFunction QUADRATIC = new DifferentiableFunction() {
        public int dimension() { return 2; }
        public double value(double[] x) {
            return 0.5 * ((x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2));
        }
        public double valueAndGradient(double[] x, double[] g) {
            g[0] = x[0] - 1;
            g[1] = 10 * (x[1] + 2);
            return value(x);
        }
    };

    static Contender<DifferentiableFunction> gd(AtomicInteger calls) {
        return Contender.of("gradient descent, step 0.1", (f, o) -> {
            calls.incrementAndGet();
            return Outcome.of(GradientDescent.withStepRule(new ConstantStep(0.1)).minimize(f, new double[2], o));
        });
    }

    static Contender<DifferentiableFunction> lbfgs(AtomicInteger calls) {
        return Contender.of("L-BFGS", (f, o) -> {
            calls.incrementAndGet();
            return Outcome.of(LBFGS.defaults().minimize(f, new double[2], o));
        });
    }

    static SolverComparison.Builder<DifferentiableFunction> twoByTwo(AtomicInteger a, AtomicInteger b) {
        return SolverComparison.<DifferentiableFunction>builder()
                .title("Quadratic")
                .problem(ProblemCase.of("quadratic", QUADRATIC, new double[] {1, -2})
                        .withMetric("first coordinate", (x, y) -> x[0]))
                .problem(ProblemCase.of("quadratic, no x*", QUADRATIC))
                .contender(gd(a)).contender(lbfgs(b))
                .options(SolveOptions.builder().maxIterations(500).gradientTolerance(1e-10).build())
                .progress(s -> { });
    }

    @Test
    void everyPairRunsOnceAfterOneWarmUpRunPerSolver() {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        ComparisonReport r = twoByTwo(a, b).seeds(1, 2).build().run();
        // 2 problems x 2 seeds timed, plus one warm-up each
        assertEquals(5, a.get());
        assertEquals(5, b.get());
        assertEquals(8, r.runs().size());
        assertFalse(r.interrupted());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("JVM warm-up: each solver ran once untimed")
                && n.contains("excluded from the table")), r.notes().toString());
        for (RunSummary s : r.runs()) {
            assertEquals(Termination.CONVERGED_GRADIENT, s.termination(), s.solver());
            assertEquals(1.0, s.x()[0], 1e-10);
            assertEquals(-2.0, s.x()[1], 1e-11);
            assertEquals(s.iterations() + 1, s.trace().size());
            if (s.problem().equals("quadratic")) {
                assertTrue(s.distanceToSolution() <= 1e-10, s.toString());
                assertEquals(s.x()[0], s.metric("first coordinate"), 0);
            } else {
                assertTrue(Double.isNaN(s.distanceToSolution()));
            }
        }
        // constant step 0.1 on curvature 1: the error in θ₁ contracts by exactly 0.9 per step, so
        // ‖∇J‖ ≤ 1e-10 needs ⌈log(1e-10)/log(0.9)⌉ = 219 iterations
        assertEquals(219, r.runs().get(0).iterations());
        AtomicInteger c = new AtomicInteger();
        twoByTwo(c, new AtomicInteger()).warmUp(false).build().run();
        assertEquals(2, c.get());
    }

    @Test
    void inapplicablePairsAreSkippedAndListed() {
        ComparisonReport r = SolverComparison.<DifferentiableFunction>builder()
                .problem(ProblemCase.of("quadratic", QUADRATIC))
                .contender(gd(new AtomicInteger()).onlyWhen(f -> f.dimension() > 2, "needs n > 2"))
                .contender(lbfgs(new AtomicInteger()))
                .progress(s -> { }).build().run();
        assertEquals(1, r.runs().size());
        assertEquals("L-BFGS", r.runs().get(0).solver());
        assertTrue(r.notes().contains("Skipped (not applicable): gradient descent, step 0.1 on quadratic (needs n > 2)."),
                r.notes().toString());
    }

    @Test
    void progressLinesAreThrottled() {
        List<String> lines = new ArrayList<>();
        twoByTwo(new AtomicInteger(), new AtomicInteger()).progress(lines::add)
                .progressInterval(Duration.ofNanos(1)).build().run();
        assertTrue(lines.size() > 100, "" + lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[1/4] gradient descent, step 0.1 (warm-up) on quadratic"
                + " (seed 0): iteration ")), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[4/4] L-BFGS on quadratic, no x* (seed 0)")));
        lines.clear();
        twoByTwo(new AtomicInteger(), new AtomicInteger()).progress(lines::add)
                .progressInterval(Duration.ofHours(1)).build().run();
        assertEquals(List.of(), lines);
    }

    @Test
    void anInterruptionKeepsTheFinishedRuns() {
        Interrupter stop = new Interrupter();
        AtomicInteger calls = new AtomicInteger();
        // the second contender asks to stop before it solves: its solver sees the flag at its first check
        Contender<DifferentiableFunction> stopping = Contender.of("stopper", (f, o) -> {
            calls.incrementAndGet();
            stop.interrupt();
            return Outcome.of(GradientDescent.defaults().minimize(f, new double[2], o));
        });
        ComparisonReport r = SolverComparison.<DifferentiableFunction>builder()
                .problem(ProblemCase.of("quadratic", QUADRATIC)).problem(ProblemCase.of("again", QUADRATIC))
                .contender(lbfgs(new AtomicInteger())).contender(stopping).contender(lbfgs(new AtomicInteger()))
                .warmUp(false).interrupter(stop).progress(s -> { }).build().run();
        assertTrue(r.interrupted());
        assertEquals(1, calls.get());
        assertEquals(3, r.runs().size());
        assertEquals(Termination.CONVERGED_GRADIENT, r.runs().get(1).termination());
        assertEquals(Termination.INTERRUPTED, r.runs().get(2).termination());
        assertEquals(0, r.runs().get(2).iterations());
        assertTrue(r.notes().contains("Interrupted: 3 of 6 runs finished and are reported."), r.notes().toString());
        assertTrue(r.json().contains("\"interrupted\": true"));
    }

    @Test
    void badConfigurationIsRejectedWithTheArgumentsName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SolverComparison.<DifferentiableFunction>builder().problem(ProblemCase.of("q", QUADRATIC)).build());
        assertTrue(e.getMessage().startsWith("contenders is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SolverComparison.builder().seeds());
        assertTrue(e.getMessage().startsWith("seeds is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SolverComparison.builder().progressInterval(Duration.ZERO));
        assertTrue(e.getMessage().startsWith("progressInterval = PT0S"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Contender.of(" ", (f, o) -> null));
        assertTrue(e.getMessage().startsWith("name is blank"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void tableCsvJsonAndPlotsAreWrittenAndReadBack(@TempDir Path dir) throws IOException {
        ComparisonReport r = twoByTwo(new AtomicInteger(), new AtomicInteger()).warmUp(false).build().run();
        List<Path> files = r.writeAll(dir, 320, 240);
        assertEquals(List.of("comparison.md", "runs.csv", "runs.json", "quadratic-iterations.png", "quadratic-time.png",
                "quadratic-value.png", "quadratic-no-x-iterations.png", "quadratic-no-x-time.png",
                "quadratic-no-x-value.png"), files.stream().map(p -> p.getFileName().toString()).toList());

        // Markdown: title, notes, header, separator, one row per run with the distance and metric columns
        String md = Files.readString(dir.resolve("comparison.md"), StandardCharsets.UTF_8);
        assertTrue(md.startsWith("## Quadratic\n\n- JVM warm-up: none"), md);
        List<String> rows = md.lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(2 + 4, rows.size(), md);
        assertTrue(rows.get(0).contains("| distance to solution | first coordinate |"), rows.get(0));
        int columns = rows.get(0).split("\\|", -1).length;
        for (String row : rows) {
            assertEquals(columns, row.split("\\|", -1).length, row);
        }
        assertTrue(rows.get(2).startsWith("| gradient descent, step 0.1 | quadratic | CONVERGED_GRADIENT | 219 |"),
                rows.get(2));

        // CSV: header + 4 lines, the same number of fields, full-precision numbers that parse back
        List<String> csv = Files.readAllLines(dir.resolve("runs.csv"), StandardCharsets.UTF_8);
        assertEquals(5, csv.size());
        String[] header = csv.get(0).split(",");
        assertEquals("first coordinate", header[header.length - 1]);
        for (int i = 1; i < csv.size(); i++) {
            String[] f = csvFields(csv.get(i));
            assertEquals(header.length, f.length, csv.get(i));
            RunSummary s = r.runs().get(i - 1);
            assertEquals(s.solver(), f[0]);
            assertEquals(s.iterations(), Integer.parseInt(f[4]));
            assertEquals(s.value(), Double.parseDouble(f[9]), 0);
            assertEquals(s.gradientNorm(), Double.parseDouble(f[10]), 0);
        }

        // JSON: parses; 4 runs whose traces have iterations + 1 entries, NaN written as null
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(dir.resolve("runs.json")));
        assertEquals("Quadratic", json.get("title"));
        assertEquals(Boolean.FALSE, json.get("interrupted"));
        List<Object> runs = (List<Object>) json.get("runs");
        assertEquals(4, runs.size());
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> run = (Map<String, Object>) runs.get(i);
            RunSummary s = r.runs().get(i);
            assertEquals(s.solver(), run.get("solver"));
            assertEquals(s.termination().name(), run.get("termination"));
            assertEquals((double) s.iterations(), run.get("iterations"));
            assertEquals(s.value(), (Double) run.get("value"), 0);
            Map<String, Object> trace = (Map<String, Object>) run.get("trace");
            List<Object> g = (List<Object>) trace.get("gradientNorm");
            assertEquals(s.iterations() + 1, g.size());
            assertEquals(s.gradientNorm(), (Double) g.get(g.size() - 1), 0);
            assertEquals(s.iterations() + 1, ((List<Object>) trace.get("elapsedMillis")).size());
            if (s.problem().equals("quadratic, no x*")) {
                assertTrue(run.containsKey("distanceToSolution"));
                assertEquals(null, run.get("distanceToSolution"));
            }
        }

        // PNG: every plot decodes to the requested size and is not blank
        for (Path p : files.subList(3, files.size())) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, p.toString());
            assertEquals(320, img.getWidth(), p.toString());
            assertEquals(240, img.getHeight(), p.toString());
            int white = img.getRGB(0, 0);
            long other = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    if (img.getRGB(x, y) != white) {
                        other++;
                    }
                }
            }
            assertTrue(other > 1000, p + ": " + other + " non-background pixels");
        }
    }

    /** RFC 4180 fields: commas inside double quotes, doubled quotes. */
    static String[] csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out.toArray(new String[0]);
    }

    @Test
    void slugsAreFileNameSafe() {
        assertEquals("m3-1-holder-xy-y-4", ConvergencePlots.slug("M3.1 Hölder xy−y⁴÷4"));
        assertEquals("problem", ConvergencePlots.slug("→"));
    }
}
