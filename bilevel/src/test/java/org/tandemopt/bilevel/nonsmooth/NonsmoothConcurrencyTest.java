package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.core.testing.ConcurrentRuns;
import org.tandemopt.core.linalg.LinearSolvers;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * Concurrency determinism of the nonsmooth lower levels and their estimators: one shared problem, prox and
 * estimator objects used by 8 threads at once — AID with forward-backward and the support-restricted implicit
 * estimator, SSMS with FISTA and warm piggyback, differentiable programming through Douglas–Rachford, and direct
 * estimates by the restricted implicit and the unrolled estimators — give results bit-identical to a sequential run.
 */
class NonsmoothConcurrencyTest {

    @Test
    void eightThreadsReproduceTheSequentialNonsmoothRunsBitForBit() throws Exception {
        RandomInstancesTest.Instance in = RandomInstancesTest.generate(4L, 60, 25, 0.1, true);
        ParametricElasticNet prox = in.prox();
        NonsmoothImplicitDifferentiation restricted = NonsmoothImplicitDifferentiation.with(prox);
        UnrolledDifferentiation unrolled = UnrolledDifferentiation.storeAll();
        double[] x = in.x();
        int m = in.problem().variableDimension();
        SolveOptions o = SolveOptions.builder().maxIterations(15).gradientTolerance(1e-12).build();
        List<Callable<double[]>> tasks = List.of(
                () -> numbers(ApproximateImplicitGradient.builder(LinearSolvers.cg()).inner(ForwardBackward.ista(prox))
                        .estimator(restricted).innerTolerance(1e-11).maxInnerSteps(50_000)
                        .stepRule(new ConstantStep(0.5)).build().solve(in.problem(), o)),
                () -> numbers(SingleStepMultiStep.builder().inner(ForwardBackward.fista(prox)).innerSteps(20)
                        .estimator(ForwardDifferentiation.create().withWarmStart(true))
                        .stepRule(new ConstantStep(0.5)).build().solve(in.problem(), o)),
                () -> numbers(DifferentiableProgramming.builder().inner(DouglasRachford.of(prox, 1.0)).innerSteps(60)
                        .stepRule(new ConstantStep(0.5)).build().solve(in.problem(), o)),
                () -> numbers(restricted.estimate(in.problem(), ForwardBackward.ista(prox), x, new double[m],
                        InnerSchedule.untilResidual(1e-12, 100_000))),
                () -> numbers(unrolled.estimate(in.problem(), ForwardBackward.ista(prox), x, new double[m],
                        InnerSchedule.steps(2000))));
        List<double[]> sequential = ConcurrentRuns.assertSameAsSequential(8, tasks,
                (e, got) -> assertArrayEquals(e, got, 0.0));
        // real work: the two direct estimates agree closely (2000 ISTA steps reach the support), and runs moved
        assertEquals(sequential.get(3)[0], sequential.get(4)[0], 1e-6 * Math.abs(sequential.get(3)[0]) + 1e-9);
        for (int t = 0; t < 3; t++) {
            assertTrue(sequential.get(t)[sequential.get(t).length - 1] > 0, "iterations of task " + t);
        }
    }

    static double[] numbers(BilevelResult r) {
        double[] x = r.x();
        double[] out = java.util.Arrays.copyOf(x, x.length + 4);
        out[x.length] = r.value();
        out[x.length + 1] = r.hypergradientNorm();
        out[x.length + 2] = r.gradientEvaluations();
        out[x.length + 3] = r.iterations();
        return out;
    }

    static double[] numbers(Hypergradient h) {
        assertEquals(HypergradientStatus.OK, h.status(), h.toString());
        double[] g = h.gradient();
        double[] out = java.util.Arrays.copyOf(g, g.length + 1);
        out[g.length] = h.value();
        return out;
    }
}
