package org.tandemopt.core.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.HeavyBall;
import org.tandemopt.core.optim.INNA;
import org.tandemopt.core.optim.INNAprop;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.Nesterov;
import org.tandemopt.core.optim.Newton;
import org.tandemopt.core.optim.NewtonCG;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.ProximalGradient;
import org.tandemopt.core.optim.StepTunedSGD;
import org.tandemopt.core.optim.StochasticObjective;
import org.tandemopt.core.optim.prox.L1Norm;
import org.tandemopt.core.testing.Fault;
import org.tandemopt.core.testing.Traces;
import org.tandemopt.core.testing.FaultRuns;
import org.tandemopt.core.testing.Cases;

/**
 * Fault injection into every solver-core optimizer family: the user function turns {@code NaN} or {@code +∞}
 * (value and gradient), or throws, from a seeded oracle call {@code k} on (every call of any oracle counts).
 *
 * <p>For a corrupted function the run must end with {@link Termination#NON_FINITE}, keep in its trace every
 * iteration completed before the fault (equal, number for number, to a fault-free run's), and return the last
 * iterate at which everything was finite: its point bit for bit equal to the fault-free run stopped at that
 * iteration, and its value that iterate's value. For a throwing function the same exception instance reaches the
 * caller with a {@link Driver.RunSnapshot} whose iteration, trace and last record are those of the completed
 * iterations.
 */
class NumericalFaultTest {

    static final double[] START = {-1.2, 1.0};
    static final int BUDGET = 150;

    /**
     * Rosenbrock 2-D with exact gradient and Hessian-vector product ({@code FuzzTest.scaledRosenbrock} at scale 1,
     * whose every product by {@code s = 1} is exact: the same numbers bit for bit).
     */
    static final DifferentiableFunction ROSENBROCK = FuzzTest.scaledRosenbrock(1);

    /** A seeded least-squares objective {@code (1/|B|) Σ_{i∈B} ½(a_iᵀx − b_i)²}, 3 unknowns, 40 samples. */
    static final StochasticObjective LEAST_SQUARES = new StochasticObjective() {
        final double[][] a = new double[40][3];
        final double[] b = new double[40];

        {
            SplittableRandom r = new SplittableRandom(20261122L);
            for (int i = 0; i < 40; i++) {
                for (int j = 0; j < 3; j++) {
                    a[i][j] = r.nextDouble(-1, 1);
                }
                b[i] = r.nextDouble(-1, 1);
            }
        }

        @Override public int dimension() { return 3; }

        @Override public int sampleCount() { return 40; }

        @Override
        public double valueAndGradient(double[] x, int[] batch, int batchSize, double[] g) {
            java.util.Arrays.fill(g, 0);
            double v = 0;
            for (int t = 0; t < batchSize; t++) {
                double[] ai = a[batch[t]];
                double res = ai[0] * x[0] + ai[1] * x[1] + ai[2] * x[2] - b[batch[t]];
                v += 0.5 * res * res;
                for (int j = 0; j < 3; j++) {
                    g[j] += res * ai[j] / batchSize;
                }
            }
            return v / batchSize;
        }
    };

    static final double[] LS_START = {2.0, -1.0, 0.5};

    /** One optimizer family, run on a function wrapped by a fault. */
    interface Family {
        OptimizationResult run(Fault fault, SolveOptions options);
    }

