package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.BarzilaiBorwein;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.linesearch.DecayingStep;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Criteria;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.ReferenceProblems.Problem;
import org.tandemopt.core.optim.prox.L1Norm;

/**
 * Snapshots of every optimizer state, on two catalogue problems (Rosenbrock 2-D and Beale) and, for the learning
 * optimizers, on a mini-batch least-squares objective: a copy and a state restored from a checkpoint file
 * continue bit for bit like the uninterrupted run — the whole saved state (iterates, memories, step-rule memory,
 * counters; everything but the elapsed time) is compared as checkpoint text, whose doubles are exact — and a
 * checkpoint of another configuration or kind is refused.
 */
class SnapshotsTest {

    /** First leg and second leg of the interrupted runs. */
    static final int N = 4;
    static final int M = 3;

    /** One resumable algorithm on one problem, with the ways to start and restore it. */
    static final class Case<P, S extends IterationState & Resumable<S>> {
        final String name;
        final IterativeAlgorithm<P, S> algorithm;
        final P problem;
        final Supplier<S> start;
        final Function<Checkpoint, S> restore;
        final Function<Checkpoint, S> restoreWithOtherConfiguration;

        Case(String name, IterativeAlgorithm<P, S> algorithm, P problem, Supplier<S> start,
             Function<Checkpoint, S> restore, Function<Checkpoint, S> restoreWithOtherConfiguration) {
            this.name = name;
            this.algorithm = algorithm;
            this.problem = problem;
            this.start = start;
            this.restore = restore;
            this.restoreWithOtherConfiguration = restoreWithOtherConfiguration;
        }

