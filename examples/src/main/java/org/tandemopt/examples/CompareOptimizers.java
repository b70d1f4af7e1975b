package org.tandemopt.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

import org.tandemopt.core.monitor.Criteria;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.examples.data.Dataset;
import org.tandemopt.examples.problems.LogisticRegression;

/**
 * The main job: every single-level optimizer of {@code solver-core} on L2-regularized logistic regression of the
 * bundled breast-cancer data (features standardized, intercept unpenalized, a fixed 70/30 train/test split),
 * each under the same budget and tolerance. Prints a Markdown table of termination, iterations, evaluations,
 * median wall time, final value, gradient norm and test accuracy.
 *
 * <p>JVM warm-up policy: each optimizer is run once untimed (JIT compilation), then {@code --repeats} timed
 * runs; the table reports the median of the timed runs.
 */
public final class CompareOptimizers {

    private CompareOptimizers() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        double lambda = 1e-2;
        double tolerance = 1e-8;
        int maxIterations = 20_000;
        int repeats = 5;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--help":
                    case "-h":
                        help(out);
                        return 0;
                    case "--lambda":
                        lambda = Double.parseDouble(args[++i]);
                        break;
                    case "--tolerance":
                        tolerance = Double.parseDouble(args[++i]);
                        break;
                    case "--max-iterations":
                        maxIterations = Integer.parseInt(args[++i]);
                        break;
                    case "--repeats":
                        repeats = Integer.parseInt(args[++i]);
                        break;
                    default:
                        err.println("unknown option '" + a + "'");
                        help(err);
                        return 2;
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                err.println("option " + a + " needs a numeric value");
                return 2;
            }
        }
        if (!(lambda > 0) || !(tolerance > 0) || maxIterations < 1 || repeats < 1) {
            err.println("--lambda and --tolerance must be > 0, --max-iterations and --repeats >= 1");
            return 2;
        }

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

    private static void help(PrintStream out) {
        out.println("usage: java -jar tandem.jar compare [--lambda L] [--tolerance T] [--max-iterations N] [--repeats R]");
        out.println();
        out.println("Compares every single-level optimizer on L2-regularized logistic regression of the bundled");
        out.println("breast-cancer data (569 x 30, standardized, intercept, fixed 70/30 split).");
        out.println("  --lambda L          L2 weight (default 1e-2)");
        out.println("  --tolerance T       stop when |grad| <= T (default 1e-8)");
        out.println("  --max-iterations N  iteration budget per run (default 20000)");
        out.println("  --repeats R         timed runs per optimizer, median reported (default 5)");
    }
}
