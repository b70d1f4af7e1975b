package org.tandemopt.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelSolver;
import org.tandemopt.bilevel.SingleStepMultiStep;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.nonsmooth.ForwardBackward;
import org.tandemopt.bilevel.nonsmooth.LeastSquaresLoss;
import org.tandemopt.bilevel.nonsmooth.ParametricElasticNet;
import org.tandemopt.core.linalg.LinearSolvers;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.Contender;
import org.tandemopt.examples.compare.Outcome;
import org.tandemopt.examples.compare.ProblemCase;
import org.tandemopt.examples.compare.RunSummary;
import org.tandemopt.examples.compare.SolverComparison;
import org.tandemopt.examples.data.Dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem lasso}: tuning the Lasso strength of a linear model of the diabetes data (442 × 10) on a
 * validation set, through the nonsmooth estimators of {@code org.tandemopt.bilevel.nonsmooth}:
 * <pre>
 *   min_x  F(x) = ‖V y*(x) − c‖² / (2 N_v),   y*(x) = argmin_y ‖A y − b‖² / (2 N_t) + Σ_i e^{x_i} |y_i|
 * </pre>
 * with one shared weight ({@code x ∈ ℝ}) and one weight per feature ({@code x ∈ ℝ¹⁰}). Split and scaling as in
 * the bilevel module's {@code DiabetesTuningTest}: rows {@code i ≡ 0 (mod 3)} validate (148), the others train
 * (294); features standardized and the target centred and scaled with the training statistics. Solvers: SSMS
 * (20 warm-started ISTA steps per outer iteration, constant step 10) with a warm-started piggyback
 * ({@link ForwardDifferentiation}) or support-restricted implicit differentiation
 * ({@link NonsmoothImplicitDifferentiation}), and AID (ISTA to 1e-11, constant step 100) with either estimator (the piggyback
 * only for the single weight: for ten weights it takes over a minute).
 * The single weight starts at {@code 0.1 λ_max}; the per-feature weights start at the grid's best single weight.
 * The baseline: a grid of log-spaced single weights in {@code [1e-4, 1] λ_max}, each solved by cyclic coordinate
 * descent (Friedman, Hastie, Tibshirani, "Regularization paths for generalized linear models via coordinate
 * descent", J. Stat. Softw. 2010). Every reported validation loss and support is recomputed from the final
 * {@code x} by that independent solver.
 */
@Command(name = "lasso", mixinStandardHelpOptions = true,
        description = "Tune the Lasso strength (one shared weight, then one per feature) of a linear model of the "
                + "diabetes data with SSMS and AID through the nonsmooth estimators (piggyback, implicit); "
                + "compare with a grid search over one λ; table, CSV/JSON and PNG plots.")
public final class LassoTuning implements Callable<Integer> {

    /** The diabetes feature names, in column order. */
    static final String[] FEATURES = {"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};

    @Option(names = "--out", defaultValue = "target/tandem-lasso",
            description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--iterations", defaultValue = "1500",
            description = "outer iterations per solver (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--tolerance", defaultValue = "1e-9",
            description = "stop when the hypergradient norm <= T (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--grid-points", defaultValue = "1001",
            description = "log-spaced single weights in [1e-4, 1] λ_max for the baseline (default ${DEFAULT-VALUE})")
    int gridPoints;

    @Option(names = "--plot-size", defaultValue = "800x500", description = "PNG size WxH (default ${DEFAULT-VALUE})")
    String plotSize;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public LassoTuning() {
    }

    /**
     * The data of the Lasso problem: training and validation rows, and the training normal equations
     * {@code G = AᵀA/N_t}, {@code q = Aᵀb/N_t} that the independent coordinate-descent solver uses.
     *
     * @param train            training rows
     * @param trainTarget      training targets
     * @param validation       validation rows
     * @param validationTarget validation targets
     * @param gram             {@code AᵀA/N_t}
     * @param atb              {@code Aᵀb/N_t}
     */
    public record Data(double[][] train, double[] trainTarget, double[][] validation, double[] validationTarget,
                       double[][] gram, double[] atb) {

        /** @return the bundled diabetes data, split and scaled as described in the class comment. */
        public static Data diabetes() {
            Dataset all = Dataset.loadRegression("diabetes_data_raw.csv", "diabetes_target.csv");
            int n = all.rows();
            int p = all.cols();
            double[] f = all.features();
            double[] t = all.targets();
            int nv = (n + 2) / 3;
            int nt = n - nv;
            double[][] tr = new double[nt][p];
            double[] tt = new double[nt];
            double[][] va = new double[nv][p];
            double[] vt = new double[nv];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (i % 3 == 0) {
                    System.arraycopy(f, i * p, va[b], 0, p);
                    vt[b++] = t[i];
                } else {
                    System.arraycopy(f, i * p, tr[a], 0, p);
                    tt[a++] = t[i];
                }
            }
            for (int j = 0; j < p; j++) {
                double mean = 0;
                for (double[] r : tr) {
                    mean += r[j];
                }
                mean /= nt;
                double var = 0;
                for (double[] r : tr) {
                    var += (r[j] - mean) * (r[j] - mean);
                }
                double sd = Math.sqrt(var / nt);
                for (double[] r : tr) {
                    r[j] = (r[j] - mean) / sd;
                }
                for (double[] r : va) {
                    r[j] = (r[j] - mean) / sd;
                }
            }
            double mean = 0;
            for (double v : tt) {
                mean += v;
            }
            mean /= nt;
            double var = 0;
            for (double v : tt) {
                var += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(var / nt);
            for (int i = 0; i < nt; i++) {
                tt[i] = (tt[i] - mean) / sd;
            }
            for (int i = 0; i < nv; i++) {
                vt[i] = (vt[i] - mean) / sd;
            }
            double[][] g = new double[p][p];
            double[] q = new double[p];
            for (int r = 0; r < nt; r++) {
                for (int i = 0; i < p; i++) {
                    q[i] += tr[r][i] * tt[r] / nt;
                    for (int j = 0; j < p; j++) {
                        g[i][j] += tr[r][i] * tr[r][j] / nt;
                    }
                }
            }
            return new Data(tr, tt, va, vt, g, q);
        }

        /** @return the number of features. */
        public int features() {
            return atb.length;
        }

        /** @return {@code ‖Aᵀb‖_∞/N_t}: the least λ whose Lasso solution is zero. */
        public double lambdaMax() {
            double best = 0;
            for (double v : atb) {
                best = Math.max(best, Math.abs(v));
            }
            return best;
        }

        /** @return the lower-level smooth part {@code ‖Ay − b‖²/(2N_t)} for {@code n} hyperparameters. */
        public LeastSquaresLoss lower(int n) {
            return LeastSquaresLoss.of(train, trainTarget, 1.0 / train.length, n);
        }

        /** @return the upper level {@code ‖Vy − c‖²/(2N_v)} for {@code n} hyperparameters. */
        public LeastSquaresLoss upper(int n) {
            return LeastSquaresLoss.of(validation, validationTarget, 1.0 / validation.length, n);
        }

        /**
         * Cyclic coordinate descent on {@code ½yᵀGy − qᵀy + Σ α_i|y_i|}, warm-started from {@code y}, until no
         * coordinate moves by more than 1e-15 (at most a million sweeps).
         */
        public void coordinateDescent(double[] alpha, double[] y) {
            int m = y.length;
            for (int sweep = 0; sweep < 1_000_000; sweep++) {
                double change = 0;
                for (int i = 0; i < m; i++) {
                    double z = atb[i];
                    for (int j = 0; j < m; j++) {
                        if (j != i) {
                            z -= gram[i][j] * y[j];
                        }
                    }
                    double v = (z > alpha[i] ? z - alpha[i] : z < -alpha[i] ? z + alpha[i] : 0) / gram[i][i];
                    change = Math.max(change, Math.abs(v - y[i]));
                    y[i] = v;
                }
                if (change <= 1e-15) {
                    return;
                }
            }
        }

        /** @return the Lasso solution for the log-weights {@code x} (one shared, or one per feature). */
        public double[] solve(double[] x) {
            double[] alpha = new double[features()];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = Math.exp(x.length == 1 ? x[0] : x[i]);
            }
            double[] y = new double[features()];
            coordinateDescent(alpha, y);
            return y;
        }

        /** @return the validation loss {@code F} at the Lasso solution {@code y}. */
        public double validationLoss(double[] y) {
            return upper(1).value(new double[1], y);
        }
    }

    /**
     * The best of {@code points} log-spaced single weights in {@code [1e-4, 1] λ_max}.
     *
     * @param lambda  the best weight
     * @param loss    its validation loss
     * @param support the nonzero coefficients of its Lasso solution
     */
    public record Grid(double lambda, double loss, int[] support) {

        /** @return the grid search, each point warm-started from the previous (larger) weight. */
        public static Grid search(Data data, int points) {
            if (points < 2) {
                throw new IllegalArgumentException("points = " + points + ", expected at least 2");
            }
            double hi = Math.log(data.lambdaMax());
            double lo = hi - Math.log(1e4);
            double[] y = new double[data.features()];
            double[] alpha = new double[data.features()];
            double best = Double.POSITIVE_INFINITY;
            double bestLambda = Double.NaN;
            int[] bestSupport = new int[0];
            for (int k = 0; k < points; k++) {
                double lambda = Math.exp(hi - (hi - lo) * k / (points - 1));
                Arrays.fill(alpha, lambda);
                data.coordinateDescent(alpha, y);
                double v = data.validationLoss(y);
                if (v < best) {
                    best = v;
                    bestLambda = lambda;
                    bestSupport = LassoTuning.support(y);
                }
            }
            return new Grid(bestLambda, best, bestSupport);
        }
    }

    /** @return the indices of the nonzero entries of {@code y}. */
    static int[] support(double[] y) {
        return java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] != 0).toArray();
    }

    /** @return the support as feature names, e.g. {@code {sex, bmi, bp}}. */
    static String names(int[] support) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < support.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(FEATURES[support[i]]);
        }
        return sb.append('}').toString();
    }

    /** The grid baseline and the comparison built on it. */
    record Setup(Data data, Grid grid, SolverComparison<BilevelProblem> comparison) {
    }

    /** @return the contenders: SSMS and AID, each with a warm-started piggyback and with implicit differentiation. */
    static List<Contender<BilevelProblem>> contenders() {
        List<Contender<BilevelProblem>> list = new ArrayList<>();
        for (boolean implicit : new boolean[] {false, true}) {
            list.add(Contender.of("SSMS, " + (implicit ? "implicit" : "piggyback (warm)"), (p, o) -> {
                ParametricElasticNet prox = prox(p.parameterDimension());
                return Outcome.of(SingleStepMultiStep.builder().inner(ForwardBackward.ista(prox)).innerSteps(20)
                        .estimator(implicit ? NonsmoothImplicitDifferentiation.with(prox)
                                : ForwardDifferentiation.create().withWarmStart(true))
                        .stepRule(new ConstantStep(10)).build().solve(p, o));
            }));
        }
        for (boolean implicit : new boolean[] {true, false}) {
            Contender<BilevelProblem> c = Contender.of("AID, " + (implicit ? "implicit" : "piggyback"), (p, o) -> {
                ParametricElasticNet prox = prox(p.parameterDimension());
                BilevelSolver s = ApproximateImplicitGradient.builder(LinearSolvers.cg())
                        .inner(ForwardBackward.ista(prox))
                        .estimator(implicit ? NonsmoothImplicitDifferentiation.with(prox)
                                : ForwardDifferentiation.create().withWarmStart(true))
                        .innerTolerance(1e-11).maxInnerSteps(100_000)
                        .stepRule(new ConstantStep(100)).build();
                return Outcome.of(s.solve(p, o));
            });
            // from zero to 1e-11 at every outer iteration, the piggyback of ten weights costs ~75 s on 2 cores
            list.add(implicit ? c : c.onlyWhen(p -> p.parameterDimension() == 1,
                    "the piggyback from zero of ten weights to 1e-11 per outer step takes over a minute"));
        }
        return list;
    }

    private static ParametricElasticNet prox(int n) {
        return ParametricElasticNet.of(n == 1 ? ParametricElasticNet.Weighting.SHARED_LOG
                : ParametricElasticNet.Weighting.PER_FEATURE_LOG, 10, 0.0);
    }

    /** @return the grid baseline and the comparison: two problems (shared, per feature), four solvers. */
    static Setup setup(int iterations, double tolerance, int gridPoints, boolean warmUp, Interrupter interrupter,
                       Consumer<String> progress) {
        Data data = Data.diabetes();
        Grid grid = Grid.search(data, gridPoints);
        double lmax = data.lambdaMax();
        double[] shared = {Math.log(0.1 * lmax)};
        double[] perFeature = new double[data.features()];
        Arrays.fill(perFeature, Math.log(grid.lambda()));
        SolverComparison.Builder<BilevelProblem> b = SolverComparison.<BilevelProblem>builder()
                .title("Lasso strength of a linear model, diabetes")
                .note(String.format(Locale.ROOT, "Data: %d train, %d validation rows (i ≡ 0 mod 3), 10 features "
                        + "standardized and the target scaled with training statistics; F = validation "
                        + "‖Vy − c‖²/(2N_v), lower level ‖Ay − b‖²/(2N_t) + Σ e^{x_i}|y_i|; λ_max = %.6f.",
                        data.train().length, data.validation().length, lmax))
                .note(String.format(Locale.ROOT, "Grid baseline: %d log-spaced single λ in [1e-4, 1] λ_max by "
                        + "coordinate descent: best validation loss %.10f at λ = %.7f, support %s (%d features).",
                        gridPoints, grid.loss(), grid.lambda(), names(grid.support()), grid.support().length))
                .note("Starts: one λ at 0.1 λ_max; one λ per feature at the grid's best λ. SSMS: 20 warm-started "
                        + "ISTA steps (step 1/L̂) per iteration, constant outer step 10. AID: ISTA to 1e-11 (at most "
                        + "100 000 steps), constant outer step 100. Stop when the hypergradient norm <= " + tolerance
                        + ". Validation loss, λ and support are recomputed from the final x by coordinate descent.")
                .contenders(contenders())
                .options(SolveOptions.builder().maxIterations(iterations).gradientTolerance(tolerance).build())
                .warmUp(warmUp).interrupter(interrupter).progress(progress);
        for (var e : List.of(java.util.Map.entry("diabetes Lasso, one λ", shared),
                java.util.Map.entry("diabetes Lasso, one λ per feature", perFeature))) {
            double[] x0 = e.getValue();
            b.problem(ProblemCase.of(e.getKey(), BilevelProblem.of(data.upper(x0.length), data.lower(x0.length),
                            x0, new double[data.features()]))
                    .withMetric("validation loss", (x, y) -> data.validationLoss(data.solve(x)))
                    .withMetric("minus grid best", (x, y) -> data.validationLoss(data.solve(x)) - grid.loss())
                    .withMetric("support size", (x, y) -> support(data.solve(x)).length));
        }
        return new Setup(data, grid, b.build());
    }

    /**
     * Runs the comparison and appends one note per run with its geometric-mean λ and the support it found.
     *
     * @return the report with the support notes
     */
    public static ComparisonReport run(int iterations, double tolerance, int gridPoints, boolean warmUp,
                                       Interrupter interrupter, Consumer<String> progress) {
        Setup s = setup(iterations, tolerance, gridPoints, warmUp, interrupter, progress);
        ComparisonReport r = s.comparison().run();
        List<String> notes = new ArrayList<>(r.notes());
        for (RunSummary run : r.runs()) {
            double[] x = run.x();
            double logMean = 0;
            for (double v : x) {
                logMean += v / x.length;
            }
            int[] support = support(s.data().solve(x));
            notes.add(String.format(Locale.ROOT, "%s on %s: λ %s %.7f, support %s (%d features).", run.solver(),
                    run.problem(), x.length == 1 ? "=" : "geometric mean", Math.exp(logMean), names(support),
                    support.length));
        }
        return new ComparisonReport(r.title(), notes, r.runs(), r.problems(), r.solvers(), r.interrupted());
    }

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] size = BilevelCompare.parseSize(spec, plotSize);
        Cli.require(spec, iterations >= 1, "--iterations", iterations, "an integer >= 1");
        Cli.require(spec, Cli.nonNegative(tolerance), "--tolerance", tolerance, "a finite number >= 0");
        Cli.require(spec, gridPoints >= 2, "--grid-points", gridPoints, "an integer >= 2");
        try (Cli.Guard guard = new Cli.Guard()) {
            ComparisonReport report = run(iterations, tolerance, gridPoints, true, guard.interrupter, line -> {
                err.println(line);
                err.flush();
            });
            Cli.publish(report, out, size[0], size[1], pw);
            return report.interrupted() ? 130 : 0;
        }
    }
}
