package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.EstimatorSession;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.OneStepDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.HeavyBall;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.Nesterov;

/** K = 10 000 unrolled steps with bounded memory, and no allocation per inner step. */
class TapeMemoryTest {

    static final double TRUTH_M6 = 1.088917150435e-5;

    @ParameterizedTest
    @ValueSource(strings = {"storeAll", "sqrt", "recursive"})
    void tenThousandStepsWithBoundedMemory(String kind) {
        Checkpointing c = switch (kind) {
            case "sqrt" -> Checkpointing.sqrt();
            case "recursive" -> Checkpointing.recursive(8);
            default -> Checkpointing.storeAll();
        };
        BilevelProblem p = Ridge.b3(-6);
        InnerAlgorithm gd = GradientStep.fixed(2 / (2.866e-3 + 0.5135));
        Hypergradient h = UnrolledDifferentiation.with(c).estimate(p, gd, new double[] {-6}, new double[8],
                InnerSchedule.steps(10_000));
        assertEquals(TRUTH_M6, h.gradient(0), 1e-9 * TRUTH_M6);
        int peak = h.diagnostics().peakStoredStates();
        switch (kind) {
            case "sqrt" -> assertTrue(peak <= 200, "peak " + peak);            // ≤ 2√K
            case "recursive" -> assertTrue(peak <= 8 + 12, "peak " + peak);    // leaf + ⌈log₂(K/leaf)⌉ + 1
            default -> assertEquals(10_000, peak);
        }
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Bytes allocated by one estimate of K steps, after a warm-up that sized the session's buffers. */
    static long bytesPerEstimate(HypergradientEstimator est, InnerAlgorithm inner, int k) {
        BilevelProblem p = Ridge.b3(-4);
        EstimatorSession s = est.open(p, inner);
        double[] x = {-4};
        for (int i = 0; i < 3; i++) {
            s.estimate(x, s.initialState(new double[8]), InnerSchedule.steps(k));
        }
        double[] state = s.initialState(new double[8]);
        long before = allocated();
        s.estimate(x, state, InnerSchedule.steps(k));
        return allocated() - before;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void noAllocationPerInnerStep(int which) {
        HypergradientEstimator est = switch (which) {
            case 0 -> UnrolledDifferentiation.storeAll();
            case 1 -> UnrolledDifferentiation.with(Checkpointing.sqrt());
            case 2 -> UnrolledDifferentiation.with(Checkpointing.recursive(8));
            case 3 -> ForwardDifferentiation.create();
            case 4 -> OneStepDifferentiation.create();
            default -> ImplicitDifferentiation.with(TestSolvers.coreCg(1e-12, 50));
        };
        for (InnerAlgorithm inner : new InnerAlgorithm[] {GradientStep.fixed(1.0), HeavyBall.of(0.5, 0.5),
            Nesterov.of(1.0, 0.5)}) {
            if (!(est instanceof UnrolledDifferentiation) && !(inner instanceof GradientStep)) {
                continue;
            }
            // the Ridge test oracles use a ThreadLocal buffer: no allocation per call either
            long small = bytesPerEstimate(est, inner, 2000);
            long large = bytesPerEstimate(est, inner, 4000);
            // the sqrt tape depends on √K (a one-off allocation of a few hundred bytes)
            long slack = which == 1 ? 16 * 1024 : 1024;
            assertTrue(large - small <= slack, est + " with " + inner.describe() + ": " + small + " bytes for 2000 steps, "
                    + large + " bytes for 4000 steps");
        }
    }
}
