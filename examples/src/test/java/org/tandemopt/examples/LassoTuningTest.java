package org.tandemopt.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.RunSummary;

/**
 * {@code tandem lasso}: the grid baseline (the same split and numbers as the bilevel module's
 * {@code DiabetesTuningTest}), the tuned single weight against it, the per-feature gain, the support, the files.
 */
class LassoTuningTest {

    static final String ONE = "diabetes Lasso, one λ";
    static final String PER = "diabetes Lasso, one λ per feature";

    static RunSummary find(ComparisonReport r, String solver, String problem) {
        return r.runs().stream().filter(s -> s.solver().equals(solver) && s.problem().equals(problem)).findFirst()
                .orElseThrow(() -> new AssertionError(solver + " on " + problem + " missing"));
    }

    @Test
    void theGridBaselineMatchesTheBilevelModule() {
        LassoTuning.Data d = LassoTuning.Data.diabetes();
        assertEquals(294, d.train().length);
        assertEquals(148, d.validation().length);
        LassoTuning.Grid g = LassoTuning.Grid.search(d, 1001);
        // DiabetesTuningTest: best validation loss 0.2512604437 at λ = 0.0020738, by its own coordinate descent
        assertEquals(0.2512604437, g.loss(), 1e-9);
        assertEquals(0.0020738, g.lambda(), 1e-7);
        assertEquals(10, g.support().length);
        // the validation loss at the exact solution is the upper level at that solution
        double[] y = d.solve(new double[] {Math.log(g.lambda())});
        assertEquals(g.loss(), d.validationLoss(y), 1e-15);
    }

    @Test
    void theTunedWeightsReachOrBeatTheGrid() {
        ComparisonReport r = LassoTuning.run(400, 1e-9, 1001, false, new Interrupter(), s -> { });
        double grid = 0.2512604437;
        assertEquals(7, r.runs().size());   // AID with the piggyback runs on the single weight only
        // SSMS (constant step 10, 20 warm ISTA steps) ends next to the grid optimum, oscillating around a kink of
        // the hyper-objective; measured +8.29e-6 (piggyback) and -1.25e-6 (implicit)
        for (String s : List.of("SSMS, piggyback (warm)", "SSMS, implicit")) {
            RunSummary run = find(r, s, ONE);
            assertEquals(grid, run.metric("validation loss"), 2e-5, s);
            assertEquals(Math.log(0.0020738), run.x()[0], 0.05, s);
        }
        // AID with exact hypergradients converges to the local minimum λ = 0.0035590, 3.41e-4 above the global one
        // (the hyper-objective is not convex in λ), with either estimator
        for (String s : List.of("AID, implicit", "AID, piggyback")) {
            RunSummary run = find(r, s, ONE);
            assertEquals(Termination.CONVERGED_GRADIENT, run.termination(), s);
            assertEquals(59, run.iterations(), s);
            assertEquals(0.0035590, Math.exp(run.x()[0]), 1e-6, s);
            assertEquals(0.2516013908, run.metric("validation loss"), 1e-9, s);
            assertEquals(3.41e-4, run.metric("minus grid best"), 1e-6, s);
        }
        // one weight per feature, from the grid's best weight: every solver fits the validation set better than
        // any single weight; AID most (0.24870996 after 400 iterations), dropping age and s2 from the support
        for (String s : List.of("SSMS, piggyback (warm)", "SSMS, implicit", "AID, implicit")) {
            RunSummary run = find(r, s, PER);
            assertTrue(run.metric("minus grid best") < -6e-4, s + ": " + run.metric("minus grid best"));
        }
        RunSummary aid = find(r, "AID, implicit", PER);
        assertEquals(0.24870996, aid.metric("validation loss"), 1e-8);
        assertEquals(8.0, aid.metric("support size"));
        assertTrue(r.notes().contains("AID, implicit on " + PER + ": λ geometric mean 0.0019740, support "
                + "{sex, bmi, bp, s1, s3, s4, s5, s6} (8 features)."), String.join("\n", r.notes()));
    }

    @Test
    void theCommandWritesItsTableAndFiles(@TempDir Path dir) throws IOException {
        String text = CommandsTest.run(0, "lasso", "--iterations", "3", "--grid-points", "50", "--out",
                dir.toString(), "--plot-size", "320x200");
        assertEquals(7, CommandsTest.tableRows(text).size(), text);
        assertTrue(text.contains("Grid baseline: 50 log-spaced single λ"), text);
        assertEquals(List.of("comparison.md", "diabetes-lasso-one-iterations.png",
                "diabetes-lasso-one-per-feature-iterations.png", "diabetes-lasso-one-per-feature-time.png",
                "diabetes-lasso-one-per-feature-value.png", "diabetes-lasso-one-time.png",
                "diabetes-lasso-one-value.png", "runs.csv", "runs.json"), CommandsTest.files(dir));
        String help = CommandsTest.run(0, "lasso", "--help");
        assertTrue(help.contains("(default 1500)") && help.contains("(default target/tandem-lasso)"), help);
        CommandsTest.run(2, "lasso", "--grid-points", "1");
    }
}
