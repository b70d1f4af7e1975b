package org.tandemopt.core.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.BarzilaiBorwein;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.linesearch.DecayingStep;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.linesearch.StrongWolfe;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.Newton;
import org.tandemopt.core.optim.NewtonCG;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.Optimizer;
import org.tandemopt.core.optim.ProximalGradient;
import org.tandemopt.core.testing.FuzzCalls;

/**
 * Seeded fuzzing of the configuration entry points of solver-core: every {@code core.linesearch} rule
 * (Armijo, Moré–Thuente strong Wolfe, Barzilai–Borwein, constant, decaying), the L-BFGS, Newton, Newton-CG and
 * proximal-gradient builders. Each seed sets one parameter to an extreme value: a setter accepts exactly the
 * documented values, refuses the others with an {@link IllegalArgumentException} naming the parameter, and an
 * accepted configuration then minimises a scaled Rosenbrock function with an honest status (a claimed
 * convergence is re-checked: finite point, value and true gradient norm recomputed).
 */
class BuildersFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    static final double[] EXTREMES = FuzzTest.EXTREMES;
    static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, 2, 5, 1000};

    /** The two window lengths whose documented upper bound (10 000) keeps a run from exhausting the heap. */
    @org.junit.jupiter.api.Test
    void windowLengthsAboveTheirBoundAreRefusedNamingIt() {
        for (int n : new int[] {10_001, Integer.MAX_VALUE}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> LBFGS.builder().memory(n));
            assertTrue(e.getMessage().startsWith("memory = " + n) && e.getMessage().contains("[1, 10000]"),
                    e.getMessage());
            e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> BarzilaiBorwein.builder().nonmonotone(n));
            assertTrue(e.getMessage().startsWith("nonmonotone = " + n) && e.getMessage().contains("[0, 10000]"),
                    e.getMessage());
        }
        // the bound itself is accepted and runs
        assertTrue(LBFGS.builder().memory(10_000).build().minimize(
                org.tandemopt.core.optim.ReferenceProblems.beale().f(), new double[] {1, 1},
                org.tandemopt.core.monitor.SolveOptions.builder().maxIterations(200).gradientTolerance(1e-9).build())
                .termination().isConverged());
    }

    /** One setter call: the argument it sets, whether the drawn value is documented as valid, the build. */
    record Case(String argument, boolean valid, Supplier<Object> build) {
    }

    static boolean positive(double d) {
        return d > 0 && Double.isFinite(d);
    }

    static boolean open01(double d) {
        return d > 0 && d < 1;
    }

    /** The setters: each maps a drawn double {@code d} and int {@code n} to a case. */
    static final List<BiFunction<Double, Integer, Case>> SETTERS = List.of(
            // Armijo backtracking (default initialStep 1, maxStep 1e10)
            (d, n) -> new Case("initialStep", positive(d) && d <= 1e10,
                    () -> ArmijoBacktracking.builder().initialStep(d).build()),
            (d, n) -> new Case("shrink", open01(d), () -> ArmijoBacktracking.builder().shrink(d).build()),
            (d, n) -> new Case("armijo", open01(d), () -> ArmijoBacktracking.builder().armijo(d).build()),
            (d, n) -> new Case("expansion", d >= 1 && Double.isFinite(d),
                    () -> ArmijoBacktracking.builder().expansion(d).build()),
            (d, n) -> new Case("maxTrials", n >= 1, () -> ArmijoBacktracking.builder().maxTrials(n).build()),
            (d, n) -> new Case("maxStep", positive(d) && d >= 1,
                    () -> ArmijoBacktracking.builder().maxStep(d).build()),
            // strong Wolfe (Moré–Thuente); defaults c1 = 1e-4, c2 = 0.9
            (d, n) -> new Case("c1", open01(d) && d <= 0.9, () -> StrongWolfe.builder().c1(d).build()),
            (d, n) -> new Case("c2", open01(d) && d >= 1e-4, () -> StrongWolfe.builder().c2(d).build()),
            (d, n) -> new Case("initialStep", positive(d) && d <= 1e10,
                    () -> StrongWolfe.builder().initialStep(d).build()),
            (d, n) -> new Case("maxTrials", n >= 1, () -> StrongWolfe.builder().maxTrials(n).build()),
            (d, n) -> new Case("maxStep", positive(d) && d >= 1, () -> StrongWolfe.builder().maxStep(d).build()),
            (d, n) -> new Case("relativeWidth", open01(d), () -> StrongWolfe.builder().relativeWidth(d).build()),
            // Barzilai–Borwein; defaults minStep 1e-10, maxStep 1e10
            (d, n) -> new Case("firstStep", positive(d), () -> BarzilaiBorwein.builder().firstStep(d).build()),
            (d, n) -> new Case("minStep", positive(d) && d < 1e10, () -> BarzilaiBorwein.builder().minStep(d).build()),
            (d, n) -> new Case("maxStep", positive(d) && d > 1e-10, () -> BarzilaiBorwein.builder().maxStep(d).build()),
            (d, n) -> new Case("nonmonotone", n >= 0 && n <= 10_000, () -> BarzilaiBorwein.builder().nonmonotone(n).build()),
            (d, n) -> new Case("armijo", open01(d),
                    () -> BarzilaiBorwein.builder().nonmonotone(5).armijo(d).build()),
            (d, n) -> new Case("shrink", open01(d), () -> BarzilaiBorwein.builder().nonmonotone(5).shrink(d).build()),
            (d, n) -> new Case("maxTrials", n >= 1,
                    () -> BarzilaiBorwein.builder().nonmonotone(1).maxTrials(n).build()),
            (d, n) -> new Case("formula", false, () -> BarzilaiBorwein.builder().formula(null).build()),
            // fixed schedules
            (d, n) -> new Case("step", positive(d), () -> new ConstantStep(d)),
            (d, n) -> new Case("initial", positive(d), () -> new DecayingStep(d, 1, 0.5)),
            (d, n) -> new Case("rate", d >= 0 && Double.isFinite(d), () -> new DecayingStep(1e-3, d, 1)),
            (d, n) -> new Case("power", d >= 0 && Double.isFinite(d), () -> new DecayingStep(1e-3, 1, d)),
            // optimizers
            (d, n) -> new Case("memory", n >= 1 && n <= 10_000, () -> LBFGS.builder().memory(n).build()),
            (d, n) -> new Case("curvatureEpsilon", d >= 0 && Double.isFinite(d),
                    () -> LBFGS.builder().curvatureEpsilon(d).build()),
            (d, n) -> new Case("stepRule", false, () -> LBFGS.builder().stepRule(null).build()),
            (d, n) -> new Case("maxInnerIterations", n >= 1, () -> NewtonCG.builder().maxInnerIterations(n).build()),
            (d, n) -> new Case("stepRule", false, () -> NewtonCG.builder().stepRule(null).build()),
            (d, n) -> new Case("stepRule", false, () -> Newton.withStepRule(null)),
            (d, n) -> new Case("stepRule", false, () -> GradientDescent.withStepRule(null)),
            (d, n) -> new Case("constantStep", positive(d), () -> ProximalGradient.builder().constantStep(d).build()),
            (d, n) -> new Case("lipschitz", positive(d) && 1 / d > 0 && Double.isFinite(1 / d),
                    () -> ProximalGradient.builder().lipschitz(d).build()),
            (d, n) -> new Case("initialStep", positive(d),
                    () -> ProximalGradient.builder().backtracking(d, 0.5).build()),
            (d, n) -> new Case("shrink", open01(d), () -> ProximalGradient.builder().backtracking(1, d).build()),
            (d, n) -> new Case("maxBacktracks", n >= 1, () -> ProximalGradient.builder().maxBacktracks(n).build()),
            (d, n) -> new Case("restart", false, () -> ProximalGradient.builder().restart(null).build()),
            (d, n) -> new Case("regularizer", false, () -> ProximalGradient.builder().regularizer(null).build()));

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void buildersAcceptExactlyTheDocumentedValuesAndTheResultRunsHonestly(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BiFunction<Double, Integer, Case> setter = SETTERS.get(rnd.nextInt(SETTERS.size()));
        // half the seeds draw an extreme (often invalid) value, the others a typical valid one
        boolean extreme = rnd.nextBoolean();
        double d = extreme ? EXTREMES[rnd.nextInt(EXTREMES.length)] : new double[] {0.5, 1e-3, 0.1, 1}[rnd.nextInt(4)];
        int n = extreme ? INTS[rnd.nextInt(INTS.length)] : 1 + rnd.nextInt(20);
        Case c = setter.apply(d, n);
        Object built = FuzzCalls.unguarded(FuzzCalls.unless(c.valid(), c.argument()), c.build(),
                () -> "d = " + d + ", n = " + n);
        if (built == null) {
            return;
        }
        Optimizer optimizer;
        if (built instanceof StepRule rule) {
            optimizer = switch (rnd.nextInt(3)) {
                case 0 -> GradientDescent.withStepRule(rule);
                case 1 -> LBFGS.builder().stepRule(rule).build();
                default -> Newton.withStepRule(rule);
            };
        } else {
            optimizer = (Optimizer) built;
        }
        double scale = new double[] {1, 1, 1e-300, 1e300, 1e-12, 1e12}[rnd.nextInt(6)];
        DifferentiableFunction f = FuzzTest.scaledRosenbrock(scale);
        double tolerance = rnd.nextBoolean() ? 1e-8 * scale : 0;
        SolveOptions options = SolveOptions.builder().maxIterations(200).gradientTolerance(tolerance).build();
        double[] start = {-1.2 + rnd.nextDouble(), 1 + rnd.nextDouble()};
        OptimizationResult r = FuzzCalls.guarded(List.of(), () -> optimizer.minimize(f, start, options),
                optimizer::toString);
        FuzzTest.assertHonestResult(f, tolerance, r);
    }
}