        RunResult<S> runUntil(S s, int totalIterations) {
            return Driver.run(algorithm, problem, s, until(totalIterations));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Only the iteration budget stops a run (no convergence test), so the legs are exactly N and M. */
    static SolveOptions until(int totalIterations) {
        return SolveOptions.builder().maxIterations(totalIterations).convergence(p -> null).build();
    }

    static <P, S extends IterationState & Resumable<S>> Case<P, S> of(String name, IterativeAlgorithm<P, S> a, P p,
            Supplier<S> start, Function<Checkpoint, S> restore, Function<Checkpoint, S> other) {
        return new Case<>(name, a, p, start, restore, other);
    }

    static List<Case<?, ?>> cases() {
        List<Case<?, ?>> all = new ArrayList<>();
        for (Problem p : List.of(ReferenceProblems.rosenbrock(2), ReferenceProblems.beale())) {
            DifferentiableFunction f = p.f();
            double[] x0 = p.start();
            String at = " × " + p.name();
            double lipschitz = OptimizerCatalogueTest.tuning(p)[0];
            double mu = OptimizerCatalogueTest.tuning(p)[1];

            GradientDescent gd = GradientDescent.defaults();
            all.add(of("GradientDescent-Armijo" + at, gd, f, () -> gd.start(f, x0), c -> gd.restore(f, c),
                    c -> GradientDescent.withStepRule(new ConstantStep(1e-3)).restore(f, c)));
            GradientDescent bb = GradientDescent.withStepRule(BarzilaiBorwein.builder().nonmonotone(5).build());
            all.add(of("GradientDescent-BB" + at, bb, f, () -> bb.start(f, x0), c -> bb.restore(f, c),
                    c -> GradientDescent.withStepRule(BarzilaiBorwein.builder().nonmonotone(6).build()).restore(f, c)));
            LBFGS lbfgs = LBFGS.builder().memory(3).build();
            all.add(of("LBFGS" + at, lbfgs, f, () -> lbfgs.start(f, x0), c -> lbfgs.restore(f, c),
                    c -> LBFGS.defaults().restore(f, c)));
            Newton newton = Newton.defaults();
            all.add(of("Newton" + at, newton, f, () -> newton.start(f, x0), c -> newton.restore(f, c),
                    c -> Newton.withStepRule(new ConstantStep(0.5)).restore(f, c)));
            NewtonCG ncg = NewtonCG.defaults();
            all.add(of("NewtonCG" + at, ncg, f, () -> ncg.start(f, x0), c -> ncg.restore(f, c),
                    c -> NewtonCG.builder().maxInnerIterations(1).build().restore(f, c)));
            HeavyBall hb = HeavyBall.forCurvature(lipschitz, mu);
            all.add(of("HeavyBall" + at, hb, f, () -> hb.start(f, x0), c -> hb.restore(f, c),
                    c -> HeavyBall.builder(hb.step()).momentum(0.5).build().restore(f, c)));
            Nesterov agd = Nesterov.builder(1 / lipschitz).build();
            all.add(of("Nesterov" + at, agd, f, () -> agd.start(f, x0), c -> agd.restore(f, c),
                    c -> Nesterov.builder(1 / lipschitz).restart(false).build().restore(f, c)));
            INNA inna = INNA.builder().schedule(new DecayingStep(Math.min(0.1, 1 / (0.1 * lipschitz)), 1, 0.5))
                    .build();
            all.add(of("INNA" + at, inna, f, () -> inna.start(f, x0), c -> inna.restore(f, c),
                    c -> INNA.defaults().restore(f, c)));
            INNAprop prop = INNAprop.defaults();
            all.add(of("INNAprop" + at, prop, f, () -> prop.start(f, x0), c -> prop.restore(f, c),
                    c -> INNAprop.builder().weightDecay(0).build().restore(f, c)));
            StepTunedSGD sgd = StepTunedSGD.builder().alpha(1e-3).build();
            all.add(of("StepTunedSGD" + at, sgd, f, () -> sgd.start(f, x0), c -> sgd.restore(f, c),
                    c -> StepTunedSGD.defaults().restore(f, c)));
            CompositeProblem lasso = new CompositeProblem(f, L1Norm.of(0.1));
            ProximalGradient ista = ProximalGradient.ista();
            all.add(of("ISTA-L1" + at, ista, lasso, () -> ista.start(lasso, x0), c -> ista.restore(lasso, c),
                    c -> ProximalGradient.builder().lipschitz(lipschitz).build().restore(lasso, c)));
            ProximalGradient fista = ProximalGradient.builder().accelerated(true)
                    .restart(ProximalGradient.Restart.FUNCTION_VALUE).build();
            all.add(of("FISTA-L1" + at, fista, lasso, () -> fista.start(lasso, x0), c -> fista.restore(lasso, c),
                    c -> ProximalGradient.fista().restore(lasso, c)));
        }
        // mini-batch runs: the sampler's position is part of the snapshot
        StochasticObjective data = LearningOptimizersTest.DATA;
        DifferentiableFunction full = data.asFunction();
        double[] x0 = new double[data.dimension()];
        int batch = 8;
        long seed = 20261122L;
        INNA inna = INNA.builder().schedule(new DecayingStep(0.1, 1, 0.5)).build();
        all.add(of("INNA × mini-batch", inna, full, () -> inna.start(data, batch, seed, x0),
                c -> inna.restore(data, c), c -> INNA.defaults().restore(data, c)));
        INNAprop prop = INNAprop.builder().learningRate(1e-2).build();
        all.add(of("INNAprop × mini-batch", prop, full, () -> prop.start(data, batch, seed, x0),
                c -> prop.restore(data, c), c -> INNAprop.defaults().restore(data, c)));
        StepTunedSGD sgd = StepTunedSGD.defaults();
        all.add(of("StepTunedSGD × mini-batch", sgd, full, () -> sgd.start(data, batch, seed, x0),
                c -> sgd.restore(data, c), c -> StepTunedSGD.builder().nu(3).build().restore(data, c)));
        return all;
    }

    @TempDir
    Path dir;

    /** Run N, copy, run the original on by M, then the copy by M: both equal the uninterrupted N+M run. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void copyContinuesBitForBit(Case<?, ?> c) throws IOException {
        copyCheck(c);
    }

    private <P, S extends IterationState & Resumable<S>> void copyCheck(Case<P, S> c) throws IOException {
        S reference = c.start.get();
        RunResult<S> uninterrupted = c.runUntil(reference, N + M);
        assertEquals(Termination.MAX_ITERATIONS, uninterrupted.termination(), "the comparison needs N+M real steps");

        S s = c.start.get();
        c.runUntil(s, N);
        S copy = s.copy();
        assertEquals(saved(s), saved(copy), "a copy saves exactly what its original saves");
        assertEquals(s.valueEvaluations(), copy.valueEvaluations());
        assertEquals(s.elapsedNanos(), copy.elapsedNanos());
        RunResult<S> original = c.runUntil(s, N + M);
        RunResult<S> copied = c.runUntil(copy, N + M); // after the original moved on: the copy is independent
        assertEquals(saved(reference), saved(s));
        assertEquals(saved(reference), saved(copy));
        assertSameLast(uninterrupted, original);
        assertSameLast(uninterrupted, copied);
    }

    /** Run N, checkpoint to a file, restore into a fresh state, run M: equal to the uninterrupted N+M run. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checkpointFileResumesBitForBit(Case<?, ?> c) {
        fileCheck(c);
    }

    private <P, S extends IterationState & Resumable<S>> void fileCheck(Case<P, S> c) {
        S reference = c.start.get();
        RunResult<S> uninterrupted = c.runUntil(reference, N + M);

        S s = c.start.get();
        c.runUntil(s, N);
        Path file = dir.resolve("state.ckpt");
        s.toCheckpoint().write(file);
        S resumed = c.restore.apply(Checkpoint.read(file));
        assertEquals(N, resumed.iteration());
        assertEquals(s.gradientEvaluations(), resumed.gradientEvaluations());
        assertEquals(s.elapsedNanos(), resumed.elapsedNanos());
        RunResult<S> continued = c.runUntil(resumed, N + M);
        assertEquals(saved(reference), saved(resumed));
        assertEquals(N + M, resumed.iteration());
        assertEquals(reference.valueEvaluations(), resumed.valueEvaluations());
        assertEquals(reference.gradientEvaluations(), resumed.gradientEvaluations());
        assertEquals(reference.secondOrderEvaluations(), resumed.secondOrderEvaluations());
        assertSameLast(uninterrupted, continued);
    }

    /** A checkpoint is refused by an algorithm of another configuration, which the message names. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void otherConfigurationIsRefused(Case<?, ?> c) {
        refusalCheck(c);
    }

    private <P, S extends IterationState & Resumable<S>> void refusalCheck(Case<P, S> c) {
        S s = c.start.get();
        c.runUntil(s, 1);
        Checkpoint saved = s.toCheckpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.restoreWithOtherConfiguration.apply(saved));
        assertTrue(e.getMessage().contains("checkpoint configuration = " + c.algorithm.describe()), e.getMessage());
    }

    /**
     * The relative criterion refers to ‖∇J(x_0)‖ of the first run, kept in the checkpoint: the resumed run stops
     * at the same iteration as the uninterrupted one (without it, it would refer to the gradient at the restore
     * point and stop later).
     */
    @Test
    void relativeCriterionSurvivesACheckpoint() {
        Problem p = ReferenceProblems.rosenbrock(2);
        LBFGS lbfgs = LBFGS.defaults();
        SolveOptions relative = SolveOptions.builder().convergence(Criteria.relativeGradientNorm(1e-6)).build();
        DescentMethod.State<LBFGS.Memory> reference = lbfgs.start(p.f(), p.start());
        RunResult<DescentMethod.State<LBFGS.Memory>> uninterrupted = Driver.run(lbfgs, p.f(), reference, relative);
        assertEquals(Termination.CONVERGED_GRADIENT, uninterrupted.termination());

        DescentMethod.State<LBFGS.Memory> s = lbfgs.start(p.f(), p.start());
        Driver.run(lbfgs, p.f(), s, relative.withMaxIterations(20));
        Path file = dir.resolve("relative.ckpt");
        s.toCheckpoint().write(file);
        DescentMethod.State<LBFGS.Memory> resumed = lbfgs.restore(p.f(), Checkpoint.read(file));
        RunResult<DescentMethod.State<LBFGS.Memory>> r = Driver.run(lbfgs, p.f(), resumed, relative);
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertEquals(reference.iteration(), resumed.iteration());
        assertEquals(uninterrupted.last().gradientNorm(), r.last().gradientNorm(), 0.0);
        assertEquals(saved(reference), saved(resumed));
    }

    @Test
    void checkpointOfAnotherAlgorithmIsRefusedByKind() {
        Problem p = ReferenceProblems.rosenbrock(2);
        HeavyBall.State hb = HeavyBall.builder(1e-4).build().start(p.f(), p.start());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nesterov.builder(1e-4).build().restore(p.f(), hb.toCheckpoint()));
        assertEquals("checkpoint kind = HeavyBall.State, expected Nesterov.State", e.getMessage());
    }

