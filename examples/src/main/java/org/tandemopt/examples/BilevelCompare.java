package org.tandemopt.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.OneStepDifferentiation;
import org.tandemopt.bilevel.hypergradient.TruncatedBackpropagation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.core.linalg.ConjugateGradient;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.Contender;
import org.tandemopt.examples.compare.Outcome;
import org.tandemopt.examples.compare.ProblemCase;
import org.tandemopt.examples.compare.SolverComparison;
import org.tandemopt.examples.data.Dataset;
import org.tandemopt.examples.problems.LogisticHyperparameters;
import org.tandemopt.examples.problems.LogisticRegression;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The main job ({@code tandem compare}): per-feature L2 regularization of logistic regression on the bundled
 * breast-cancer data ({@link LogisticHyperparameters}: 30 hyperparameters {@code x_j = log λ_j}, 31 weights),
 * tuned on a validation set by SSMS with five hypergradient estimators (implicit differentiation with conjugate
 * gradient, warm-started forward mode, unrolled, truncated, one-step), by DP (reverse mode through 100 steps from
 * zero) and by AID (Newton inner solves, conjugate gradient), all from the best single weight of a grid search and
 * under the same outer budget. Prints the comparison table (validation loss, test loss and test accuracy per
 * solver), writes the report and plots, and sets the result against the grid-searched single weight.
 *
 * <p>Data: 569 × 30 features standardized over the whole set, an intercept column, a fixed permutation (seed
 * {@code --split-seed}) split 50 / 25 / 25 into train / validation / test.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"THE MAIN JOB: tune per-feature L2 regularization of logistic regression (breast-cancer "
                + "data, 30 hyperparameters) with SSMS, DP and AID and several hypergradient estimators; print the "
                + "comparison table, write CSV/JSON/Markdown and PNG convergence plots, and compare the test "
                + "accuracy with a grid-searched single regularization weight.",
            "Ctrl-C interrupts and keeps the finished runs."})
