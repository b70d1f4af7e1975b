package org.tandemopt.minmax.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tandemopt.core.testing.Traces.assertSamePrefix;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.Interrupter;
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
import org.tandemopt.core.testing.FaultRuns;
import org.tandemopt.core.testing.Cases;

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

    static final String UNCHANGED = "the user's exception reaches the caller unchanged";
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
        return Cases.product(cases(), List.of(Fault.Kind.values()), Cases.seeds(1, 3));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("faults")
    void faultEndsTheRunKeepingTheLastGoodIterate(Case c, Fault.Kind kind, long seed) {
        Fault counter = Fault.never();
        SolveOptions base = options(60);
        MinMaxResult clean = c.family().run(new FaultySaddle(L, counter, 0), base.toBuilder().listener(counter)
                .build());
        assertTrue(!clean.termination().isFailure(), c + " fails without a fault: " + clean);
        long from = FaultRuns.seededFaultCall(counter, c.name(), seed, 80);

        Fault fault = new Fault(kind, from);
        SolveOptions o = base.toBuilder().listener(fault).build();
        SaddleFunction f = new FaultySaddle(L, fault, 0);
        if (kind == Fault.Kind.THROW) {
            // nested runs (the ridge method's inner solves) attach their own snapshot first; the outer run's is
            // the last one
            Driver.RunSnapshot snap = FaultRuns.assertRethrownFromNestedRuns(fault, () -> c.family().run(f, o),
                    UNCHANGED);
            FaultRuns.assertSnapshotOfCleanRecords(clean.trace(), snap, fault.cleanRecords(), c.toString());
            return;
        }
        MinMaxResult r = c.family().run(f, o);
        int good = FaultRuns.cleanRecords(fault, clean.iterations(), from);
        assertEquals(c.nanTermination(), r.termination(), c + ": " + r);
        int j = FaultRuns.assertLastMatchAtLeast(clean.trace(), r.trace(), good, c.toString());
        MinMaxResult want = j == 0 ? null : clean(c, j);
        double[] wantX = j == 0 ? new double[] {2, -1} : want.x();
        assertArrayEquals(wantX, r.x(), c + ": x of the last finite iterate " + j);
        if (want != null) {
            assertArrayEquals(want.y(), r.y(), c + ": y of the last finite iterate " + j);
        }
        assertEquals(clean.trace().get(j).value(), r.value(), 0, c + ": value at the last finite iterate");
    }

    static Stream<Arguments> interrupts() {
        return Cases.product(cases(), Cases.seeds(1, 3));
    }

    /**
     * The interrupter is flipped by a listener when iteration {@code k} is recorded; the driver checks it before
     * the next step, so exactly {@code k} iterations complete.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("interrupts")
    void interrupterStopsAtIterationK(Case c, long seed) {
        MinMaxResult full = clean(c, 60);
        int k = FaultRuns.seededIteration(c.name(), seed, 104729, 25, full.iterations());
        Interrupter stop = new Interrupter();
        SolveOptions o = options(60).toBuilder().interrupter(stop).listener(FaultRuns.atIteration(k, stop::interrupt))
                .build();
        MinMaxResult r = c.family().run(L, o);
        assertEquals(Termination.INTERRUPTED, r.termination());
        FaultRuns.assertStoppedAt(k, full.trace(), r.iterations(), r.trace(), c.toString());
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
        FaultRuns.assertStoppedByTimeLimit(limit, r.termination(), r.iterations(), r.wallTime(), r.trace(),
                r.toString());
        MinMaxResult want = clean(c, r.iterations());
        assertArrayEquals(want.x(), r.x(), c + ": x of iteration " + r.iterations());
        assertArrayEquals(want.y(), r.y(), c + ": y of iteration " + r.iterations());
    }

    static Stream<Arguments> armed() {
        return Cases.product(cases(), List.of(Fault.Kind.NAN, Fault.Kind.THROW), Cases.seeds(1, 2));
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
        int k = FaultRuns.seededIteration(c.name(), seed, 31, 20, full.iterations());
        Fault fault = Fault.onArm(kind);
        SolveOptions o = options(60).toBuilder().listener(FaultRuns.atIteration(k, fault::arm)).build();
        SaddleFunction f = new FaultySaddle(L, fault, 0);
        if (kind == Fault.Kind.THROW) {
            Driver.RunSnapshot snap = FaultRuns.assertRethrownFromNestedRuns(fault, () -> c.family().run(f, o),
                    UNCHANGED);
            FaultRuns.assertStoppedAt(k, full.trace(), snap.iteration(), snap.trace(), c.toString());
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
