package org.tandemopt.examples.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.examples.problems.SaddleProblems;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.RidgeMethod;

/** The harness snippet of docs/EXAMPLES.md (and the README), proven to compile and to give what the text says. */
class HarnessTourTest {

    @Test
    void tour(@TempDir Path dir) throws Exception {
        // --- docs/EXAMPLES.md: "The harness from research code" ---
        ComparisonReport report = SolverComparison.<MinMaxProblem>builder()
                .problem(ProblemCase.of("M3.2", SaddleProblems.holderShifted()))   // knows its solution
                .contender(Contender.of("extragradient", (p, o) -> Outcome.of(Extragradient.of(0.1).solve(p, o))))
                .contender(Contender.of("ridge method", (p, o) -> Outcome.of(RidgeMethod.defaults().solve(p, o))))
                .options(SolveOptions.builder().maxIterations(1000).gradientTolerance(1e-8).build())
                .build().run();
        System.out.println(report.markdownTable());
        List<Path> files = report.writeAll(dir);   // comparison.md, runs.csv, runs.json, PNG plots
        // --- end ---
        assertEquals(2, report.runs().size());
        for (RunSummary r : report.runs()) {
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.solver());
            assertTrue(r.distanceToSolution() <= 1e-7, r.solver() + ": " + r.distanceToSolution());
        }
        assertEquals(6, files.size());
        assertTrue(files.stream().allMatch(Files::exists));
    }
}
