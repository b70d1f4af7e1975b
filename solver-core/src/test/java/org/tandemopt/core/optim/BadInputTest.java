package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.ReferenceProblems.Problem;

/** Invalid input is an IllegalArgumentException naming the argument; a broken function is a NON_FINITE run. */
class BadInputTest {

    record Named(String name, Supplier<Optimizer> optimizer) {
        @Override public String toString() { return name; }
    }

    static Stream<Named> optimizers() {
        return Stream.of(
                new Named("GradientDescent", GradientDescent::defaults),
                new Named("HeavyBall", () -> HeavyBall.builder(1e-3).momentum(0.5).build()),
                new Named("Nesterov", () -> Nesterov.builder(1e-3).build()),
                new Named("LBFGS", LBFGS::defaults),
                new Named("Newton", Newton::defaults),
                new Named("NewtonCG", NewtonCG::defaults));
    }

    static final Problem P = ReferenceProblems.rosenbrock(2);

    static void assertNames(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void rejectsAStartOfTheWrongDimension(Named n) {
        assertNames(() -> n.optimizer().get().minimize(P.f(), new double[3]), "start", "length 3", "expected 2");
        assertNames(() -> n.optimizer().get().minimize(P.f(), null), "start", "null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void rejectsANonFiniteStart(Named n) {
        assertNames(() -> n.optimizer().get().minimize(P.f(), new double[] {0, Double.NaN}), "start[1]", "NaN");
        assertNames(() -> n.optimizer().get().minimize(P.f(), new double[] {Double.NEGATIVE_INFINITY, 0}),
                "start[0]", "Infinity");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void rejectsNullFunctionAndOptions(Named n) {
        assertNames(() -> n.optimizer().get().minimize(null, new double[2]), "f must not be null");
        assertNames(() -> n.optimizer().get().minimize(P.f(), new double[2], null), "options");
    }

    @Test
    void rejectsNegativeTolerancesAndSteps() {
        assertNames(() -> SolveOptions.builder().gradientTolerance(-1e-8), "tolerance", "-1.0E-8");
        assertNames(() -> HeavyBall.builder(-0.1), "step", "-0.1");
        assertNames(() -> HeavyBall.builder(0.1).momentum(1), "momentum", "[0, 1)");
        assertNames(() -> HeavyBall.forCurvature(-1, 1), "lipschitz");
        assertNames(() -> HeavyBall.forCurvature(1, 2), "strongConvexity", "exceeds");
        assertNames(() -> Nesterov.builder(-1), "step", "-1.0");
        assertNames(() -> Nesterov.builder(Double.NaN), "step", "NaN");
        assertNames(() -> GradientDescent.withStepRule(new ConstantStep(-0.5)), "step", "-0.5");
        assertNames(() -> LBFGS.builder().memory(0), "memory", "0");
        assertNames(() -> LBFGS.builder().curvatureEpsilon(-1), "curvatureEpsilon");
        assertNames(() -> LBFGS.builder().stepRule(null), "stepRule");
        assertNames(() -> Newton.withStepRule(null), "stepRule");
        assertNames(() -> NewtonCG.builder().maxInnerIterations(0), "maxInnerIterations");
    }

    /**
     * A function that breaks: from its 5th gradient evaluation on, the value and gradient it returns are NaN
     * ({@code value(x)} alone stays finite). Every optimizer must end with NON_FINITE and keep the trace up to
     * there: one record per completed iteration, every record but the last finite.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aFunctionBreakingAtItsFifthGradientEndsTheRunNonFinite(Named n) {
        DifferentiableFunction broken = breaksAtGradient(P.f(), 5);
        OptimizationResult r = n.optimizer().get().minimize(broken, P.start(),
                SolveOptions.builder().maxIterations(100).trace(true).build());
        assertEquals(Termination.NON_FINITE, r.termination(), r.toString());
        assertTrue(r.gradientEvaluations() >= 5, r.toString());
        List<IterationRecord> records = r.trace().records();
        assertEquals(r.iterations() + 1, records.size());
        for (int i = 0; i < records.size() - 1; i++) {
            IterationRecord rec = records.get(i);
            assertTrue(Double.isFinite(rec.value()) && Double.isFinite(rec.gradientNorm()), "record " + i);
            assertEquals(i, rec.iteration());
        }
    }

    static DifferentiableFunction breaksAtGradient(DifferentiableFunction f, int breakAt) {
        return new DifferentiableFunction() {
            private int calls;
            @Override public int dimension() { return f.dimension(); }
            @Override public double value(double[] x) { return f.value(x); }
            @Override public double valueAndGradient(double[] x, double[] g) {
                calls++;
                double v = f.valueAndGradient(x, g);
                if (calls >= breakAt) {
                    java.util.Arrays.fill(g, Double.NaN);
                    return Double.NaN;
                }
                return v;
            }
            @Override public boolean hasHessianVector() { return true; }
            @Override public void hessianVector(double[] x, double[] v, double[] out) { f.hessianVector(x, v, out); }
        };
    }

    @Test
    void newtonMethodsNameTheMissingHessianAndTheAdapter() {
        DifferentiableFunction gradientOnly = new DifferentiableFunction() {
            @Override public int dimension() { return 2; }
            @Override public double value(double[] x) { return P.f().value(x); }
            @Override public double valueAndGradient(double[] x, double[] g) { return P.f().valueAndGradient(x, g); }
            @Override public String toString() { return "gradientOnlyRosenbrock"; }
        };
        assertNames(() -> Newton.defaults().minimize(gradientOnly, P.start()), "f = gradientOnlyRosenbrock",
                "FiniteDifferences.withHessianVector");
        assertNames(() -> NewtonCG.defaults().minimize(gradientOnly, P.start()), "f = gradientOnlyRosenbrock",
                "FiniteDifferences.withHessianVector");
    }
}
