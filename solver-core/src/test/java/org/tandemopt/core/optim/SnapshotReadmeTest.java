package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/**
 * The README snippet for snapshots, compiled and checked: an L-BFGS run on Rosenbrock stopped after 15
 * iterations, saved to a file, restored and finished ends exactly like the uninterrupted run of the smooth tour
 * (39 iterations, 47 gradient evaluations, the same point to the last bit); a copy taken at iteration 15 and
 * finished separately ends there as well.
 */
class SnapshotReadmeTest {

    @TempDir
    Path dir;

    @Test
    void lbfgsStoppedSavedRestoredAndFinished() {
        DifferentiableFunction rosenbrock = ReferenceProblems.rosenbrock(2).f();
        Path file = dir.resolve("lbfgs.ckpt");
        // --- README snippet start
        LBFGS lbfgs = LBFGS.defaults();
        DescentMethod.State<LBFGS.Memory> s = lbfgs.start(rosenbrock, new double[] {-1.2, 1});
        Driver.run(lbfgs, rosenbrock, s, SolveOptions.builder().maxIterations(15).build());   // step 15 times
        DescentMethod.State<LBFGS.Memory> branch = s.copy();      // an independent copy, e.g. to try other options
        s.toCheckpoint().write(file);                             // a versioned text file, exact for doubles

        // later, in another JVM: the same optimizer configuration and function
        DescentMethod.State<LBFGS.Memory> resumed = lbfgs.restore(rosenbrock, Checkpoint.read(file));
        RunResult<DescentMethod.State<LBFGS.Memory>> r = Driver.run(lbfgs, rosenbrock, resumed,
                SolveOptions.builder().gradientTolerance(1e-10).build());
        // r.termination() == CONVERGED_GRADIENT after 39 iterations and 47 gradient evaluations in all,
        // exactly as the uninterrupted run; LBFGS.builder().memory(5).build().restore(...) would be refused
        // --- README snippet end
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertEquals(39, resumed.iteration());
        assertEquals(47, resumed.gradientEvaluations());
        OptimizationResult uninterrupted = LBFGS.defaults().minimize(rosenbrock, new double[] {-1.2, 1},
                SolveOptions.builder().gradientTolerance(1e-10).build());
        assertArrayEquals(uninterrupted.point(), resumed.point(), 0.0);
        assertEquals(uninterrupted.value(), r.last().value(), 0.0);
        assertEquals(uninterrupted.gradientEvaluations(), resumed.gradientEvaluations());
        assertEquals(uninterrupted.valueEvaluations(), resumed.valueEvaluations());

        RunResult<DescentMethod.State<LBFGS.Memory>> b = Driver.run(lbfgs, rosenbrock, branch,
                SolveOptions.builder().gradientTolerance(1e-10).build());
        assertEquals(39, b.last().iteration());
        assertArrayEquals(uninterrupted.point(), branch.point(), 0.0);
        assertEquals(1, branch.point()[0], 1e-12);
    }
}
