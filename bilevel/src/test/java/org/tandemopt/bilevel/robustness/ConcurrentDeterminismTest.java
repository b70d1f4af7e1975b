package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
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
 * estimator) and AID on the B3 ridge problem, run by 8 threads at once on one shared problem object (released
 * together by a latch), give results bit-identical to a sequential run: x, y, value, hypergradient norm and
 * inner residual with tolerance 0, counters and termination exactly.
 */
class ConcurrentDeterminismTest {

    static final int THREADS = 8;

    record Fingerprint(double[] numbers, long[] counters, String termination) {
        static Fingerprint of(BilevelResult r) {
            double[] x = r.x();
            double[] y = r.y();
            double[] n = new double[x.length + y.length + 3];
            System.arraycopy(x, 0, n, 0, x.length);
            System.arraycopy(y, 0, n, x.length, y.length);
            n[n.length - 3] = r.value();
            n[n.length - 2] = r.hypergradientNorm();
            n[n.length - 1] = r.innerResidual();
            return new Fingerprint(n, new long[] {r.iterations(), r.valueEvaluations(), r.gradientEvaluations(),
                    r.secondOrderEvaluations()}, r.termination().name());
        }
    }

    @Test
    void eightThreadsReproduceTheSequentialRunsBitForBit() throws Exception {
        BilevelProblem b3 = Ridge.b3(-4);
        SolveOptions o = SolveOptions.builder().gradientTolerance(1e-12).maxIterations(150).build();
        List<Callable<Fingerprint>> tasks = List.of(
                () -> Fingerprint.of(SingleStepMultiStep.builder().stepRule(new ConstantStep(1000)).build()
                        .solve(b3, o)),
                () -> Fingerprint.of(SingleStepMultiStep.builder().innerSteps(10)
                        .estimator(ImplicitDifferentiation.with(TestSolvers.coreCg(1e-13, 100)))
                        .stepRule(new ConstantStep(1000)).build().solve(b3, o)),
                () -> Fingerprint.of(ApproximateImplicitGradient.builder(TestSolvers.coreCg(1e-13, 100))
                        .innerTolerance(1e-13).stepRule(new ConstantStep(1000)).build().solve(b3, o)));
        List<Fingerprint> sequential = new ArrayList<>();
        for (Callable<Fingerprint> t : tasks) {
            sequential.add(t.call());
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Fingerprint[]>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int offset = thread;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    Fingerprint[] out = new Fingerprint[tasks.size()];
                    for (int k = 0; k < tasks.size(); k++) {
                        int i = (k + offset) % tasks.size();
                        out[i] = tasks.get(i).call();
                    }
                    return out;
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            for (Future<Fingerprint[]> f : futures) {
                Fingerprint[] got = f.get(120, TimeUnit.SECONDS);
                for (int i = 0; i < tasks.size(); i++) {
                    Fingerprint e = sequential.get(i);
                    assertArrayEquals(e.numbers(), got[i].numbers(), 0.0, "task " + i + " numbers");
                    assertArrayEquals(e.counters(), got[i].counters(), "task " + i + " counters");
                    assertEquals(e.termination(), got[i].termination(), "task " + i + " termination");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // real solves: each moved from t = −4 towards t* = −6.18436 (B3)
        for (Fingerprint f : sequential) {
            assertTrue(f.numbers()[0] < -5, "t = " + f.numbers()[0]);
        }
    }
}