    /**
     * @param nanTermination the documented end on a corrupted function ({@code NON_FINITE} for every family)
     */
    record Case(String name, Family family, double[] start, Termination nanTermination) {
        Case(String name, Family family, double[] start) {
            this(name, family, start, Termination.NON_FINITE);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case smooth(String name, org.tandemopt.core.optim.Optimizer o) {
        return new Case(name, (fault, opt) -> o.minimize(FaultyFunction.of(ROSENBROCK, fault), START, opt), START);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(smooth("GradientDescent(Armijo)", GradientDescent.defaults()));
        c.add(smooth("GradientDescent(constant)", GradientDescent.withStepRule(new ConstantStep(2e-4))));
        c.add(smooth("HeavyBall", HeavyBall.builder(2e-4).momentum(0.5).build()));
        c.add(smooth("Nesterov", Nesterov.builder(2e-4).build()));
        c.add(smooth("LBFGS", LBFGS.defaults()));
        c.add(smooth("Newton", Newton.defaults()));
        c.add(smooth("NewtonCG", NewtonCG.defaults()));
        c.add(new Case("ISTA", (fault, opt) -> ProximalGradient.ista()
                .minimize(FaultyFunction.of(ROSENBROCK, fault), L1Norm.of(0.01), START, opt), START));
        c.add(new Case("FISTA", (fault, opt) -> ProximalGradient.fista()
                .minimize(FaultyFunction.of(ROSENBROCK, fault), L1Norm.of(0.01), START, opt), START));
        c.add(new Case("ISTA(constant)", (fault, opt) -> ProximalGradient.builder().constantStep(2e-4).build()
                .minimize(FaultyFunction.of(ROSENBROCK, fault), L1Norm.of(0.01), START, opt), START));
        c.add(new Case("FISTA(constant)", (fault, opt) -> ProximalGradient.builder().accelerated(true)
                .constantStep(2e-4).build()
                .minimize(FaultyFunction.of(ROSENBROCK, fault), L1Norm.of(0.01), START, opt), START));
        c.add(smooth("INNA", INNA.builder().step(2e-4).build()));
        c.add(smooth("INNAprop", INNAprop.builder().learningRate(2e-4).build()));
        c.add(smooth("StepTunedSGD", StepTunedSGD.builder().alpha(2e-4).build()));
        c.add(new Case("StepTunedSGD(mini-batch)", (fault, opt) -> StepTunedSGD.builder().alpha(0.05).build()
                .minimize(FaultyFunction.of(LEAST_SQUARES, fault), 8, 7L, LS_START, opt), LS_START));
        c.add(new Case("INNA(mini-batch)", (fault, opt) -> INNA.builder().step(0.05).build()
                .minimize(FaultyFunction.of(LEAST_SQUARES, fault), 8, 7L, LS_START, opt), LS_START));
        return c;
    }

    static Stream<Arguments> faults() {
        return Cases.product(cases(), List.of(Fault.Kind.values()), Cases.seeds(1, 3));
    }

    static SolveOptions options(int iterations) {
        return SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-12).trace(true).build();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("faults")
    void faultEndsTheRunKeepingTheLastGoodIterate(Case c, Fault.Kind kind, long seed) {
        Fault counter = Fault.never();
        SolveOptions base = options(BUDGET);
        OptimizationResult clean = c.family().run(counter, base.toBuilder().listener(counter).build());
        assertTrue(!clean.termination().isFailure(), c + " fails without a fault: " + clean);
        long from = FaultRuns.seededFaultCall(counter, c.name(), seed, 60);

        Fault fault = new Fault(kind, from);
        SolveOptions o = base.toBuilder().listener(fault).build();
        if (kind == Fault.Kind.THROW) {
            Driver.RunSnapshot snap = FaultRuns.assertRethrown(fault, () -> c.family().run(fault, o),
                    "the user's exception reaches the caller unchanged");
            FaultRuns.assertSnapshotOfCleanRecords(clean.trace(), snap, fault.cleanRecords(), c.toString());
            return;
        }
        OptimizationResult r = c.family().run(fault, o);
        int good = FaultRuns.cleanRecords(fault, clean.iterations(), from);
        assertEquals(c.nanTermination(), r.termination(), c + ": " + r);
        int j = FaultRuns.assertLastMatchAtLeast(clean.trace(), r.trace(), good, c.toString());
        double[] want = j == 0 ? c.start() : c.family().run(Fault.never(), options(j)).point();
        assertArrayEquals(want, r.point(), c + ": the result's point is the last finite iterate " + j);
        assertEquals(clean.trace().get(j).value(), r.value(), 0, c + ": value at the last finite iterate");
    }

    static Stream<Arguments> armed() {
        return Cases.product(cases(), Cases.seeds(1, 2));
    }

    /**
     * The fault tied to the solver's iteration: a listener arms it when iteration {@code k} (seeded) is recorded,
     * so every later call is {@code NaN}. The run ends {@code NON_FINITE} after exactly one more iteration, at
     * the point of iteration {@code k}, bit for bit.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("armed")
    void nanFromIterationKEndsAtIterateK(Case c, long seed) {
        int k = 1 + new SplittableRandom(seed * 31 + c.name().hashCode()).nextInt(20);
        Fault fault = Fault.onArm(Fault.Kind.NAN);
        SolveOptions o = options(BUDGET).toBuilder().listener(FaultRuns.atIteration(k, fault::arm)).build();
        OptimizationResult r = c.family().run(fault, o);
        assertEquals(c.nanTermination(), r.termination(), c + ": " + r);
        assertEquals(k + 1, r.iterations(), c + ": the faulty iteration is the last");
        assertEquals(k + 2, r.trace().size());
        OptimizationResult clean = c.family().run(Fault.never(), options(k));
        assertEquals(k, clean.iterations());
        assertArrayEquals(clean.point(), r.point(), c + ": point of iteration " + k);
        assertEquals(clean.value(), r.value(), 0, c + ": value of iteration " + k);
        Traces.assertSamePrefix(clean.trace(), r.trace(), k + 1, c.toString());
    }
}
