package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tandemopt.core.testing.Traces.assertSamePrefix;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.BilevelSolver;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.OneStepDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.nonsmooth.ForwardBackward;
import org.tandemopt.bilevel.nonsmooth.ParametricElasticNet;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.LinearSolvers;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.testing.Fault;
import org.tandemopt.core.testing.FaultRuns;
import org.tandemopt.core.testing.Cases;

/**
 * Fault injection, interruption and time limits for every bilevel solver family — SSMS, differentiable
 * programming (reverse and forward), approximate implicit gradient with the implicit (CG, MINRES), unrolled,
 * forward and one-step estimators, and a nonsmooth forward-backward lower level — on
 * {@link CrossingLowerLevel} with {@code c = 3.5} ({@code H_yy} positive definite along the whole run). One
 * {@link Fault} counts the calls of both {@code f} and {@code g}.
 *
 * <ul>
 *   <li>{@code NaN} / {@code +∞} from a seeded call on: the documented termination, the trace keeping every
 *       iteration completed before the fault, and the result's {@code x} (and {@code y}) bit for bit those of the
 *       fault-free run stopped at the last iteration at which everything was finite;</li>
 *   <li>a throwing {@code f} or {@code g}: the same exception instance, with a {@link Driver.RunSnapshot} of the
 *       completed iterations;</li>
 *   <li>an interrupter flipped by a listener at iteration {@code k}: exactly {@code k} iterations (the driver
 *       checks before each step), at the fault-free iterate {@code k};</li>
 *   <li>a time limit with oracles that sleep 1 ms: {@code TIME_LIMIT}, every recorded step started before the
 *       limit, at most {@code limit / 1 ms + 1} iterations.</li>
 * </ul>
 */
class BilevelFaultTest {

    static final double C = 3.5;
    static final double A = 3;
    static final double[] X0 = {0.5};
    static final double[] Y0 = {0, 0};
    static final ParametricElasticNet PROX = ParametricElasticNet.of(ParametricElasticNet.Weighting.SHARED_LOG, 2, 0);

    /**
     * @param nanTerminations the documented ends on a corrupted {@code f} or {@code g}: {@code NON_FINITE}; with a
     *                        derivative carried through the inner steps (unrolled, forward) also
     *                        {@code DERIVATIVE_BLOW_UP}, which those estimators report for a non-finite derivative
     */
    record Case(String name, Supplier<BilevelSolver> solver, Set<Termination> nanTerminations) {
        @Override
        public String toString() {
            return name;
        }

        BilevelResult run(ParametricFunction f, ParametricFunction g, SolveOptions o) {
            return solver.get().solve(BilevelProblem.builder(f, g).start(X0, Y0).build(), o);
        }
    }

    static final String UNCHANGED = "the user's exception reaches the caller unchanged";
    static final GradientStep INNER = GradientStep.fixed(0.5);
    static final ConstantStep OUTER = new ConstantStep(0.05);

    static List<Case> cases() {
        Set<Termination> nf = Set.of(Termination.NON_FINITE);
        Set<Termination> carried = Set.of(Termination.NON_FINITE, Termination.DERIVATIVE_BLOW_UP);
        return List.of(
                new Case("SSMS(forward)", () -> SingleStepMultiStep.builder().inner(INNER).innerSteps(5)
                        .stepRule(OUTER).build(), carried),
                new Case("SSMS(implicit CG)", () -> SingleStepMultiStep.builder().inner(INNER).innerSteps(5)
                        .estimator(ImplicitDifferentiation.with(LinearSolvers.cg())).stepRule(OUTER).build(), nf),
                new Case("DP(reverse)", () -> DifferentiableProgramming.builder().inner(INNER).innerSteps(10)
                        .stepRule(OUTER).build(), carried),
                new Case("DP(forward)", () -> DifferentiableProgramming.builder().inner(INNER).innerSteps(10)
                        .forwardMode().stepRule(OUTER).build(), carried),
                new Case("AID(implicit CG)", () -> ApproximateImplicitGradient.builder(LinearSolvers.cg())
                        .inner(INNER).stepRule(OUTER).build(), nf),
                new Case("AID(implicit MINRES)", () -> ApproximateImplicitGradient.builder(LinearSolvers.minres())
                        .inner(INNER).stepRule(OUTER).build(), nf),
                new Case("AID(unrolled)", () -> ApproximateImplicitGradient.builder()
                        .estimator(UnrolledDifferentiation.storeAll()).inner(INNER).stepRule(OUTER).build(), carried),
                new Case("AID(forward)", () -> ApproximateImplicitGradient.builder()
                        .estimator(ForwardDifferentiation.create()).inner(INNER).stepRule(OUTER).build(), carried),
                new Case("AID(one-step)", () -> ApproximateImplicitGradient.builder()
                        .estimator(OneStepDifferentiation.create()).inner(INNER).stepRule(OUTER).build(), nf),
                new Case("AID(implicit CG, Armijo)", () -> ApproximateImplicitGradient.builder(LinearSolvers.cg())
                        .inner(INNER).build(), nf),
                new Case("SSMS(forward-backward lower)", () -> SingleStepMultiStep.builder()
                        .inner(ForwardBackward.ista(PROX, 0.5)).innerSteps(5).stepRule(OUTER).build(), carried),
                new Case("AID(forward-backward lower, nonsmooth implicit)", () -> ApproximateImplicitGradient
                        .builder().estimator(NonsmoothImplicitDifferentiation.with(PROX))
                        .inner(ForwardBackward.ista(PROX, 0.5)).stepRule(OUTER).build(), nf));
    }

