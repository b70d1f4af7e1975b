package org.tandemopt.examples.bench.bilevel;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.EstimatorSession;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;

/**
 * Unrolled hypergradient through {@code K = 10 000} gradient steps at {@code 442 × 10} (Gram form) with the
 * three memory strategies: every state stored ({@code K} states), {@link Checkpointing#sqrt()}
 * ({@code ≈ 2√K} states, one extra forward pass) and {@link Checkpointing#recursive(int)} with leaf 16
 * ({@code O(log K)} states plus the leaf, {@code O(log K)} forward passes). The stored states and bytes of each
 * are printed by {@link CheckpointingReport}.
 *
 * <p>Run: {@code java -cp examples/target/tandem.jar org.openjdk.jmh.Main 'bench.bilevel.CheckpointingBenchmark'
 * -f 1 -wi 2 -w 1 -i 3 -r 1}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CheckpointingBenchmark {

    /** Number of inner steps. */
    public static final int K = 10_000;

    /** The session for one memory strategy. */
    @State(Scope.Thread)
    public static class Run {
        @Param({"storeAll", "sqrt", "recursive16"})
        public String memory;

        RidgeData data;
        EstimatorSession session;
        double[] state;
        double[] zero;

        @Setup(Level.Trial)
        public void setUp() {
            data = new RidgeData(442, 10, 2026);
            BilevelProblem problem = data.ridge.gramForm().problem(data.t);
            session = UnrolledDifferentiation.with(strategy(memory)).open(problem, GradientStep.fixed(data.step));
            zero = new double[data.p];
            state = session.initialState(zero);
        }
    }

    static Checkpointing strategy(String name) {
        switch (name) {
            case "storeAll":
                return Checkpointing.storeAll();
            case "sqrt":
                return Checkpointing.sqrt();
            case "recursive16":
                return Checkpointing.recursive(16);
            default:
                throw new IllegalArgumentException("memory = " + name + ", expected storeAll, sqrt or recursive16");
        }
    }

    @Benchmark
    public Hypergradient unrolled(Run r) {
        System.arraycopy(r.zero, 0, r.state, 0, r.zero.length);
        return r.session.estimate(r.data.t, r.state, K, K, 0);
    }
}
