package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.BarzilaiBorwein;
import org.tandemopt.core.linesearch.StrongWolfe;
import org.tandemopt.core.optim.ReferenceProblems.Problem;

/**
 * Steady-state steps allocate nothing (the engineering standard for hot loops): after a warm-up, the first 30
 * steps by hand of a new run on the 10-dimensional Rosenbrock function (all methods still far from converged)
 * allocate less than 1 KiB on the calling thread, measured
 * with HotSpot's per-thread allocation counter. Newton is excluded: its ojAlgo Cholesky allocates per
 * factorisation (see its javadoc).
 */
class AllocationFreeStepsTest {

    interface Stepper {
        void step();
    }

    record Named(String name, Supplier<Stepper> stepper) {
        @Override public String toString() { return name; }
    }

    static final Problem P = ReferenceProblems.rosenbrock(10);

    static <M> Stepper descent(DescentMethod<M> method, DifferentiableFunction f) {
        DescentMethod.State<M> s = method.start(f, P.start());
        return () -> method.step(f, s);
    }

    static Stream<Named> steppers() {
        DifferentiableFunction f = P.f();
        return Stream.of(
                new Named("GradientDescent-Armijo", () -> descent(GradientDescent.defaults(), f)),
                new Named("GradientDescent-StrongWolfe", () -> descent(GradientDescent.withStepRule(StrongWolfe.defaults()), f)),
                new Named("GradientDescent-BB-nonmonotone", () -> descent(GradientDescent.withStepRule(
                        BarzilaiBorwein.builder().formula(BarzilaiBorwein.Formula.ALTERNATING).nonmonotone(10).build()), f)),
                new Named("LBFGS", () -> descent(LBFGS.defaults(), f)),
                new Named("NewtonCG", () -> descent(NewtonCG.defaults(), f)),
                new Named("HeavyBall", () -> {
                    HeavyBall hb = HeavyBall.builder(1e-4).build();
                    HeavyBall.State s = hb.start(f, P.start());
                    return () -> hb.step(f, s);
                }),
                new Named("Nesterov", () -> {
                    Nesterov agd = Nesterov.builder(1e-4).build();
                    Nesterov.State s = agd.start(f, P.start());
                    return () -> agd.step(f, s);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steppers")
    void stepsAllocateNothing(Named n) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        long thread = Thread.currentThread().getId();
        // warm up the JIT on fresh runs, then measure the first 30 steps of a new run, while it is still moving
        for (int run = 0; run < 40; run++) {
            Stepper warm = n.stepper().get();
            for (int i = 0; i < 200; i++) {
                warm.step();
            }
        }
        Stepper s = n.stepper().get();
        long before = hotspot.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 30; i++) {
            s.step();
        }
        long allocated = hotspot.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 1024, n + " allocated " + allocated + " bytes in 30 steps");
    }
}
