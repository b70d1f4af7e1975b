package org.tandemopt.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.Arrays;
import java.util.Locale;

import org.tandemopt.core.monitor.Criteria;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.examples.data.Dataset;
import org.tandemopt.examples.problems.LogisticRegression;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code optimizers} command: every single-level optimizer of {@code solver-core} on L2-regularized logistic regression of the
 * bundled breast-cancer data (features standardized, intercept unpenalized, a fixed 70/30 train/test split),
 * each under the same budget and tolerance. Prints a Markdown table of termination, iterations, evaluations,
 * median wall time, final value, gradient norm and test accuracy.
 *
 * <p>JVM warm-up policy: each optimizer is run once untimed (JIT compilation), then {@code --repeats} timed
 * runs; the table reports the median of the timed runs.
 */
@Command(name = "optimizers", mixinStandardHelpOptions = true,
        description = "Compare every single-level optimizer on L2-regularized logistic regression of the bundled "
                + "breast-cancer data (569 x 30, standardized, intercept, fixed 70/30 split).")
public final class CompareOptimizers implements Callable<Integer> {

    @Option(names = "--lambda", defaultValue = "1e-2", description = "L2 weight (default ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--tolerance", defaultValue = "1e-8",
            description = "stop when |grad| <= T (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--max-iterations", defaultValue = "20000",
            description = "iteration budget per run (default ${DEFAULT-VALUE})")
    int maxIterations;

    @Option(names = "--repeats", defaultValue = "5",
            description = "timed runs per optimizer, median reported (default ${DEFAULT-VALUE})")
    int repeats;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public CompareOptimizers() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Cli.require(spec, Cli.positive(lambda), "--lambda", lambda, "a finite number > 0");
        Cli.require(spec, Cli.positive(tolerance), "--tolerance", tolerance, "a finite number > 0");
        Cli.require(spec, maxIterations >= 1, "--max-iterations", maxIterations, "an integer >= 1");
        Cli.require(spec, repeats >= 1, "--repeats", repeats, "an integer >= 1");

        Dataset all = Dataset.loadLabelledCsv("breast_cancer.csv").standardized().withIntercept();
        int[] perm = all.permutation(20261122L);
        int nTrain = (int) Math.round(0.7 * all.rows());
        Dataset train = all.subset(Arrays.copyOfRange(perm, 0, nTrain));
        Dataset test = all.subset(Arrays.copyOfRange(perm, nTrain, all.rows()));
        LogisticRegression f = new LogisticRegression(train.features(), train.targets(), train.cols(), lambda, true);
        LogisticRegression testLoss = new LogisticRegression(test.features(), test.targets(), test.cols(), lambda, true);

        SolveOptions options = SolveOptions.builder().maxIterations(maxIterations)
                .convergence(Criteria.gradientNorm(tolerance)).build();
        double[] start = new double[f.dimension()];

        double lipschitz = f.lipschitzBound();
        out.printf(Locale.ROOT, "Tandem solver comparison: L2-regularized logistic regression, breast cancer "
                        + "(train %d x %d, test %d), lambda = %g, L = %.4f, tolerance |grad| <= %g, budget %d "
                        + "iterations%n", train.rows(), train.cols(), test.rows(), lambda, lipschitz, tolerance,
                maxIterations);
        out.printf(Locale.ROOT, "Timing: one untimed warm-up run per optimizer (JIT), then the median of %d timed runs.%n%n",
                repeats);
        out.println("| optimizer | termination | iterations | values | gradients | Hessian-vector | time (ms) "
                + "| final value | final ‖∇J‖ | test accuracy |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (OptimizerCatalog.Entry e : OptimizerCatalog.forSmoothProblems(lipschitz, lambda)) {
            e.optimizer().minimize(f, start, options); // warm-up
            OptimizationResult r = null;
            double[] times = new double[repeats];
            for (int k = 0; k < repeats; k++) {
                r = e.optimizer().minimize(f, start, options);
                times[k] = r.wallTime().toNanos() / 1e6;
            }
            Arrays.sort(times);
            double median = times[repeats / 2];
            out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.2f | %.12f | %.2e | %.4f |%n", e.name(),
                    r.termination(), r.iterations(), r.valueEvaluations(), r.gradientEvaluations(),
                    r.secondOrderEvaluations(), median, r.value(), r.gradientNorm(), testLoss.accuracy(r.point()));
        }
        return 0;
    }
}