    static SolveOptions options(int iterations) {
        return SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-13).trace(true).build();
    }

    static BilevelResult clean(Case c, int iterations) {
        return c.run(CrossingLowerLevel.upper(A), CrossingLowerLevel.lower(C), options(iterations));
    }

    static Stream<Arguments> faults() {
        return Cases.product(cases(), List.of(Fault.Kind.values()), Cases.seeds(1, 3));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("faults")
    void faultEndsTheRunKeepingTheLastGoodIterate(Case c, Fault.Kind kind, long seed) {
        Fault counter = Fault.never();
        SolveOptions base = options(40);
        BilevelResult clean = c.run(new FaultyParametric(CrossingLowerLevel.upper(A), counter, 0),
                new FaultyParametric(CrossingLowerLevel.lower(C), counter, 0), base.toBuilder().listener(counter)
                        .build());
        assertTrue(!clean.termination().isFailure(), c + " fails without a fault: " + clean);
        long from = FaultRuns.seededFaultCall(counter, c.name(), seed, 400);

        Fault fault = new Fault(kind, from);
        SolveOptions o = base.toBuilder().listener(fault).build();
        ParametricFunction f = new FaultyParametric(CrossingLowerLevel.upper(A), fault, 0);
        ParametricFunction g = new FaultyParametric(CrossingLowerLevel.lower(C), fault, 0);
        if (kind == Fault.Kind.THROW) {
            Driver.RunSnapshot snap = FaultRuns.assertRethrown(fault, () -> c.run(f, g, o), UNCHANGED);
            FaultRuns.assertSnapshotOfCleanRecords(clean.trace(), snap, fault.cleanRecords(), c.toString());
            return;
        }
        BilevelResult r = c.run(f, g, o);
        int good = FaultRuns.cleanRecords(fault, clean.iterations(), from);
        assertTrue(c.nanTerminations().contains(r.termination()), c + ": " + r);
        int j = FaultRuns.assertLastMatchAtLeast(clean.trace(), r.trace(), good, c.toString());
        double[] wantX = j == 0 ? X0 : clean(c, j).x();
        assertArrayEquals(wantX, r.x(), c + ": x of the last finite iterate " + j);
        assertEquals(clean.trace().get(j).value(), r.value(), 0, c + ": value at the last finite iterate");
        assertTrue(Double.isFinite(r.value()) && Double.isFinite(r.y()[0]) && Double.isFinite(r.y()[1]), r.toString());
    }

    static Stream<Arguments> interrupts() {
        return Cases.product(cases(), Cases.seeds(1, 2));
    }

    /**
     * The interrupter is flipped by a listener when iteration {@code k} is recorded; the driver checks it before
     * the next step, so exactly {@code k} iterations complete.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("interrupts")
    void interrupterStopsAtIterationK(Case c, long seed) {
        BilevelResult full = clean(c, 40);
        int k = FaultRuns.seededIteration(c.name(), seed, 104729, 25, full.iterations());
        Interrupter stop = new Interrupter();
        SolveOptions o = options(40).toBuilder().interrupter(stop).listener(FaultRuns.atIteration(k, stop::interrupt))
                .build();
        BilevelResult r = c.run(CrossingLowerLevel.upper(A), CrossingLowerLevel.lower(C), o);
        assertEquals(Termination.INTERRUPTED, r.termination());
        FaultRuns.assertStoppedAt(k, full.trace(), r.iterations(), r.trace(), c.toString());
        BilevelResult want = clean(c, k);
        assertArrayEquals(want.x(), r.x(), c + ": x of iteration " + k);
        assertArrayEquals(want.y(), r.y(), c + ": y of iteration " + k);
        assertEquals(want.value(), r.value(), 0);
        assertTrue(Double.isFinite(r.value()));
    }

    static Stream<Case> timed() {
        return cases().stream().filter(c -> c.name().startsWith("SSMS(forward)") || c.name().startsWith("DP(rev")
                || c.name().equals("AID(implicit CG)"));
    }

    /**
     * Every oracle sleeps 1 ms and the limit is 12 ms: the run ends {@code TIME_LIMIT}; every recorded step started
     * before the limit; every iteration makes at least one call, so at most 12 + 1 iterations ran; the result is
     * the fault-free iterate of that iteration.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("timed")
    void timeLimitStopsWithinOneIteration(Case c) {
        Duration limit = Duration.ofMillis(12);
        SolveOptions o = options(100_000).toBuilder().timeLimit(limit).build();
        BilevelResult r = c.run(new FaultyParametric(CrossingLowerLevel.upper(A), Fault.never(), 1),
                new FaultyParametric(CrossingLowerLevel.lower(C), Fault.never(), 1), o);
        FaultRuns.assertStoppedByTimeLimit(limit, r.termination(), r.iterations(), r.wallTime(), r.trace(),
                r.toString());
        BilevelResult want = clean(c, r.iterations());
        assertArrayEquals(want.x(), r.x(), c + ": x of iteration " + r.iterations());
        assertArrayEquals(want.y(), r.y(), c + ": y of iteration " + r.iterations());
    }

    static Stream<Arguments> armed() {
        return Cases.product(cases(), List.of(Fault.Kind.NAN, Fault.Kind.THROW), Cases.seeds(1, 2));
    }

    /**
     * The fault tied to the solver's iteration: a listener arms it when iteration {@code k} (seeded) is recorded,
     * so every later call of {@code f} or {@code g} is {@code NaN} or throws. NaN: the run ends with the documented
     * termination after exactly one more iteration, at the {@code x} of iteration {@code k}, bit for bit. Throw:
     * the snapshot holds exactly {@code k} completed iterations.
     */
    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("armed")
    void faultFromIterationKEndsAtIterateK(Case c, Fault.Kind kind, long seed) {
        BilevelResult full = clean(c, 40);
        int k = FaultRuns.seededIteration(c.name(), seed, 31, 20, full.iterations());
        Fault fault = Fault.onArm(kind);
        SolveOptions o = options(40).toBuilder().listener(FaultRuns.atIteration(k, fault::arm)).build();
        ParametricFunction f = new FaultyParametric(CrossingLowerLevel.upper(A), fault, 0);
        ParametricFunction g = new FaultyParametric(CrossingLowerLevel.lower(C), fault, 0);
        if (kind == Fault.Kind.THROW) {
            Driver.RunSnapshot snap = FaultRuns.assertRethrown(fault, () -> c.run(f, g, o), UNCHANGED);
            FaultRuns.assertStoppedAt(k, full.trace(), snap.iteration(), snap.trace(), c.toString());
            return;
        }
        BilevelResult r = c.run(f, g, o);
        assertTrue(c.nanTerminations().contains(r.termination()), c + ": " + r);
        assertEquals(k + 1, r.iterations(), c + ": the faulty iteration is the last");
        assertSamePrefix(full.trace(), r.trace(), k + 1, c.toString());
        BilevelResult want = clean(c, k);
        assertArrayEquals(want.x(), r.x(), c + ": x of iteration " + k);
        assertArrayEquals(want.y(), r.y(), c + ": y of iteration " + k);
        assertEquals(want.value(), r.value(), 0, c + ": value of iteration " + k);
        assertEquals(want.hypergradientNorm(), r.hypergradientNorm(), 0);
    }
}