    @Test
    void dimensionMismatchIsRefused() {
        Problem p = ReferenceProblems.rosenbrock(2);
        LBFGS lbfgs = LBFGS.defaults();
        Checkpoint c = lbfgs.start(p.f(), p.start()).toCheckpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lbfgs.restore(ReferenceProblems.rosenbrock(10).f(), c));
        assertEquals("checkpoint entry 'x' has 2 values, expected 10 (kind DescentMethod.State)", e.getMessage());
    }

    @Test
    void miniBatchAndFullGradientCheckpointsAreNotInterchangeable() {
        StochasticObjective data = LearningOptimizersTest.DATA;
        INNA inna = INNA.defaults();
        Checkpoint miniBatch = inna.start(data, 8, 1L, new double[data.dimension()]).toCheckpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inna.restore(data.asFunction(), miniBatch));
        assertTrue(e.getMessage().startsWith("checkpoint source = mini-batch, expected full"), e.getMessage());
        Checkpoint full = inna.start(data.asFunction(), new double[data.dimension()]).toCheckpoint();
        e = assertThrows(IllegalArgumentException.class, () -> inna.restore(data, full));
        assertTrue(e.getMessage().startsWith("checkpoint source = full, expected mini-batch"), e.getMessage());
        LearningOptimizersTest.FiniteSumLeastSquares other = new LearningOptimizersTest.FiniteSumLeastSquares(1, 30, 5);
        e = assertThrows(IllegalArgumentException.class, () -> inna.restore(other, miniBatch));
        assertEquals("objective.sampleCount() = 30, expected 40 (the sample count of the checkpointed run)",
                e.getMessage());
    }

    /** The checkpoint text of a state without the elapsed time: every saved double, exactly. */
    private String saved(Resumable<?> s) {
        Path file = dir.resolve("compare.ckpt");
        s.toCheckpoint().write(file);
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.startsWith("long elapsedNanos "))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertSameLast(RunResult<?> expected, RunResult<?> actual) {
        assertEquals(expected.termination(), actual.termination());
        assertEquals(expected.last().iteration(), actual.last().iteration());
        assertEquals(expected.last().value(), actual.last().value(), 0.0);
        assertEquals(expected.last().gradientNorm(), actual.last().gradientNorm(), 0.0);
        assertEquals(expected.last().stepNorm(), actual.last().stepNorm(), 0.0);
    }
}
