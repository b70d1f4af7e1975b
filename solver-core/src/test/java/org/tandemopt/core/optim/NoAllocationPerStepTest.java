package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.optim.prox.ElasticNet;
import org.tandemopt.core.optim.prox.GroupL1;
import org.tandemopt.core.optim.prox.L1Norm;

/**
 * Steady-state steps of every optimizer of this area allocate nothing (STYLE.md: hot loops on double[], no
 * allocation per iteration), measured with the JVM's per-thread allocation counter around 2000 hand-made steps
 * on an allocation-free objective.
 */
class NoAllocationPerStepTest {

    /** {@code J(x) = ½ Σ h_i (x_i − 1)²}, allocation-free. */
    static final DifferentiableFunction QUADRATIC = new DifferentiableFunction() {
        @Override public int dimension() { return 6; }
        @Override public double value(double[] x) {
            double v = 0;
            for (int i = 0; i < 6; i++) {
                v += 0.5 * (i + 1) * (x[i] - 1) * (x[i] - 1);
            }
            return v;
        }
        @Override public double valueAndGradient(double[] x, double[] g) {
            for (int i = 0; i < 6; i++) {
                g[i] = (i + 1) * (x[i] - 1);
            }
            return value(x);
        }
    };

    static long allocatedBytes(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    /**
     * Runs {@code steps.accept(n)} for n = 200 and n = 2200: any per-step allocation (at least 16 bytes an
     * object) would cost at least 32 000 more bytes in the long run; allow less than one byte a step for the
     * JVM's own one-off bookkeeping (compilation, counters). That bookkeeping is transient (a JIT compilation
     * landing inside one measurement), so the measurement is taken three times and the smallest excess counts:
     * a real per-step allocation shows up in every attempt.
     */
    static void assertNoAllocation(String name, java.util.function.IntConsumer steps) {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        steps.accept(200); // warm up: class loading, first-call paths
        long best = Long.MAX_VALUE;
        String seen = "";
        for (int attempt = 0; attempt < 3 && best >= 2000; attempt++) {
            long small = allocatedBytes(() -> steps.accept(200));
            long large = allocatedBytes(() -> steps.accept(2200));
            best = Math.min(best, large - small);
            seen += " [" + small + " bytes in 200 steps, " + large + " in 2200]";
        }
        assertTrue(best < 2000, name + ": extra allocation in every attempt:" + seen);
    }

    @Test
    void proximalGradientSteps() {
        double[] x0 = new double[6];
        ProximalGradient[] variants = {ProximalGradient.ista(), ProximalGradient.fista(),
            ProximalGradient.builder().accelerated(true).restart(ProximalGradient.Restart.GRADIENT).lipschitz(6).build()};
        CompositeProblem[] problems = {new CompositeProblem(QUADRATIC, L1Norm.of(0.5)),
            new CompositeProblem(QUADRATIC, ElasticNet.of(0.5, 0.1)),
            new CompositeProblem(QUADRATIC, GroupL1.uniform(6, GroupL1.consecutive(6, 2, 4), 0.3))};
        for (ProximalGradient pg : variants) {
            for (CompositeProblem p : problems) {
                ProximalGradient.State s = pg.start(p, x0);
                assertNoAllocation(pg + " on " + p.regularizer(), n -> {
                    for (int k = 0; k < n; k++) {
                        pg.step(p, s);
                    }
                });
            }
        }
    }

    @Test
    void learningOptimizerSteps() {
        double[] x0 = new double[6];
        INNA inna = INNA.builder().step(0.05).build();
        INNA.State a = inna.start(QUADRATIC, x0);
        assertNoAllocation("INNA", n -> {
            for (int k = 0; k < n; k++) {
                inna.step(QUADRATIC, a);
            }
        });
        INNAprop prop = INNAprop.defaults();
        INNAprop.State b = prop.start(QUADRATIC, x0);
        assertNoAllocation("INNAprop", n -> {
            for (int k = 0; k < n; k++) {
                prop.step(QUADRATIC, b);
            }
        });
        StepTunedSGD sgd = StepTunedSGD.defaults();
        StepTunedSGD.State c = sgd.start(QUADRATIC, x0);
        assertNoAllocation("StepTunedSGD", n -> {
            for (int k = 0; k < n; k++) {
                sgd.step(QUADRATIC, c);
            }
        });
        LearningOptimizersTest.FiniteSumLeastSquares data = LearningOptimizersTest.DATA;
        StepTunedSGD.State d = sgd.start(data, 4, 3, new double[5]);
        DifferentiableFunction full = data.asFunction();
        assertNoAllocation("StepTunedSGD mini-batch", n -> {
            for (int k = 0; k < n; k++) {
                sgd.step(full, d);
            }
        });
    }
}
