package org.tandemopt.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelSolver;
import org.tandemopt.bilevel.DifferentiableProgramming;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.problems.RidgeHyperparameters;
import org.tandemopt.core.linalg.ConjugateGradient;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.Contender;
import org.tandemopt.examples.compare.Outcome;
import org.tandemopt.examples.compare.ProblemCase;
import org.tandemopt.examples.compare.SolverComparison;
import org.tandemopt.examples.data.Dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem ridge}: ridge regularization of a linear model of the diabetes data (442 × 10, features and
 * target standardized over the whole set, fixed 50 / 25 / 25 train / validation / test split), tuned on the
 * validation set ({@link RidgeHyperparameters}) with one shared weight and with one weight per feature, by SSMS
 * (implicit with conjugate gradient, warm-started forward mode), DP and AID. Reports validation and test mean
 * squared error.
 */
@Command(name = "ridge", mixinStandardHelpOptions = true,
        description = "Tune ridge regularization (one shared weight, then one per feature) of a linear model of the "
                + "diabetes data with SSMS, DP and AID; table, CSV/JSON and PNG plots.")
public final class RidgeTuning implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "target/tandem-ridge",
            description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--iterations", defaultValue = "200",
            description = "outer iterations per solver (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--tolerance", defaultValue = "1e-8",
            description = "stop when the hypergradient norm <= T (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--split-seed", defaultValue = "20261122",
            description = "seed of the train/validation/test permutation (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--plot-size", defaultValue = "800x500", description = "PNG size WxH (default ${DEFAULT-VALUE})")
    String plotSize;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public RidgeTuning() {
    }

    /** @return the mean squared error of {@code w} on {@code d}. */
    static double mse(Dataset d, double[] w) {
        double[] x = d.features();
        double[] t = d.targets();
        int p = d.cols();
        double s = 0;
        for (int i = 0; i < d.rows(); i++) {
            double z = -t[i];
            for (int j = 0; j < p; j++) {
                z += x[i * p + j] * w[j];
            }
            s += z * z;
        }
        return s / d.rows();
    }

    /** @return the comparison: two problems (shared, per feature), four solvers. */
    public static SolverComparison<BilevelProblem> comparison(long splitSeed, int iterations, double tolerance,
                                                              boolean warmUp, Interrupter interrupter,
                                                              java.util.function.Consumer<String> progress) {
        Dataset all = Dataset.loadRegression("diabetes_data_raw.csv", "diabetes_target.csv").standardized()
                .standardizedTargets();
        int[] perm = all.permutation(splitSeed);
        int n = all.rows();
        int nTrain = (int) Math.round(0.5 * n);
        int nValidation = (int) Math.round(0.25 * n);
        Dataset train = all.subset(Arrays.copyOfRange(perm, 0, nTrain));
        Dataset validation = all.subset(Arrays.copyOfRange(perm, nTrain, nTrain + nValidation));
        Dataset test = all.subset(Arrays.copyOfRange(perm, nTrain + nValidation, n));
        DenseMatrix a = DenseMatrix.of(train.rows(), train.cols(), train.features());
        DenseMatrix v = DenseMatrix.of(validation.rows(), validation.cols(), validation.features());
        RidgeHyperparameters shared = RidgeHyperparameters.shared(a, train.targets(), v, validation.targets());
        RidgeHyperparameters perFeature = RidgeHyperparameters.perFeature(a, train.targets(), v, validation.targets());
        ConjugateGradient cg = ConjugateGradient.defaults();
        List<Contender<BilevelProblem>> contenders = List.of(
                contender("SSMS, implicit (CG)", SingleStepMultiStep.builder().innerSteps(10)
                        .estimator(ImplicitDifferentiation.with(cg)).stepRule(new ConstantStep(20)).build()),
                contender("SSMS, forward (warm)", SingleStepMultiStep.builder().innerSteps(10)
                        .estimator(ForwardDifferentiation.create().withWarmStart(true)).stepRule(new ConstantStep(20))
                        .build()),
                contender("DP, reverse (200 steps)", DifferentiableProgramming.builder().innerSteps(200).build()),
                contender("AID, CG", ApproximateImplicitGradient.builder(cg).innerTolerance(1e-9).maxInnerSteps(2000).build()));
        SolverComparison.Builder<BilevelProblem> b = SolverComparison.<BilevelProblem>builder()
                .title("Ridge regularization of a linear model, diabetes")
                .note(String.format(Locale.ROOT, "Data: %d train, %d validation, %d test rows, 10 standardized "
                        + "features, standardized target; upper level = validation ‖Vw − c‖²/(2N_v); x = log λ, "
                        + "start λ = 1.", train.rows(), validation.rows(), test.rows()))
                .note("SSMS: 10 warm-started gradient steps per iteration, constant outer step 20. DP: 200 steps from "
                        + "zero, Armijo. AID: inner gradient steps to 1e-9 (at most 2000), Armijo. Stop when the hypergradient norm <= "
                        + tolerance + ".")
                .contenders(contenders)
                .options(SolveOptions.builder().maxIterations(iterations).gradientTolerance(tolerance).build())
                .warmUp(warmUp).interrupter(interrupter).progress(progress);
        for (var e : List.of(java.util.Map.entry("diabetes, one shared λ", shared),
                java.util.Map.entry("diabetes, one λ per feature", perFeature))) {
            b.problem(ProblemCase.of(e.getKey(), e.getValue().problem(new double[e.getValue().parameterDimension()]))
                    .withMetric("validation MSE", (x, y) -> mse(validation, y))
                    .withMetric("test MSE", (x, y) -> mse(test, y)));
        }
        return b.build();
    }

    private static Contender<BilevelProblem> contender(String name, BilevelSolver s) {
        return Contender.of(name, (p, o) -> Outcome.of(s.solve(p, o)));
    }

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] size = BilevelCompare.parseSize(spec, plotSize);
        Cli.require(spec, iterations >= 1, "--iterations", iterations, "an integer >= 1");
        Cli.require(spec, Cli.nonNegative(tolerance), "--tolerance", tolerance, "a finite number >= 0");
        try (Cli.Guard guard = new Cli.Guard()) {
            ComparisonReport report = comparison(splitSeed, iterations, tolerance, true, guard.interrupter, line -> {
                err.println(line);
                err.flush();
            }).run();
            Cli.publish(report, out, size[0], size[1], pw);
            return report.interrupted() ? 130 : 0;
        }
    }
}
