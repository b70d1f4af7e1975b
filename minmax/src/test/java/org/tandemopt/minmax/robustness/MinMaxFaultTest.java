package org.tandemopt.minmax.robustness;

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
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.MinMaxSolver;
import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;
import org.tandemopt.core.testing.Fault;
import org.tandemopt.core.testing.Traces;

/**
 * Fault injection, interruption and time limits for every min-max solver family (simultaneous and alternating
 * GDA, extragradient, optimistic GDA, the ridge method) on the strongly convex–concave
 * {@code L(x, y) = ½‖x‖² + xᵀAy − ½‖y‖² + cᵀx}.
 *
 * <ul>
 *   <li>{@code NaN} / {@code +∞} from a seeded oracle call on: the documented termination, the trace keeping every
 *       iteration completed before the fault (equal to a fault-free run's), and the result's {@code (x, y)} bit
 *       for bit those of the fault-free run stopped at the last iteration at which everything was finite;</li>
 *   <li>a throwing {@code L}: the same exception instance, with a {@link Driver.RunSnapshot} of the completed
 *       iterations;</li>
 *   <li>an {@link Interrupter} triggered by a listener when iteration {@code k} is recorded: the driver checks it
 *       before the next step, so the run ends {@code INTERRUPTED} after exactly {@code k} iterations, at the
 *       fault-free run's iterate {@code k};</li>
 *   <li>a time limit with an {@code L} that sleeps 1 ms per call: {@code TIME_LIMIT}, every recorded step started
 *       before the limit, and at most {@code limit / 1 ms + 1} iterations.</li>
 * </ul>
 */
class MinMaxFaultTest {

    static final double[][] A = {{1, 0.5}, {-0.3, 1}};
    static final double[] C = {1, -2};

