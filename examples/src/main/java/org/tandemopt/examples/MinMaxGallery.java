package org.tandemopt.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.Contender;
import org.tandemopt.examples.compare.Outcome;
import org.tandemopt.examples.compare.ProblemCase;
import org.tandemopt.examples.compare.SolverComparison;
import org.tandemopt.examples.problems.SaddleProblems;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The min-max gallery ({@code tandem minmax}): simultaneous and alternating GDA, extragradient, optimistic GDA
 * and the ridge method with Hölderian backtracking side by side on M1 (bilinear, step 0.5), M2 (GDA fails,
 * step 0.05), M3.1 and M3.2 (Hölder ridge, step 0.1) of REFERENCE-PROBLEMS.md. The ridge method is skipped on
 * M1, where {@code max_y x y} is infinite for every {@code x ≠ 0}.
 */
@Command(name = "minmax", mixinStandardHelpOptions = true,
        description = "The min-max gallery: GDA (simultaneous, alternating), extragradient, optimistic GDA and the "
                + "ridge method on the bilinear game, a game where GDA fails and the Hölder ridge problems; table, "
                + "CSV/JSON and PNG plots.")
public final class MinMaxGallery implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "target/tandem-minmax",
            description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--iterations", defaultValue = "1000",
            description = "iterations per solver (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--tolerance", defaultValue = "1e-8",
            description = "stop when the gradient norm <= T (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--plot-size", defaultValue = "800x500", description = "PNG size WxH (default ${DEFAULT-VALUE})")
    String plotSize;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public MinMaxGallery() {
    }

    /** A gallery problem with the constant step the first-order methods use on it. */
    public record Game(MinMaxProblem problem, double eta, boolean ridgeApplies) {
    }

    /** @return the gallery's problems. */
    public static List<ProblemCase<Game>> problems() {
        return List.of(
                ProblemCase.of("M1 bilinear", new Game(SaddleProblems.bilinear(), 0.5, false)),
                ProblemCase.of("M2 GDA fails", new Game(SaddleProblems.notNash(), 0.05, true)),
                ProblemCase.of("M3.1 Hölder ridge", new Game(SaddleProblems.holder(), 0.1, true)),
                ProblemCase.of("M3.2 Hölder ridge, shifted", new Game(SaddleProblems.holderShifted(), 0.1, true)));
    }

    /** @return the gallery's solvers; the first-order methods take each problem's step. */
    public static List<Contender<Game>> contenders() {
        RidgeMethod ridge = RidgeMethod.builder().innerToleranceFactor(1e-8).build();
        return List.of(
                Contender.<Game>of("GDA, simultaneous",
                        (g, o) -> Outcome.of(GradientDescentAscent.simultaneous(g.eta(), g.eta()).solve(g.problem(), o))),
                Contender.<Game>of("GDA, alternating",
                        (g, o) -> Outcome.of(GradientDescentAscent.alternating(g.eta(), g.eta()).solve(g.problem(), o))),
                Contender.<Game>of("extragradient",
                        (g, o) -> Outcome.of(Extragradient.of(g.eta()).solve(g.problem(), o))),
                Contender.<Game>of("optimistic GDA",
                        (g, o) -> Outcome.of(OptimisticGradientDescentAscent.of(g.eta()).solve(g.problem(), o))),
                Contender.<Game>of("ridge method",
                        (g, o) -> Outcome.of(ridge.solve(g.problem(), o)))
                        .onlyWhen(Game::ridgeApplies, "max_y L is infinite off x = 0"));
    }

    /** @return the gallery comparison. */
    public static SolverComparison<Game> comparison(int iterations, double tolerance, boolean warmUp,
                                                    Interrupter interrupter,
                                                    java.util.function.Consumer<String> progress) {
        SolverComparison.Builder<Game> b = SolverComparison.<Game>builder()
                .title("Min-max gallery")
                .note("M1: L = xy from (1, 1). M2: L = −3x² − y² + 4xy from (5, 7), a global minimax point that is not "
                        + "a local Nash point. M3.1: L = xy − y⁴/4 from (−1, 0). M3.2: L = xy − y⁴/4 + (x − 1)²/2 from "
                        + "(−1, 0), solution (0.317672196172, 0.682327803828).")
                .note("Constant steps η: 0.5 on M1, 0.05 on M2, 0.1 on M3; the ridge method backtracks (first trial "
                        + "1, shrink 0.5, Armijo 0.5, expansion 2) and solves the inner maximisation to "
                        + "min(1e-4, 1e-8‖∇_x L‖²).")
                .note("Stop when the (x-)gradient norm <= " + tolerance + "; DIVERGED when ‖(x, y)‖ or |L| exceeds 1e20. "
                        + "The distance to the solution is that of (x, y) to the known saddle or minimax point.")
                .contenders(contenders())
                .options(SolveOptions.builder().maxIterations(iterations).gradientTolerance(tolerance)
                        .divergenceBound(1e20).build())
                .warmUp(warmUp).interrupter(interrupter).progress(progress);
        problems().forEach(b::problem);
        return b.build();
    }

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] size = BilevelCompare.parseSize(spec, plotSize);
        Cli.require(spec, iterations >= 1, "--iterations", iterations, "an integer >= 1");
        Cli.require(spec, Cli.nonNegative(tolerance), "--tolerance", tolerance, "a finite number >= 0");
        try (Cli.Guard guard = new Cli.Guard()) {
            ComparisonReport report = comparison(iterations, tolerance, true, guard.interrupter, line -> {
                err.println(line);
                err.flush();
            }).run();
            Cli.publish(report, out, size[0], size[1], pw);
            return report.interrupted() ? 130 : 0;
        }
    }
}
