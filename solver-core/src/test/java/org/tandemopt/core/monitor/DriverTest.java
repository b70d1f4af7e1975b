package org.tandemopt.core.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.optim.DescentMethod;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.OptimizationResult;

class DriverTest {

    /** J(x) = ½ Σ c_i x_i², c_i = i + 1; gradient descent with step η contracts coordinate i by (1 − η c_i). */
    static DifferentiableFunction quadratic(int d) {
        return new DifferentiableFunction() {
            @Override public int dimension() { return d; }
            @Override public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += 0.5 * (i + 1) * x[i] * x[i];
                }
                return s;
            }
            @Override public double valueAndGradient(double[] x, double[] g) {
                for (int i = 0; i < d; i++) {
                    g[i] = (i + 1) * x[i];
                }
                return value(x);
            }
        };
    }

    static double[] ones(int d) {
        double[] x = new double[d];
        java.util.Arrays.fill(x, 1.0);
        return x;
    }

    @Test
    void constantStepGradientDescentFollowsTheClosedForm() {
        GradientDescent gd = GradientDescent.withStepRule(new ConstantStep(0.1));
        OptimizationResult r = gd.minimize(quadratic(3), ones(3),
                SolveOptions.builder().maxIterations(25).convergence(StoppingCriterion.never()).build());
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertEquals(25, r.iterations());
        double[] x = r.point();
        for (int i = 0; i < 3; i++) {
            assertEquals(Math.pow(1 - 0.1 * (i + 1), 25), x[i], 1e-15);
        }
        assertEquals(26, r.gradientEvaluations()); // start + one per iteration
    }

    @Test
    void gradientToleranceEndsTheRunAtTheFirstIterationThatMeetsIt() {
        GradientDescent gd = GradientDescent.withStepRule(new ConstantStep(0.1));
        OptimizationResult r = gd.minimize(quadratic(1), ones(1),
                SolveOptions.builder().gradientTolerance(1e-3).trace(true).build());
        // |g_k| = 0.9^k, first k with 0.9^k <= 1e-3 is ceil(ln 1e-3 / ln 0.9) = 66
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertEquals(66, r.iterations());
        assertEquals(67, r.trace().size());
        assertEquals(Math.pow(0.9, 66), r.trace().last().gradientNorm(), 1e-15);
    }

    @Test
    void valueChangeNeedsTheWholePatience() {
        // GD with step 1 on ½x² reaches 0 in one step, then the value is constant
        GradientDescent gd = GradientDescent.withStepRule(new ConstantStep(1.0));
        OptimizationResult r = gd.minimize(quadratic(1), new double[] {3},
                SolveOptions.builder().convergence(Criteria.valueChange(0, 3)).build());
        assertEquals(Termination.CONVERGED_VALUE, r.termination());
        assertEquals(4, r.iterations()); // values 4.5, 0, 0, 0, 0: three zero changes end at iteration 4
    }

    @Test
    void stepCriterionAndCombinators() {
        GradientDescent gd = GradientDescent.withStepRule(new ConstantStep(0.5));
        StoppingCriterion both = Criteria.stepNorm(1e-6).and(Criteria.gradientNorm(1e-6));
        OptimizationResult r = gd.minimize(quadratic(1), ones(1), SolveOptions.builder().convergence(both).build());
        // x_k = 0.5^k; step 0.5^k <= 1e-6 from k = 20; gradient 0.5^k <= 1e-6 from k = 20
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertEquals(20, r.iterations());
        StoppingCriterion either = Criteria.maxIterations(3).or(Criteria.gradientNorm(1e-6));
        OptimizationResult r2 = gd.minimize(quadratic(1), ones(1),
                SolveOptions.builder().convergence(either).build());
        assertEquals(Termination.MAX_ITERATIONS, r2.termination());
        assertEquals(3, r2.iterations());
    }

    @Test
    void evaluationAndTimeBudgets() {
        GradientDescent gd = GradientDescent.withStepRule(new ConstantStep(1e-3));
        OptimizationResult r = gd.minimize(quadratic(2), ones(2),
                SolveOptions.builder().maxEvaluations(10).maxIterations(1000).build());
        assertEquals(Termination.MAX_EVALUATIONS, r.termination());
        assertEquals(10, r.totalEvaluations());
        OptimizationResult t = gd.minimize(quadratic(2), ones(2),
                SolveOptions.builder().timeLimit(Duration.ofNanos(1)).maxIterations(1000).build());
        assertEquals(Termination.TIME_LIMIT, t.termination());
        assertTrue(t.iterations() <= 1, "stops within one iteration, ran " + t.iterations());
    }

    @Test
    void nonFiniteValueEndsTheRunAndKeepsTheTrace() {
        AtomicInteger calls = new AtomicInteger();
        DifferentiableFunction q = quadratic(2);
        DifferentiableFunction poisoned = new DifferentiableFunction() {
            @Override public int dimension() { return 2; }
            @Override public double value(double[] x) { return q.value(x); }
            @Override public double valueAndGradient(double[] x, double[] g) {
                double v = q.valueAndGradient(x, g);
                return calls.incrementAndGet() >= 5 ? Double.NaN : v;
            }
        };
        OptimizationResult r = GradientDescent.withStepRule(new ConstantStep(0.1)).minimize(poisoned, ones(2),
                SolveOptions.builder().trace(true).build());
        assertEquals(Termination.NON_FINITE, r.termination());
        assertEquals(4, r.iterations());
        assertEquals(5, r.trace().size());
        // the constant-step descent stepped back to the last finite iterate: the result and the trace's last
        // record are those of iteration 3 (with step norm 0), not a point without a value
        assertTrue(Double.isFinite(r.trace().get(3).value()));
        assertEquals(r.trace().get(3).value(), r.trace().last().value(), 0);
        assertEquals(0, r.trace().last().stepNorm(), 0);
        assertEquals(r.trace().get(3).value(), r.value(), 0);
    }

    @Test
    void divergenceIsATermination() {
        // step 3 on ½x²: x_k = (−2)^k
        OptimizationResult r = GradientDescent.withStepRule(new ConstantStep(3)).minimize(quadratic(1), ones(1),
                SolveOptions.builder().divergenceBound(1e6).maxIterations(1000).build());
        assertEquals(Termination.DIVERGED, r.termination());
        // the value ½·4^k first exceeds 1e6 at k = 11 (½·4^10 ≈ 5.2e5, ½·4^11 ≈ 2.1e6)
        assertEquals(11, r.iterations());
    }

    @Test
    void listenerCanStopAndSeesEveryIteration() {
        AtomicInteger seen = new AtomicInteger();
        IterationListener stopAt7 = rec -> {
            seen.incrementAndGet();
            return rec.iteration() == 7 ? IterationListener.Decision.STOP : IterationListener.Decision.CONTINUE;
        };
        OptimizationResult r = GradientDescent.withStepRule(new ConstantStep(0.01)).minimize(quadratic(2), ones(2),
                SolveOptions.builder().listener(stopAt7).build());
        assertEquals(Termination.STOPPED_BY_LISTENER, r.termination());
        assertEquals(7, r.iterations());
        assertEquals(8, seen.get());
    }

    @Test
    void interrupterStopsBeforeTheNextIteration() {
        Interrupter stop = new Interrupter();
        IterationListener trigger = rec -> {
            if (rec.iteration() == 4) {
                stop.interrupt();
            }
            return IterationListener.Decision.CONTINUE;
        };
        OptimizationResult r = GradientDescent.withStepRule(new ConstantStep(0.01)).minimize(quadratic(2), ones(2),
                SolveOptions.builder().listener(trigger).interrupter(stop).build());
        assertEquals(Termination.INTERRUPTED, r.termination());
        assertEquals(4, r.iterations());
    }

    @Test
    void resumingAStateGivesTheSameIteratesAsOneRun() {
        GradientDescent gd = GradientDescent.defaults();
        DifferentiableFunction f = quadratic(5);
        SolveOptions never = SolveOptions.builder().convergence(StoppingCriterion.never()).maxIterations(30).build();
        DescentMethod.State<Void> straight = gd.start(f, ones(5));
        Driver.run(gd, f, straight, never);

        DescentMethod.State<Void> resumed = gd.start(f, ones(5));
        Driver.run(gd, f, resumed, never.withMaxIterations(12));
        assertEquals(12, resumed.iteration());
        RunResult<DescentMethod.State<Void>> r = Driver.run(gd, f, resumed, never);
        assertEquals(30, resumed.iteration());
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertArrayEquals(straight.point(), resumed.point(), 0.0);
        assertEquals(straight.gradientEvaluations(), resumed.gradientEvaluations());
        assertEquals(straight.valueEvaluations(), resumed.valueEvaluations());
    }

    @Test
    void anExceptionFromTheFunctionReachesTheCallerWithASnapshot() {
        IllegalStateException boom = new IllegalStateException("user code failed");
        AtomicInteger calls = new AtomicInteger();
        DifferentiableFunction q = quadratic(2);
        DifferentiableFunction failing = new DifferentiableFunction() {
            @Override public int dimension() { return 2; }
            @Override public double value(double[] x) { return q.value(x); }
            @Override public double valueAndGradient(double[] x, double[] g) {
                if (calls.incrementAndGet() == 4) {
                    throw boom;
                }
                return q.valueAndGradient(x, g);
            }
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                GradientDescent.withStepRule(new ConstantStep(0.1)).minimize(failing, ones(2),
                        SolveOptions.builder().trace(true).build()));
        assertSame(boom, thrown);
        Driver.RunSnapshot snap = (Driver.RunSnapshot) thrown.getSuppressed()[0];
        assertEquals(2, snap.iteration());
        assertEquals(3, snap.trace().size());
        assertNotNull(snap.lastCompleted());
        assertEquals(2, snap.lastCompleted().iteration());
    }

    @Test
    void traceWritersRoundTripTheNumbers(@TempDir Path dir) throws Exception {
        OptimizationResult r = GradientDescent.withStepRule(new ConstantStep(0.1)).minimize(quadratic(2), ones(2),
                SolveOptions.builder().trace(true).maxIterations(5).convergence(StoppingCriterion.never()).build());
        Path csv = dir.resolve("t.csv");
        TraceWriters.writeCsv(r.trace(), csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(7, lines.size());
        assertTrue(lines.get(0).startsWith("iteration,value,gradient_norm"));
        String[] row3 = lines.get(4).split(",");
        assertEquals(3, Integer.parseInt(row3[0]));
        assertEquals(r.trace().get(3).value(), Double.parseDouble(row3[1]), 0.0);
        assertEquals(r.trace().get(3).gradientNorm(), Double.parseDouble(row3[2]), 0.0);
        Path json = dir.resolve("t.json");
        TraceWriters.writeJson(r.trace(), json);
        String text = Files.readString(json);
        assertTrue(text.startsWith("{\"columns\": [\"iteration\""));
        assertEquals(6, text.split("\n  \\[").length - 1);
        assertTrue(text.contains("null"), "NaN step norm at iteration 0 is written as null");

        Path live = dir.resolve("live.csv");
        GradientDescent.withStepRule(new ConstantStep(0.1)).minimize(quadratic(2), ones(2),
                SolveOptions.builder().listener(TraceWriters.csvListener(live, List.of())).maxIterations(5)
                        .convergence(StoppingCriterion.never()).build());
        List<String> streamed = Files.readAllLines(live);
        assertEquals(lines.size(), streamed.size());
        for (int i = 0; i < lines.size(); i++) { // identical but for the elapsed-time column
            assertEquals(lines.get(i).replaceAll(",[^,]*$", ""), streamed.get(i).replaceAll(",[^,]*$", ""));
        }
    }

    @Test
    void anUntracedRunAllocatesNothingPerIteration() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        GradientDescent gd = GradientDescent.defaults();
        DifferentiableFunction f = quadratic(50);
        SolveOptions base = SolveOptions.builder().convergence(StoppingCriterion.never()).build();
        for (int i = 0; i < 5; i++) { // warm up the JIT
            gd.minimize(f, ones(50), base.withMaxIterations(20_000));
        }
        long id = Thread.currentThread().getId();
        long a0 = mx.getThreadAllocatedBytes(id);
        gd.minimize(f, ones(50), base.withMaxIterations(100));
        long small = mx.getThreadAllocatedBytes(id) - a0;
        long b0 = mx.getThreadAllocatedBytes(id);
        gd.minimize(f, ones(50), base.withMaxIterations(20_100));
        long large = mx.getThreadAllocatedBytes(id) - b0;
        // 20 000 more iterations may cost at most a few hundred bytes more (JIT deoptimisation noise), not 20 000 × anything
        assertTrue(large - small < 4096, "extra bytes for 20 000 iterations: " + (large - small));
    }
}
