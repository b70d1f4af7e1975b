package org.tandemopt.minmax.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.testing.ConcurrentRuns;
import org.tandemopt.core.testing.Fingerprint;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;

/**
 * Concurrency determinism of the min-max solvers: the ridge method (Hölderian backtracking, AD-defined
 * {@code L = x y − y⁴/4 + (x − 1)²/2}, REFERENCE-PROBLEMS.md M3.2), extragradient, optimistic GDA and
 * alternating GDA with Armijo steps and periodic checkpoints to per-thread files (AD-defined strongly
 * convex-concave quadratic {@code ½‖x‖² + xᵀy − ½‖y‖² + cᵀx}) run by 8 threads at once on shared problem
 * objects, released together by a latch, give results bit-identical to a sequential run.
 */
class ConcurrentDeterminismTest {

    static final int THREADS = 8;

    static Fingerprint fingerprint(MinMaxResult r) {
        return Fingerprint.of(r.x(), r.y(), r.value(), r.gradientXNorm(), r.yResidual(),
                new long[] {r.iterations(), r.valueEvaluations(), r.gradientEvaluations(),
                        r.secondOrderEvaluations()}, r.termination());
    }

    @Test
    void eightThreadsReproduceTheSequentialRunsBitForBit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path checkpoints)
            throws Exception {
        MinMaxProblem m32 = MinMaxProblem.builder(SaddleFunction.of(AutoDiff.parametric(1, 1, (x, y) ->
                        x.times(y).minus(y.pow(4).times(0.25)).plus(x.minus(1).square().times(0.5)).sum())))
                .start(new double[] {-1}, new double[] {0}).build();
        double[] c = {1, -2, 0.5};
        MinMaxProblem quadratic = MinMaxProblem.builder(SaddleFunction.of(AutoDiff.parametric(3, 3, (x, y) ->
                        x.squaredNorm().times(0.5).plus(x.dot(y)).minus(y.squaredNorm().times(0.5)).plus(x.dot(c)))))
                .start(new double[] {2, 2, 2}, new double[] {-1, 0, 1}).build();
        SolveOptions o = SolveOptions.builder().maxIterations(200).gradientTolerance(1e-9).build();
        List<Callable<Fingerprint>> tasks = List.of(
                () -> fingerprint(RidgeMethod.builder()
                        .outerStep(ArmijoBacktracking.builder().armijo(0.5).expansion(2).build()).build()
                        .solve(m32, o)),
                () -> fingerprint(RidgeMethod.defaults().solve(quadratic, o)),
                () -> fingerprint(Extragradient.of(0.3).solve(quadratic, o)),
                () -> fingerprint(OptimisticGradientDescentAscent.of(0.2).solve(quadratic, o)),
                () -> fingerprint(GradientDescentAscent.builder().alternating(true)
                        .stepRules(ArmijoBacktracking.defaults(), ArmijoBacktracking.defaults()).build()
                        .solve(quadratic, o.toBuilder().checkpointEvery(10, checkpoints.resolve(
                                "gda-" + Thread.currentThread().getId() + ".ckpt")).build())));
        List<Fingerprint> sequential = ConcurrentRuns.assertSameAsSequential(THREADS, tasks, Fingerprint::assertSame);
        // real solves: the saddle point of the quadratic solves x + y + c = 0, x − y = 0, i.e. x = y = −c/2
        for (int i = 1; i <= 2; i++) {
            double[] n = sequential.get(i).numbers();
            assertTrue(sequential.get(i).termination().startsWith("CONVERGED"), sequential.get(i).termination());
            for (int j = 0; j < 3; j++) {
                assertEquals(-c[j] / 2, n[j], 1e-8, "x_" + j);
                assertEquals(-c[j] / 2, n[3 + j], 1e-8, "y_" + j);
            }
        }
        assertTrue(sequential.get(0).termination().startsWith("CONVERGED"), sequential.get(0).termination());
    }
}