public final class BilevelCompare implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "target/tandem-compare",
            description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--iterations", defaultValue = "100",
            description = "outer iterations per solver (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--tolerance", defaultValue = "1e-6",
            description = "stop when the hypergradient norm <= T (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--inner-steps", defaultValue = "10",
            description = "warm-started inner gradient steps per SSMS iteration (default ${DEFAULT-VALUE})")
    int innerSteps;

    @Option(names = "--step", defaultValue = "5", description = "SSMS constant outer step (default ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--split-seed", defaultValue = "20261122",
            description = "seed of the train/validation/test permutation (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--no-warm-up", negatable = false,
            description = "report every run, the JIT-compiling first ones included")
    boolean noWarmUp;

    @Option(names = "--plot-size", defaultValue = "800x500", description = "PNG size WxH (default ${DEFAULT-VALUE})")
    String plotSize;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public BilevelCompare() {
    }

    /** The data of the job: standardized breast-cancer features with intercept, split 50/25/25. */
    public record Split(Dataset train, Dataset validation, Dataset test) {
        /** @return the split by a fixed permutation of the bundled data. */
        public static Split of(long seed) {
            Dataset all = Dataset.loadLabelledCsv("breast_cancer.csv").standardized().withIntercept();
            int[] perm = all.permutation(seed);
            int n = all.rows();
            int nTrain = (int) Math.round(0.5 * n);
            int nValidation = (int) Math.round(0.25 * n);
            return new Split(all.subset(Arrays.copyOfRange(perm, 0, nTrain)),
                    all.subset(Arrays.copyOfRange(perm, nTrain, nTrain + nValidation)),
                    all.subset(Arrays.copyOfRange(perm, nTrain + nValidation, n)));
        }
    }

    /** The grid-search baseline: the single weight with the least validation loss. */
    public record Grid(double lambda, double[] weights, double validationLoss, double testLoss, double testAccuracy) {
    }

    /** @return the best single weight over {@code λ ∈ 10^{−5}, 10^{−4.5}, …, 10^{1}}, by L-BFGS to 1e-8. */
    public static Grid gridSearch(Split s) {
        LogisticRegression validation = loss(s.validation());
        LogisticRegression test = loss(s.test());
        Grid best = null;
        for (int k = 0; k <= 12; k++) {
            double lambda = Math.pow(10, -5 + 0.5 * k);
            LogisticRegression f = new LogisticRegression(s.train().features(), s.train().targets(), s.train().cols(),
                    lambda, true);
            OptimizationResult r = LBFGS.defaults().minimize(f, new double[f.dimension()],
                    SolveOptions.builder().maxIterations(5000).gradientTolerance(1e-8).build());
            double v = validation.value(r.point());
            if (best == null || v < best.validationLoss()) {
                best = new Grid(lambda, r.point(), v, test.value(r.point()), test.accuracy(r.point()));
            }
        }
        return best;
    }

    static LogisticRegression loss(Dataset d) {
        return new LogisticRegression(d.features(), d.targets(), d.cols(), 0, true);
    }

    /** @return the contenders of the job: SSMS with five estimators, DP, AID. */
    public static List<Contender<BilevelProblem>> contenders(int innerSteps, double step) {
        ConjugateGradient cg = ConjugateGradient.defaults();
        List<Contender<BilevelProblem>> c = new ArrayList<>();
        c.add(ssms("SSMS, implicit (CG)", SingleStepMultiStep.builder().innerSteps(innerSteps)
                .estimator(ImplicitDifferentiation.with(cg)).stepRule(new ConstantStep(step)).build()));
        c.add(ssms("SSMS, forward (warm)", SingleStepMultiStep.builder().innerSteps(innerSteps)
                .estimator(ForwardDifferentiation.create().withWarmStart(true)).stepRule(new ConstantStep(step))
                .build()));
        c.add(ssms("SSMS, unrolled", SingleStepMultiStep.builder().innerSteps(innerSteps)
                .estimator(UnrolledDifferentiation.storeAll()).stepRule(new ConstantStep(step)).build()));
        c.add(ssms("SSMS, truncated (5)", SingleStepMultiStep.builder().innerSteps(innerSteps)
                .estimator(TruncatedBackpropagation.lastSteps(Math.min(5, innerSteps)))
                .stepRule(new ConstantStep(step)).build()));
        c.add(ssms("SSMS, one-step", SingleStepMultiStep.builder().innerSteps(innerSteps)
                .estimator(OneStepDifferentiation.create()).stepRule(new ConstantStep(step)).build()));
        c.add(ssms("DP, reverse (100 steps)", DifferentiableProgramming.builder().innerSteps(100).build()));
        c.add(ssms("AID, Newton inner, CG", ApproximateImplicitGradient.builder(cg).inner(NewtonStep.of(cg))
                .innerTolerance(1e-8).maxInnerSteps(50).build()));
        return c;
    }

    private static Contender<BilevelProblem> ssms(String name, org.tandemopt.bilevel.BilevelSolver s) {
        return Contender.of(name, (p, o) -> Outcome.of(s.solve(p, o)));
    }

    /** @return the comparison of the job, started at the grid's best single weight. */
    public static SolverComparison<BilevelProblem> comparison(Split s, Grid grid, int iterations, double tolerance,
                                                              int innerSteps, double step, boolean warmUp,
                                                              Interrupter interrupter,
                                                              java.util.function.Consumer<String> progress) {
        LogisticHyperparameters h = new LogisticHyperparameters(s.train(), s.validation());
        double[] x0 = new double[h.parameterDimension()];
        Arrays.fill(x0, Math.log(grid.lambda()));
        LogisticRegression validation = loss(s.validation());
        LogisticRegression test = loss(s.test());
        ProblemCase<BilevelProblem> pc = ProblemCase.of("breast cancer, per-feature L2", h.problem(x0))
                .withMetric("validation loss", (x, y) -> validation.value(y))
                .withMetric("test loss", (x, y) -> test.value(y))
                .withMetric("test accuracy", (x, y) -> test.accuracy(y));
        return SolverComparison.<BilevelProblem>builder()
                .title("Per-feature L2 regularization of logistic regression, breast cancer")
                .note(String.format(Locale.ROOT, "Data: %d train, %d validation, %d test rows, %d standardized "
                                + "features and an intercept; upper level = mean validation logistic loss.",
                        s.train().rows(), s.validation().rows(), s.test().rows(), s.train().cols() - 1))
                .note(String.format(Locale.ROOT, "Start: every λ_j = %.3g, the grid-searched single weight "
                                + "(validation loss %.6f, test accuracy %.4f).", grid.lambda(),
                        grid.validationLoss(), grid.testAccuracy()))
                .note("SSMS: " + innerSteps + " warm-started gradient steps (step 1/L̂) per iteration, constant outer "
                        + "step " + step + ". DP: 100 steps from zero, Armijo. AID: Newton inner solves to 1e-8 (at "
                        + "most 50), Armijo. Stop when the hypergradient norm <= " + tolerance + ".")
                .problem(pc)
                .contenders(contenders(innerSteps, step))
                .options(SolveOptions.builder().maxIterations(iterations).gradientTolerance(tolerance).build())
                .warmUp(warmUp).interrupter(interrupter).progress(progress)
                .build();
    }

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] size = parseSize(spec, plotSize);
        Cli.require(spec, iterations >= 1, "--iterations", iterations, "an integer >= 1");
        Cli.require(spec, innerSteps >= 1, "--inner-steps", innerSteps, "an integer >= 1");
        Cli.require(spec, Cli.positive(step), "--step", step, "a finite number > 0");
        Cli.require(spec, Cli.nonNegative(tolerance), "--tolerance", tolerance, "a finite number >= 0");
        Split s = Split.of(splitSeed);
        Grid grid = gridSearch(s);
        try (Cli.Guard guard = new Cli.Guard()) {
            ComparisonReport report = comparison(s, grid, iterations, tolerance, innerSteps, step, !noWarmUp,
                    guard.interrupter, line -> {
                        err.println(line);
                        err.flush();
                    }).run();
            Cli.publish(report, out, size[0], size[1], pw);
            pw.printf(Locale.ROOT, "%nTest accuracy: grid-searched single weight λ = %.3g: %.4f (test loss %.6f).%n",
                    grid.lambda(), grid.testAccuracy(), grid.testLoss());
            for (var r : report.runs()) {
                pw.printf(Locale.ROOT, "  %-26s test accuracy %.4f (%+.4f), test loss %.6f, validation loss %.6f%n",
                        r.solver(), r.metric("test accuracy"), r.metric("test accuracy") - grid.testAccuracy(),
                        r.metric("test loss"), r.metric("validation loss"));
            }
            pw.println("Per-feature weights fit the validation set more closely than a single weight; whether that "
                    + "carries over to the test set is what the last columns show.");
            pw.flush();
            return report.interrupted() ? 130 : 0;
        }
    }

    /** The largest plot side: a 100000 × 100000 image would not fit in memory (an OutOfMemoryError, not a message). */
    static final int MAX_PLOT_SIDE = 10_000;

    static int[] parseSize(CommandSpec spec, String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int w = Integer.parseInt(p[0].trim());
                int h = Integer.parseInt(p[1].trim());
                if (w >= 100 && h >= 100 && w <= MAX_PLOT_SIDE && h <= MAX_PLOT_SIDE) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ParameterException(spec.commandLine(), "--plot-size = '" + s + "', expected WxH with both in [100, "
                + MAX_PLOT_SIDE + "]");
    }
}
