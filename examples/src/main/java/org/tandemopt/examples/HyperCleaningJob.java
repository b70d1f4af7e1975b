package org.tandemopt.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelSolver;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.OneStepDifferentiation;
import org.tandemopt.core.linalg.ConjugateGradient;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.Contender;
import org.tandemopt.examples.compare.Outcome;
import org.tandemopt.examples.compare.ProblemCase;
import org.tandemopt.examples.compare.SolverComparison;
import org.tandemopt.examples.data.Dataset;
import org.tandemopt.examples.problems.HyperCleaning;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem cleaning}: data hyper-cleaning ({@link HyperCleaning}) on the bundled digits (1797 × 64,
 * standardized, intercept): 300 training rows of which a seeded fraction get a wrong label, 300 clean
 * validation rows, the rest for test. SSMS (implicit with conjugate gradient, one-step) and AID learn one weight
 * {@code σ(x_i)} per training row from {@code x = 0}; the report gives test accuracy, how many rows end with
 * {@code σ(x_i) < ½} and how many of those were corrupted, against the unweighted model ({@code x = 0}).
 */
@Command(name = "cleaning", mixinStandardHelpOptions = true,
        description = "Data hyper-cleaning on digits: learn per-sample weights sigma(x_i) of a softmax regression on "
                + "partly mislabelled training data so that it fits clean validation data (SSMS, AID).")
public final class HyperCleaningJob implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "target/tandem-cleaning",
            description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--iterations", defaultValue = "50",
            description = "outer iterations per solver (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--corruption", defaultValue = "0.4",
            description = "probability that a training label is replaced by a wrong one (default ${DEFAULT-VALUE})")
    double corruption;

    @Option(names = "--step", defaultValue = "300", description = "constant outer step (default ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--no-warm-up", negatable = false,
            description = "report every run, the JIT-compiling first ones included")
    boolean noWarmUp;

    @Option(names = "--plot-size", defaultValue = "800x500", description = "PNG size WxH (default ${DEFAULT-VALUE})")
    String plotSize;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public HyperCleaningJob() {
    }

    /** The data of the job and which training labels were corrupted. */
    public record Data(Dataset train, Dataset validation, Dataset test, boolean[] corrupted) {
        /** @return 300 / 300 / 1197 rows by a fixed permutation; each training label wrong with probability q. */
        public static Data of(double q) {
            Dataset all = Dataset.loadHeaderlessCsv("digits.csv").standardized().withIntercept();
            int[] perm = all.permutation(20261122L);
            Dataset train = all.subset(Arrays.copyOfRange(perm, 0, 300));
            double[] t = train.targets();
            boolean[] bad = new boolean[t.length];
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < t.length; i++) {
                if (r.nextDouble() < q) {
                    bad[i] = true;
                    t[i] = (t[i] + 1 + r.nextInt(9)) % 10;
                }
            }
            return new Data(new Dataset("digits, corrupted", train.rows(), train.cols(), train.features(), t),
                    all.subset(Arrays.copyOfRange(perm, 300, 600)), all.subset(Arrays.copyOfRange(perm, 600, all.rows())),
                    bad);
        }

        /** @return the number of corrupted training labels. */
        public int corruptedCount() {
            int k = 0;
            for (boolean b : corrupted) {
                k += b ? 1 : 0;
            }
            return k;
        }
    }

    /** @return the comparison of the job. */
    public static SolverComparison<BilevelProblem> comparison(Data data, int iterations, double step, boolean warmUp,
                                                              Interrupter interrupter,
                                                              java.util.function.Consumer<String> progress) {
        HyperCleaning h = new HyperCleaning(data.train(), data.validation(), 10, 1e-3);
        boolean[] bad = data.corrupted();
        ConjugateGradient cg = ConjugateGradient.builder().relativeTolerance(1e-6).build();
        List<Contender<BilevelProblem>> contenders = List.of(
                contender("SSMS, implicit (CG)", SingleStepMultiStep.builder().innerSteps(10)
                        .estimator(ImplicitDifferentiation.with(cg)).stepRule(new ConstantStep(step)).build()),
                contender("SSMS, one-step", SingleStepMultiStep.builder().innerSteps(10)
                        .estimator(OneStepDifferentiation.create()).stepRule(new ConstantStep(step)).build()),
                contender("AID, CG", ApproximateImplicitGradient.builder(cg).innerTolerance(1e-5).maxInnerSteps(100)
                        .stepRule(new ConstantStep(step)).build()));
        ProblemCase<BilevelProblem> pc = ProblemCase.of("digits hyper-cleaning", h.problem(new double[300]))
                .withMetric("test accuracy", (x, y) -> h.accuracy(data.test(), y))
                .withMetric("down-weighted rows", (x, y) -> Arrays.stream(x).filter(v -> v < 0).count())
                .withMetric("of which corrupted", (x, y) -> {
                    int k = 0;
                    for (int i = 0; i < x.length; i++) {
                        k += x[i] < 0 && bad[i] ? 1 : 0;
                    }
                    return k;
                });
        return SolverComparison.<BilevelProblem>builder()
                .title("Data hyper-cleaning, digits")
                .note(String.format(Locale.ROOT, "Data: %d train rows (%d labels corrupted), %d clean validation, %d test;"
                                + " 64 standardized pixels and an intercept, 10 classes, softmax regression with μ = 1e-3.",
                        data.train().rows(), data.corruptedCount(), data.validation().rows(), data.test().rows()))
                .note("Start x = 0 (every weight ½). SSMS: 10 warm-started gradient steps per iteration; AID: inner "
                        + "solves to 1e-5 (at most 100 steps); constant outer step " + step + " for all.")
                .problem(pc).contenders(contenders)
                .options(SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-8).build())
                .warmUp(warmUp).interrupter(interrupter).progress(progress).build();
    }

    /** @return the test accuracy of the model trained with every weight ½ (the lower solution at x = 0). */
    public static double unweightedAccuracy(Data data) {
        HyperCleaning h = new HyperCleaning(data.train(), data.validation(), 10, 1e-3);
        var r = LBFGS.defaults().minimize(h.lower().atParameter(new double[300]), new double[h.variableDimension()],
                SolveOptions.builder().maxIterations(2000).gradientTolerance(1e-8).build());
        return h.accuracy(data.test(), r.point());
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
        Cli.require(spec, Cli.positive(step), "--step", step, "a finite number > 0");
        Cli.require(spec, corruption >= 0 && corruption <= 1, "--corruption", corruption, "a number in [0, 1]");
        Data data = Data.of(corruption);
        try (Cli.Guard guard = new Cli.Guard()) {
            ComparisonReport report = comparison(data, iterations, step, !noWarmUp, guard.interrupter, line -> {
                err.println(line);
                err.flush();
            }).run();
            Cli.publish(report, out, size[0], size[1], pw);
            pw.printf(Locale.ROOT, "%nUnweighted model (every σ(x_i) = ½): test accuracy %.4f.%n",
                    unweightedAccuracy(data));
            pw.flush();
            return report.interrupted() ? 130 : 0;
        }
    }
}
