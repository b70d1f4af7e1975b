package org.tandemopt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.examples.data.Dataset;
import org.tandemopt.examples.problems.LogisticRegression;

class CompareOptimizersTest {

    @Test
    void everyOptimizerInTheComparisonReachesTheSameMinimiser() {
        Dataset all = Dataset.loadLabelledCsv("breast_cancer.csv").standardized().withIntercept();
        assertEquals(569, all.rows());
        assertEquals(31, all.cols());
        LogisticRegression f = new LogisticRegression(all.features(), all.targets(), all.cols(), 1e-2, true);
        // 1e-8 rather than tighter: near φ* ≈ 0.08 an Armijo test on values cannot resolve the decrease
        // ‖∇J‖²/(2L) once ‖∇J‖ < ~1e-8 (it falls below ulp(0.08) ≈ 1.4e-17)
        SolveOptions o = SolveOptions.builder().maxIterations(50_000).gradientTolerance(1e-8).build();
        double[] reference = null;
        for (OptimizerCatalog.Entry e : OptimizerCatalog.forSmoothProblems(f.lipschitzBound(), 1e-2)) {
            if (!e.converges()) {
                continue; // the learning-rate methods are checked against their own reference traces in solver-core
            }
            OptimizationResult r = e.optimizer().minimize(f, new double[f.dimension()], o);
            assertTrue(r.termination().isConverged(), e.name() + ": " + r.termination());
            if (reference == null) {
                reference = r.point();
            } else {
                double[] x = r.point();
                for (int j = 0; j < x.length; j++) {
                    // strong convexity (λ = 1e-2 on all but the intercept): ‖x − x*‖ ≤ ‖∇J‖/μ ≤ 1e-8 / 1e-2
                    assertEquals(reference[j], x[j], 2e-6, e.name() + " coordinate " + j);
                }
            }
        }
    }

    @Test
    void theMainJobPrintsOneRowPerOptimizer() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = Tandem.run(new String[] {"optimizers", "--repeats", "1"}, out, out);
        assertEquals(0, code);
        String text = buf.toString(StandardCharsets.UTF_8);
        List<String> rows = Arrays.stream(text.split("\n")).filter(s -> s.startsWith("| ") && !s.startsWith("| optimizer"))
                .toList();
        List<OptimizerCatalog.Entry> entries = OptimizerCatalog.forSmoothProblems(1, 1);
        assertEquals(entries.size(), rows.size(), text);
        for (int i = 0; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith("| " + entries.get(i).name() + " |"), rows.get(i));
            if (entries.get(i).converges()) {
                assertTrue(rows.get(i).contains("CONVERGED_GRADIENT"), rows.get(i));
            }
        }
    }

    @Test
    void usageErrorsAreReportedWithExitCode2() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertEquals(2, Tandem.run(new String[] {"nope"}, out, out));
        assertEquals(2, Tandem.run(new String[] {}, out, out));
        assertEquals(2, Tandem.run(new String[] {"optimizers", "--lambda"}, out, out));
        assertEquals(2, Tandem.run(new String[] {"optimizers", "--lambda", "-1"}, out, out));
        assertEquals(2, Tandem.run(new String[] {"optimizers", "--lambda", "abc"}, out, out));
        assertEquals(2, Tandem.run(new String[] {"compare", "--plot-size", "10x10"}, out, out));
        assertEquals(2, Tandem.run(new String[] {"compare", "--iterations", "0"}, out, out));
        for (String c : new String[] {"compare", "optimizers"}) {
            buf.reset();
            assertEquals(0, Tandem.run(new String[] {c, "--help"}, out, out));
            String help = buf.toString(StandardCharsets.UTF_8);
            assertTrue(help.contains("Usage: tandem " + c), help);
        }
    }

    @Test
    void aMalformedCsvValueNamesFileLineAndColumn() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Dataset.loadLabelledCsv("malformed.csv"));
        assertTrue(e.getMessage().contains("/data/malformed.csv line 3 column 2"), e.getMessage());
    }
}