    /** {@code L(x, y) = ½‖x‖² + xᵀAy − ½‖y‖² + cᵀx}; saddle point where {@code x + Ay + c = 0}, {@code Aᵀx = y}. */
    static final SaddleFunction L = new SaddleFunction() {
        @Override public int xDimension() { return 2; }

        @Override public int yDimension() { return 2; }

        @Override
        public double value(double[] x, double[] y) {
            double v = 0.5 * (x[0] * x[0] + x[1] * x[1]) - 0.5 * (y[0] * y[0] + y[1] * y[1]) + C[0] * x[0]
                    + C[1] * x[1];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    v += x[i] * A[i][j] * y[j];
                }
            }
            return v;
        }

        @Override
        public double gradientX(double[] x, double[] y, double[] out) {
            for (int i = 0; i < 2; i++) {
                out[i] = x[i] + A[i][0] * y[0] + A[i][1] * y[1] + C[i];
            }
            return value(x, y);
        }

        @Override
        public double gradientY(double[] x, double[] y, double[] out) {
            for (int j = 0; j < 2; j++) {
                out[j] = A[0][j] * x[0] + A[1][j] * x[1] - y[j];
            }
            return value(x, y);
        }
    };

    interface Family {
        MinMaxResult run(SaddleFunction f, SolveOptions options);
    }

    record Case(String name, Family family, Termination nanTermination) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case solver(String name, MinMaxSolver s, Termination nan) {
        return new Case(name, (f, o) -> s.solve(MinMaxProblem.builder(f).start(new double[] {2, -1},
                new double[] {0.5, 1}).build(), o), nan);
    }

    static List<Case> cases() {
        return List.of(
                solver("GDA(simultaneous)", GradientDescentAscent.simultaneous(0.1, 0.1), Termination.NON_FINITE),
                solver("GDA(alternating)", GradientDescentAscent.alternating(0.1, 0.1), Termination.NON_FINITE),
                solver("Extragradient", Extragradient.of(0.2), Termination.NON_FINITE),
                solver("OptimisticGDA", OptimisticGradientDescentAscent.of(0.1), Termination.NON_FINITE),
                solver("RidgeMethod", RidgeMethod.defaults(), Termination.NON_FINITE));
    }

    static SolveOptions options(int iterations) {
        return SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-13).trace(true).build();
    }

    static MinMaxResult clean(Case c, int iterations) {
        return c.family().run(L, options(iterations));
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
        SolveOptions base = options(60);
        MinMaxResult clean = c.family().run(new FaultySaddle(L, counter, 0), base.toBuilder().listener(counter)
                .build());
        assertTrue(!clean.termination().isFailure(), c + " fails without a fault: " + clean);
        long first = counter.callsAt(0);
        long total = counter.calls();
        assertTrue(total - first >= 10, c + " made only " + (total - first) + " calls after its start");
        long from = first + new SplittableRandom(seed * 7919 + c.name().hashCode()).nextLong(
                Math.min(80, total - first));

        Fault fault = new Fault(kind, from);
        SolveOptions o = base.toBuilder().listener(fault).build();
        SaddleFunction f = new FaultySaddle(L, fault, 0);
        if (kind == Fault.Kind.THROW) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> c.family().run(f, o));
            assertSame(fault.error(), e, "the user's exception reaches the caller unchanged");
            int good = fault.cleanRecords();
            // nested runs (the ridge method's inner solves) attach their own snapshot first; the outer run's is
            // the last one
            Throwable[] suppressed = e.getSuppressed();
            assertTrue(suppressed.length >= 1);
            for (Throwable t : suppressed) {
                assertTrue(t instanceof Driver.RunSnapshot, t.toString());
            }
            Driver.RunSnapshot snap = (Driver.RunSnapshot) suppressed[suppressed.length - 1];
            assertEquals(good - 1, snap.iteration(), "completed iterations");
            assertEquals(good, snap.trace().size(), "trace of the completed iterations");
            assertSamePrefix(clean.trace(), snap.trace(), good, c + " snapshot");
            assertSameRecord(clean.trace().get(good - 1), snap.lastCompleted(), c + " last completed");
            return;
        }
        MinMaxResult r = c.family().run(f, o);
        int good = fault.cleanRecords();
        assertTrue(good >= 1 && good <= clean.iterations(), "fault at call " + from + " left " + good
                + " clean records");
        assertEquals(c.nanTermination(), r.termination(), c + ": " + r);
        assertSamePrefix(clean.trace(), r.trace(), good, c.toString());
        int j = Traces.lastMatchingRecord(clean.trace(), r.trace());
        assertTrue(j >= good - 1, c + ": last good record " + j + " before the fault's iteration " + good);
        MinMaxResult want = j == 0 ? null : clean(c, j);
        double[] wantX = j == 0 ? new double[] {2, -1} : want.x();
        assertArrayEquals(wantX, r.x(), c + ": x of the last finite iterate " + j);
        if (want != null) {
            assertArrayEquals(want.y(), r.y(), c + ": y of the last finite iterate " + j);
        }
        assertEquals(clean.trace().get(j).value(), r.value(), 0, c + ": value at the last finite iterate");
    }

    static Stream<Arguments> interrupts() {
        List<Arguments> a = new ArrayList<>();
        for (Case c : cases()) {
            for (long seed = 1; seed <= 3; seed++) {
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
        MinMaxResult full = clean(c, 60);
        int k = 1 + new SplittableRandom(seed * 104729 + c.name().hashCode()).nextInt(
                Math.min(25, full.iterations() - 1));
        Interrupter stop = new Interrupter();
        SolveOptions o = options(60).toBuilder().interrupter(stop).listener(r -> {
            if (r.iteration() == k) {
                stop.interrupt();
            }
            return IterationListener.Decision.CONTINUE;
        }).build();
        MinMaxResult r = c.family().run(L, o);
        assertEquals(Termination.INTERRUPTED, r.termination());
        assertEquals(k, r.iterations());
        assertEquals(k + 1, r.trace().size());
        assertSamePrefix(full.trace(), r.trace(), k + 1, c.toString());
        MinMaxResult want = clean(c, k);
        assertArrayEquals(want.x(), r.x(), c + ": x of iteration " + k);
        assertArrayEquals(want.y(), r.y(), c + ": y of iteration " + k);
        assertEquals(want.value(), r.value(), 0);
        assertTrue(Double.isFinite(r.value()));
    }

    static Stream<Case> allCases() {
        return cases().stream();
    }

    /**
     * {@code L} sleeps 1 ms per call and the limit is 12 ms: the run ends {@code TIME_LIMIT}; every recorded step
     * started before the limit (the driver checks the clock before each step); every iteration makes at least one
     * call, so at most 12 + 1 iterations ran; the result is the fault-free iterate of that iteration.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void timeLimitStopsWithinOneIteration(Case c) {
        Duration limit = Duration.ofMillis(12);
        SolveOptions o = options(100_000).toBuilder().timeLimit(limit).build();
        MinMaxResult r = c.family().run(new FaultySaddle(L, Fault.never(), 1), o);
        assertEquals(Termination.TIME_LIMIT, r.termination(), r.toString());
        assertTrue(r.iterations() >= 1 && r.iterations() <= 13, "iterations " + r.iterations());
        assertTrue(r.wallTime().compareTo(limit) >= 0);
        for (int i = 1; i < r.trace().size(); i++) {
            IterationRecord rec = r.trace().get(i);
            assertTrue(rec.elapsedNanos() < limit.toNanos(), "step " + i + " started after the limit");
        }
        MinMaxResult want = clean(c, r.iterations());
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
     * so every later call is {@code NaN} or throws. NaN: the run ends with the documented termination after
     * exactly one more iteration, at the point of iteration {@code k}, bit for bit. Throw: the snapshot holds
     * exactly {@code k} completed iterations.
     */
    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("armed")
    void faultFromIterationKEndsAtIterateK(Case c, Fault.Kind kind, long seed) {
        MinMaxResult full = clean(c, 60);
        int k = 1 + new SplittableRandom(seed * 31 + c.name().hashCode()).nextInt(Math.min(20, full.iterations() - 1));
        Fault fault = Fault.onArm(kind);
        SolveOptions o = options(60).toBuilder().listener(r -> {
            if (r.iteration() == k) {
                fault.arm();
            }
            return IterationListener.Decision.CONTINUE;
        }).build();
        SaddleFunction f = new FaultySaddle(L, fault, 0);
        if (kind == Fault.Kind.THROW) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> c.family().run(f, o));
            assertSame(fault.error(), e);
            Throwable[] suppressed = e.getSuppressed();
            Driver.RunSnapshot snap = (Driver.RunSnapshot) suppressed[suppressed.length - 1];
            assertEquals(k, snap.iteration());
            assertEquals(k + 1, snap.trace().size());
            assertSamePrefix(full.trace(), snap.trace(), k + 1, c.toString());
            return;
        }
        MinMaxResult r = c.family().run(f, o);
        assertEquals(c.nanTermination(), r.termination(), c + ": " + r);
        assertEquals(k + 1, r.iterations(), c + ": the faulty iteration is the last");
        assertSamePrefix(full.trace(), r.trace(), k + 1, c.toString());
        MinMaxResult want = clean(c, k);
        assertArrayEquals(want.x(), r.x(), c + ": x of iteration " + k);
        assertArrayEquals(want.y(), r.y(), c + ": y of iteration " + k);
        assertEquals(want.value(), r.value(), 0, c + ": value of iteration " + k);
    }
}
