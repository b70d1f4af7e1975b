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
import org.tandemopt.bilevel.hypergradient.EstimatorSession;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.bilevel.problems.RidgeHyperparameters;
import org.tandemopt.core.linalg.ConjugateGradient;
import org.tandemopt.core.linalg.LinearSolver;
import org.tandemopt.core.linalg.LinearSolvers;

/**
 * Milliseconds per hypergradient of per-feature log-regularized ridge regression (the problem of
 * {@code /work/shared/peers/torch_ridge_hypergrad.py}), on one thread:
 * <ul>
 *   <li>{@code unrolled}: {@link UnrolledDifferentiation#storeAll()} through {@code K = 100} steps of
 *       {@link GradientStep#fixed} {@code 1/L} from {@code w_0 = 0} (the session, its tape and buffers are opened
 *       once; every call restarts from {@code w_0 = 0});</li>
 *   <li>{@code implicit}: one {@link NewtonStep} from {@code w_0 = 0} (the exact minimiser of the quadratic
 *       lower level) then {@link ImplicitDifferentiation}, both solved by conjugate gradient to
 *       {@code ‖r‖ ≤ 1e-12 ‖b‖}, from zero every call (a new session, so nothing is warm-started);</li>
 *   <li>{@code implicitCholeskyGram}: the same with {@code DenseCholesky} in the Gram form;</li>
 *   <li>{@code gramForm}: forming {@code AᵀA/n}, {@code Aᵀb/n} (the one-off cost the Gram form pays).</li>
 * </ul>
 * {@code form = data} applies {@code A}, {@code Aᵀ} in every oracle ({@code 2np} per product), {@code gram}
 * the precomputed Gram matrix ({@code p²}).
 *
 * <p>Run (about 2 minutes): {@code java -cp examples/target/tandem.jar org.openjdk.jmh.Main
 * 'bench.bilevel.RidgeHypergradientBenchmark' -f 1 -wi 3 -w 1 -i 5 -r 1}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RidgeHypergradientBenchmark {

    /** Number of inner steps of the unrolled estimate. */
    public static final int K = 100;
    /** Relative residual tolerance of the conjugate-gradient solves of the implicit estimate. */
    public static final double CG_TOLERANCE = 1e-12;

    /** One problem size and form, with an open unrolled session. */
    @State(Scope.Thread)
    public static class Problem {
        @Param({"442x10", "2000x500"})
        public String size;
        @Param({"data", "gram"})
        public String form;

        RidgeData data;
        BilevelProblem problem;
        GradientStep inner;
        EstimatorSession unrolled;
        double[] state;
        double[] zero;
        LinearSolver cg;

        @Setup(Level.Trial)
        public void setUp() {
            int[] np = RidgeData.parse(size);
            data = new RidgeData(np[0], np[1], 2026);
            RidgeHyperparameters r = "gram".equals(form) ? data.ridge.gramForm() : data.ridge;
            problem = r.problem(data.t);
            inner = GradientStep.fixed(data.step);
            unrolled = UnrolledDifferentiation.storeAll().open(problem, inner);
            zero = new double[data.p];
            state = unrolled.initialState(zero);
            cg = ConjugateGradient.builder().relativeTolerance(CG_TOLERANCE).build();
        }
    }

    /** The data alone, to time the Gram precomputation. */
    @State(Scope.Thread)
    public static class Data {
        @Param({"442x10", "2000x500"})
        public String size;
        RidgeData data;
        BilevelProblem gramProblem;

        @Setup(Level.Trial)
        public void setUp() {
            int[] np = RidgeData.parse(size);
            data = new RidgeData(np[0], np[1], 2026);
            gramProblem = data.ridge.gramForm().problem(data.t);
        }
    }

    @Benchmark
    public Hypergradient unrolled(Problem s) {
        System.arraycopy(s.zero, 0, s.state, 0, s.zero.length);
        return s.unrolled.estimate(s.data.t, s.state, K, K, 0);
    }

    @Benchmark
    public Hypergradient implicit(Problem s) {
        return ImplicitDifferentiation.with(s.cg).withWarmStart(false).open(s.problem, NewtonStep.of(s.cg))
                .estimate(s.data.t, s.zero.clone(), 1, 1, 0);
    }

    /**
     * Implicit with {@code DenseCholesky} in the Gram form, for the record: the solver assembles {@code H_yy}
     * from {@code p} Hessian-vector products ({@code p³} multiply-adds), then factorizes it ({@code p³/3}).
     */
    @Benchmark
    public Hypergradient implicitCholeskyGram(Data s) {
        return ImplicitDifferentiation.with(LinearSolvers.cholesky()).withWarmStart(false)
                .open(s.gramProblem, NewtonStep.of(LinearSolvers.cholesky())).estimate(s.data.t, new double[s.data.p],
                        1, 1, 0);
    }

    @Benchmark
    public RidgeHyperparameters gramForm(Data s) {
        return s.data.ridge.gramForm();
    }
}
