package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.testing.ConcurrentRuns;
import org.tandemopt.core.testing.Fingerprint;
import org.junit.jupiter.api.io.TempDir;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.Ridge;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.TestSolvers;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * Concurrency determinism of the bilevel solvers: SSMS (default warm forward estimator and implicit CG
 * estimator, and with periodic checkpoints written by every thread to its own file), AID and differentiable
 * programming (recursive checkpointing of the reverse pass) on the B3 ridge problem, run by 8 threads at once on one shared problem object (released
 * together by a latch), give results bit-identical to a sequential run: x, y, value, hypergradient norm and
 * inner residual with tolerance 0, counters and termination exactly.
 */
class ConcurrentDeterminismTest {

    static final int THREADS = 8;

    static Fingerprint fingerprint(BilevelResult r) {
        return Fingerprint.of(r.x(), r.y(), r.value(), r.hypergradientNorm(), r.innerResidual(),
                new long[] {r.iterations(), r.valueEvaluations(), r.gradientEvaluations(),
                        r.secondOrderEvaluations()}, r.termination());
    }

    @Test
    void eightThreadsReproduceTheSequentialRunsBitForBit(@TempDir Path checkpoints) throws Exception {
        BilevelProblem b3 = Ridge.b3(-4);
        SolveOptions o = SolveOptions.builder().gradientTolerance(1e-12).maxIterations(150).build();
        List<Callable<Fingerprint>> tasks = List.of(
                () -> fingerprint(SingleStepMultiStep.builder().stepRule(new ConstantStep(1000)).build()
                        .solve(b3, o)),
                () -> fingerprint(SingleStepMultiStep.builder().innerSteps(10)
                        .estimator(ImplicitDifferentiation.with(TestSolvers.coreCg(1e-13, 100)))
                        .stepRule(new ConstantStep(1000)).build().solve(b3, o)),
                () -> fingerprint(ApproximateImplicitGradient.builder(TestSolvers.coreCg(1e-13, 100))
                        .innerTolerance(1e-13).stepRule(new ConstantStep(1000)).build().solve(b3, o)),
                () -> fingerprint(DifferentiableProgramming.builder().innerSteps(100)
                        .memory(Checkpointing.recursive(8)).stepRule(new ConstantStep(1000)).build().solve(b3, o)),
                () -> fingerprint(SingleStepMultiStep.builder().stepRule(new ConstantStep(1000)).build()
                        .solve(b3, o.toBuilder().checkpointEvery(5, checkpoints.resolve(
                                "ssms-" + Thread.currentThread().getId() + ".ckpt")).build())));
        List<Fingerprint> sequential = ConcurrentRuns.assertSameAsSequential(THREADS, tasks, Fingerprint::assertSame);
        // real solves: each moved from t = −4 towards t* = −6.18436 (B3)
        for (Fingerprint f : sequential) {
            assertTrue(f.numbers()[0] < -5, "t = " + f.numbers()[0]);
        }
    }
}
