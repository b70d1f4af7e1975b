package org.tandemopt.core.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.testing.ConcurrentRuns;
import org.tandemopt.core.autodiff.AdFunction;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.INNA;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.ReferenceProblems;
import org.tandemopt.core.optim.StochasticObjective;

/**
 * Concurrency determinism of solver-core: the same seeded solves run by 8 threads at once (released together by
 * a latch, so they really overlap) give results bit-identical to a sequential run — points, values and gradient
 * norms with tolerance 0, counters and terminations exactly. Covered: L-BFGS on catalogue problems (shared
 * immutable function objects), INNA on seeded mini-batches, and L-BFGS on a function defined by automatic
 * differentiation (one frozen {@code Graph} shared by all threads, per-thread workspaces).
 */
class ConcurrentDeterminismTest {

    static final int THREADS = 8;

    /** Everything a run reports that must not depend on scheduling. */
    record Fingerprint(double[] point, double value, double gradientNorm, long[] counters, String termination) {
        static Fingerprint of(OptimizationResult r) {
            return new Fingerprint(r.point(), r.value(), r.gradientNorm(),
                    new long[] {r.iterations(), r.valueEvaluations(), r.gradientEvaluations(),
                            r.secondOrderEvaluations()},
                    r.termination().name());
        }
    }

    /** {@code (1/N) Σ ½(a_iᵀx − b_i)² + noise}: a seeded, inconsistent finite sum, so batches really differ. */
    static final class NoisyLeastSquares implements StochasticObjective {
        final double[][] a;
        final double[] b;

        NoisyLeastSquares(long seed, int samples, int dimension) {
            SplittableRandom rnd = new SplittableRandom(seed);
            a = new double[samples][dimension];
            b = new double[samples];
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < dimension; j++) {
                    a[i][j] = 2 * rnd.nextDouble() - 1;
                }
                b[i] = 2 * rnd.nextDouble() - 1;
            }
        }

        @Override public int dimension() { return a[0].length; }
        @Override public int sampleCount() { return b.length; }

        @Override
        public double valueAndGradient(double[] x, int[] batch, int batchSize, double[] g) {
            Arrays.fill(g, 0);
            double v = 0;
            for (int k = 0; k < batchSize; k++) {
                int i = batch[k];
                double r = -b[i];
                for (int j = 0; j < x.length; j++) {
                    r += a[i][j] * x[j];
                }
                v += 0.5 * r * r;
                for (int j = 0; j < x.length; j++) {
                    g[j] += a[i][j] * r / batchSize;
                }
            }
            return v / batchSize;
        }
    }

    static List<Callable<Fingerprint>> tasks() {
        List<Callable<Fingerprint>> tasks = new ArrayList<>();
        SolveOptions lbfgsOptions = SolveOptions.builder().maxIterations(500).gradientTolerance(1e-10).build();
        for (ReferenceProblems.Problem p : List.of(ReferenceProblems.rosenbrock(10), ReferenceProblems.beale(),
                ReferenceProblems.logistic())) {
            tasks.add(() -> Fingerprint.of(LBFGS.defaults().minimize(p.f(), p.start(), lbfgsOptions)));
        }
        NoisyLeastSquares data = new NoisyLeastSquares(20261122L, 64, 6);
        SolveOptions innaOptions = SolveOptions.builder().maxIterations(300).gradientTolerance(0).build();
        for (long seed : new long[] {1L, 77L}) {
            tasks.add(() -> Fingerprint.of(INNA.builder().step(0.05).build()
                    .minimize(data, 8, seed, new double[6], innaOptions)));
        }
        // an AD-defined smooth function: log-sum-exp plus a quartic, one graph shared by every thread
        AdFunction ad = AutoDiff.function(5, x -> x.logSumExp().plus(x.square().square().sum().times(0.25))
                .plus(x.minus(new double[] {1, -2, 0.5, 3, -1}).squaredNorm().times(0.5)));
        tasks.add(() -> Fingerprint.of(LBFGS.defaults().minimize(ad, new double[] {2, 2, -2, 0.1, 1}, lbfgsOptions)));
        return tasks;
    }

    @Test
    void eightThreadsReproduceTheSequentialRunsBitForBit() throws Exception {
        List<Callable<Fingerprint>> tasks = tasks();
        List<Fingerprint> sequential = null;
        for (int rep = 0; rep < 2; rep++) {
            sequential = ConcurrentRuns.assertSameAsSequential(THREADS, tasks, (e, got) -> assertSame(e, got, "task"));
        }
        // the runs are real solves, not trivial ones
        assertEquals("CONVERGED_GRADIENT", sequential.get(0).termination());
        assertArrayEquals(ReferenceProblems.rosenbrock(10).minimiser(), sequential.get(0).point(), 1e-8);
    }

    static void assertSame(Fingerprint expected, Fingerprint actual, String what) {
        assertArrayEquals(expected.point(), actual.point(), 0.0, what + " point");
        assertEquals(expected.value(), actual.value(), 0.0, what + " value");
        assertEquals(expected.gradientNorm(), actual.gradientNorm(), 0.0, what + " gradient norm");
        assertArrayEquals(expected.counters(), actual.counters(), what + " counters");
        assertEquals(expected.termination(), actual.termination(), what + " termination");
    }
}
