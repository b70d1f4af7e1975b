package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tandemopt.core.testing.Traces.assertSamePrefix;
import static org.tandemopt.core.testing.Traces.assertSameRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.testing.Fault;
import org.tandemopt.core.testing.Traces;

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
        List<Arguments> a = new ArrayList<>();
        for (Case c : cases()) {
            for (Fault.Kind k : Fault.Kind.values()) {
                for (long seed = 1; seed <= 3; seed++) {
                    a.add(Arguments.of(c, k, seed));
                }
            }
        }
        return a.stream();
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
        long first = counter.callsAt(0);
        long total = counter.calls();
        assertTrue(total - first >= 10, c + " made only " + (total - first) + " calls after its start");
        long from = first + new SplittableRandom(seed * 7919 + c.name().hashCode()).nextLong(
                Math.min(400, total - first));

        Fault fault = new Fault(kind, from);
        SolveOptions o = base.toBuilder().listener(fault).build();
        ParametricFunction f = new FaultyParametric(CrossingLowerLevel.upper(A), fault, 0);
        ParametricFunction g = new FaultyParametric(CrossingLowerLevel.lower(C), fault, 0);
        if (kind == Fault.Kind.THROW) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> c.run(f, g, o));
            assertSame(fault.error(), e, "the user's exception reaches the caller unchanged");
            int good = fault.cleanRecords();
            Throwable[] suppressed = e.getSuppressed();
            assertEquals(1, suppressed.length);
            Driver.RunSnapshot snap = (Driver.RunSnapshot) suppressed[0];
            assertEquals(good - 1, snap.iteration(), "completed iterations");
            assertEquals(good, snap.trace().size(), "trace of the completed iterations");
            assertSamePrefix(clean.trace(), snap.trace(), good, c + " snapshot");
            assertSameRecord(clean.trace().get(good - 1), snap.lastCompleted(), c + " last completed");
            return;
        }
        BilevelResult r = c.run(f, g, o);
        int good = fault.cleanRecords();
        assertTrue(good >= 1 && good <= clean.iterations(), "fault at call " + from + " left " + good
                + " clean records");
        assertTrue(c.nanTerminations().contains(r.termination()), c + ": " + r);
        assertSamePrefix(clean.trace(), r.trace(), good, c.toString());
        int j = Traces.lastMatchingRecord(clean.trace(), r.trace());
        assertTrue(j >= good - 1, c + ": last good record " + j + " before the fault's iteration " + good);
        double[] wantX = j == 0 ? X0 : clean(c, j).x();
        assertArrayEquals(wantX, r.x(), c + ": x of the last finite iterate " + j);
        assertEquals(clean.trace().get(j).value(), r.value(), 0, c + ": value at the last finite iterate");
        assertTrue(Double.isFinite(r.value()) && Double.isFinite(r.y()[0]) && Double.isFinite(r.y()[1]), r.toString());
    }

    static Stream<Arguments> interrupts() {
        List<Arguments> a = new ArrayList<>();
        for (Case c : cases()) {
            for (long seed = 1; seed <= 2; seed++) {
                a.add(Arguments.of(c, seed));
            }
        }
        return a.stream();
    }

    /**
     * The interrupter is flipped by a listener when iteration {@code k} is recorded; the driver checks it before
     * the next step, so exactly {@code k} iterations complete.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("interrupts")
    void interrupterStopsAtIterationK(Case c, long seed) {
        BilevelResult full = clean(c, 40);
        int k = 1 + new SplittableRandom(seed * 104729 + c.name().hashCode()).nextInt(
                Math.min(25, full.iterations() - 1));
        Interrupter stop = new Interrupter();
        SolveOptions o = options(40).toBuilder().interrupter(stop).listener(r -> {
            if (r.iteration() == k) {
                stop.interrupt();
            }
            return IterationListener.Decision.CONTINUE;
        }).build();
        BilevelResult r = c.run(CrossingLowerLevel.upper(A), CrossingLowerLevel.lower(C), o);
        assertEquals(Termination.INTERRUPTED, r.termination());
        assertEquals(k, r.iterations());
        assertEquals(k + 1, r.trace().size());
        assertSamePrefix(full.trace(), r.trace(), k + 1, c.toString());
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
        assertEquals(Termination.TIME_LIMIT, r.termination(), r.toString());
        assertTrue(r.iterations() >= 1 && r.iterations() <= 13, "iterations " + r.iterations());
        assertTrue(r.wallTime().compareTo(limit) >= 0);
        for (int i = 1; i < r.trace().size(); i++) {
            IterationRecord rec = r.trace().get(i);
            assertTrue(rec.elapsedNanos() < limit.toNanos(), "step " + i + " started after the limit");
        }
        BilevelResult want = clean(c, r.iterations());
        assertArrayEquals(want.x(), r.x(), c + ": x of iteration " + r.iterations());
        assertArrayEquals(want.y(), r.y(), c + ": y of iteration " + r.iterations());
    }

    static Stream<Arguments> armed() {
        List<Arguments> a = new ArrayList<>();
        for (Case c : cases()) {
            for (Fault.Kind kind : new Fault.Kind[] {Fault.Kind.NAN, Fault.Kind.THROW}) {
                for (long seed = 1; seed <= 2; seed++) {
                    a.add(Arguments.of(c, kind, seed));
                }
            }
        }
        return a.stream();
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
        int k = 1 + new SplittableRandom(seed * 31 + c.name().hashCode()).nextInt(Math.min(20, full.iterations() - 1));
        Fault fault = Fault.onArm(kind);
        SolveOptions o = options(40).toBuilder().listener(r -> {
            if (r.iteration() == k) {
                fault.arm();
            }
            return IterationListener.Decision.CONTINUE;
        }).build();
        ParametricFunction f = new FaultyParametric(CrossingLowerLevel.upper(A), fault, 0);
        ParametricFunction g = new FaultyParametric(CrossingLowerLevel.lower(C), fault, 0);
        if (kind == Fault.Kind.THROW) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> c.run(f, g, o));
            assertSame(fault.error(), e);
            assertEquals(1, e.getSuppressed().length);
            Driver.RunSnapshot snap = (Driver.RunSnapshot) e.getSuppressed()[0];
            assertEquals(k, snap.iteration());
            assertEquals(k + 1, snap.trace().size());
            assertSamePrefix(full.trace(), snap.trace(), k + 1, c.toString());
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
