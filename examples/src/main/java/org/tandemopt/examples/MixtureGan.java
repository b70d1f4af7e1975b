package org.tandemopt.examples;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tandemopt.core.autodiff.AdParametricFunction;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.autodiff.Expr;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.Contender;
import org.tandemopt.examples.compare.Outcome;
import org.tandemopt.examples.compare.ProblemCase;
import org.tandemopt.examples.compare.RunSummary;
import org.tandemopt.examples.compare.SolverComparison;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;

/**
 * A small GAN on a one-dimensional mixture of three Gaussians, defined with {@code core.autodiff} and trained
 * by simultaneous GDA, optimistic GDA and the ridge method. Data: {@code N} draws (seed 11) of the equal mixture
 * of {@code N(−4, σ²)}, {@code N(0, σ²)}, {@code N(4, σ²)}, {@code σ = 0.5}; noise: {@code N} draws of
 * {@code N(0, 1)} (seed 12). Generator and discriminator are tanh MLPs with one hidden layer of {@code H} units,
 * <pre>
 *   G_θ(z) = Σ_k w2_k tanh(w1_k z + b1_k) + b2,     D_ψ(u) = Σ_k v2_k tanh(v1_k u + c1_k) + c2,
 * </pre>
 * ({@code 3H + 1} parameters each), and the regularized logistic GAN game (Goodfellow et al., "Generative
 * adversarial nets", NeurIPS 2014)
 * <pre>
 *   min_θ max_ψ L(θ, ψ) = −mean_i softplus(−D_ψ(d_i)) − mean_j softplus(D_ψ(G_θ(z_j))) − (λ/2)‖ψ‖²
 * </pre>
 * (the two log-likelihood terms {@code log σ(D(d))} and {@code log(1 − σ(D(G(z))))}); the L2 term makes the
 * inner maximisation better posed for the ridge method. Progress is measured by the 1-D Wasserstein-1 distance
 * between the generated and the true samples, {@code W₁ = mean_i |g_(i) − d_(i)|} over the sorted samples,
 * recorded every {@code k} iterations by a listener (at the generator parameters of the latest gradient
 * evaluation: the current iterate for GDA and OGDA, the accepted trial point for the ridge method).
 */
public final class MixtureGan {

    /** The problem size and regularization. */
    public record Config(int samples, int hidden, double lambda, double eta, int every) {
        /** Validates. */
        public Config {
            if (samples < 2 || hidden < 1 || !(lambda >= 0) || !(eta > 0) || every < 1) {
                throw new IllegalArgumentException("config " + samples + ", " + hidden + ", " + lambda + ", " + eta
                        + ", " + every + ": expected samples >= 2, hidden >= 1, lambda >= 0, eta > 0, every >= 1");
            }
        }

        /** @return 300 samples, 8 hidden units, λ = 0.01, step 0.05, distance every 20 iterations. */
        public static Config defaults() {
            return new Config(300, 8, 0.01, 0.05, 20);
        }
    }

    final Config config;
    final double[] data;
    final double[] sortedData;
    final double[] noise;
    final AdParametricFunction game;
    final double[] theta0;
    final double[] psi0;
    /** W₁ curves of the last run of each solver: {iteration, distance} pairs. */
    final Map<String, List<double[]>> curves = new ConcurrentHashMap<>();

    /** Builds the samples, the game and the seeded starts. */
    public MixtureGan(Config config) {
        this.config = config;
        int n = config.samples();
        Random rd = new Random(11);
        Random rz = new Random(12);
        data = new double[n];
        noise = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = 4.0 * (rd.nextInt(3) - 1) + 0.5 * rd.nextGaussian();
            noise[i] = rz.nextGaussian();
        }
        sortedData = data.clone();
        Arrays.sort(sortedData);
        int h = config.hidden();
        int p = 3 * h + 1;
        double lambda = config.lambda();
        double[] z = noise.clone();
        double[] d = data.clone();
        game = AutoDiff.parametric(p, p, (theta, psi) -> {
            Expr fake = mlp(theta, theta.builder().constant(n, 1, z), h);
            Expr dReal = mlp(psi, psi.builder().constant(n, 1, d), h);
            Expr dFake = mlp(psi, fake, h);
            return dReal.negate().softplus().mean().negate().minus(dFake.softplus().mean())
                    .minus(psi.squaredNorm().times(0.5 * lambda));
        });
        Random r0 = new Random(13);
        theta0 = new double[p];
        psi0 = new double[p];
        for (int i = 0; i < p; i++) {
            theta0[i] = 0.5 * r0.nextGaussian();
            psi0[i] = 0.5 * r0.nextGaussian();
        }
    }

    /** {@code Σ_k w2_k tanh(w1_k u + b1_k) + b2} on the column {@code u} ({@code n × 1}); layout (w1, b1, w2, b2). */
    static Expr mlp(Expr params, Expr u, int h) {
        Expr w1 = params.slice(0, h).reshape(1, h);
        Expr b1 = params.slice(h, 2 * h);
        Expr w2 = params.slice(2 * h, 3 * h).reshape(h, 1);
        Expr b2 = params.get(3 * h);
        return u.matmul(w1).plusRow(b1).tanh().matmul(w2).plus(b2);
    }

    /** @return the MLP in plain arithmetic, for the distance and the tests. */
    static double mlp(double[] params, double u, int h) {
        double s = params[3 * h];
        for (int k = 0; k < h; k++) {
            s += params[2 * h + k] * Math.tanh(params[k] * u + params[h + k]);
        }
        return s;
    }

    /** @return the saddle function {@code L(θ, ψ)}. */
    public AdParametricFunction game() {
        return game;
    }

    /** @return the true samples (a copy). */
    public double[] data() {
        return data.clone();
    }

    /** @return the noise samples (a copy). */
    public double[] noise() {
        return noise.clone();
    }

    /** @return the seeded start {@code θ₀} (a copy). */
    public double[] startTheta() {
        return theta0.clone();
    }

    /** @return the seeded start {@code ψ₀} (a copy). */
    public double[] startPsi() {
        return psi0.clone();
    }

    /** @return the generated samples {@code G_θ(z_j)}. */
    public double[] generate(double[] theta) {
        double[] g = new double[noise.length];
        for (int j = 0; j < g.length; j++) {
            g[j] = mlp(theta, noise[j], config.hidden());
        }
        return g;
    }

    /** @return the 1-D Wasserstein-1 distance {@code mean_i |g_(i) − d_(i)|} between generated and true samples. */
    public double wasserstein(double[] theta) {
        double[] g = generate(theta);
        Arrays.sort(g);
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            s += Math.abs(g[i] - sortedData[i]);
        }
        return s / g.length;
    }

    /**
     * @return the fraction of generated samples within 1 of each centre −4, 0, 4 (three numbers): a mode that
     *         gets none of them is missed
     */
    public double[] modeShares(double[] theta) {
        return shares(generate(theta));
    }

    static double[] shares(double[] samples) {
        double[] share = new double[3];
        for (double g : samples) {
            for (int c = 0; c < 3; c++) {
                if (Math.abs(g - 4.0 * (c - 1)) <= 1) {
                    share[c] += 1.0 / samples.length;
                }
            }
        }
        return share;
    }

    /** Forwards to the game and remembers the latest {@code θ} at which a gradient was taken. */
    static final class Recording implements SaddleFunction {
        final AdParametricFunction h;
        final double[] last;

        Recording(AdParametricFunction h, double[] start) {
            this.h = h;
            this.last = start.clone();
        }

        @Override public int xDimension() { return h.parameterDimension(); }
        @Override public int yDimension() { return h.variableDimension(); }
        @Override public double value(double[] x, double[] y) { return h.value(x, y); }

        @Override
        public double gradientX(double[] x, double[] y, double[] out) {
            System.arraycopy(x, 0, last, 0, last.length);
            h.gradientX(x, y, out);
            return h.value(x, y);
        }

        @Override
        public double gradientY(double[] x, double[] y, double[] out) {
            return h.gradientY(x, y, out);
        }

        @Override
        public double gradients(double[] x, double[] y, double[] gx, double[] gy) {
            System.arraycopy(x, 0, last, 0, last.length);
            return h.valueAndGradients(x, y, gx, gy);
        }

        @Override public boolean hasSecondOrder() { return true; }
        @Override public void hessianYY(double[] x, double[] y, double[] v, double[] out) { h.hessianYY(x, y, v, out); }
        @Override public void crossYX(double[] x, double[] y, double[] u, double[] out) { h.cross(x, y, u, out); }
    }

    /** A solver run on a fresh recording problem with the distance listener. */
    interface Run {
        Outcome solve(MinMaxProblem p, SolveOptions o);
    }

    Contender<MixtureGan> contender(String name, Run run) {
        return Contender.of(name, (gan, o) -> {
            Recording rec = new Recording(game, theta0);
            MinMaxProblem p = MinMaxProblem.builder(rec).start(theta0, psi0).build();
            List<double[]> curve = new ArrayList<>();
            curve.add(new double[] {0, wasserstein(theta0)});
            int every = config.every();
            IterationListener l = new IterationListener() {
                @Override
                public Decision onIteration(org.tandemopt.core.monitor.IterationRecord r) {
                    if (r.iteration() > 0 && r.iteration() % every == 0) {
                        curve.add(new double[] {r.iteration(), wasserstein(rec.last)});
                    }
                    return Decision.CONTINUE;
                }

                @Override
                public void onFinish(org.tandemopt.core.monitor.Termination t,
                                     org.tandemopt.core.monitor.IterationRecord last) {
                    if (last != null && last.iteration() % every != 0) {
                        curve.add(new double[] {last.iteration(), wasserstein(rec.last)});
                    }
                }
            };
            Outcome out = run.solve(p, o.toBuilder().listener(l).build());
            curves.put(name, curve);
            return out;
        });
    }

    /** @return the three solvers: simultaneous GDA and optimistic GDA with step η, the ridge method. */
    List<Contender<MixtureGan>> contenders() {
        double eta = config.eta();
        RidgeMethod ridge = RidgeMethod.builder().innerToleranceFactor(1e-4).innerMaxIterations(500).build();
        return List.of(
                contender("GDA, simultaneous", (p, o) -> Outcome.of(GradientDescentAscent.simultaneous(eta, eta).solve(p, o))),
                contender("optimistic GDA", (p, o) -> Outcome.of(OptimisticGradientDescentAscent.of(eta).solve(p, o))),
                contender("ridge method", (p, o) -> Outcome.of(ridge.solve(p, o))));
    }

    /** @return the comparison on this GAN. */
    public SolverComparison<MixtureGan> comparison(int iterations, boolean warmUp, Interrupter interrupter,
                                                   Consumer<String> progress) {
        Config c = config;
        return SolverComparison.<MixtureGan>builder()
                .title("A GAN on a mixture of three Gaussians")
                .note(String.format(Locale.ROOT, "Data: %d draws of the equal mixture of N(−4, 0.25), N(0, 0.25), "
                        + "N(4, 0.25) (seed 11); noise %d draws of N(0, 1) (seed 12). Generator and discriminator: "
                        + "tanh MLPs 1 → %d → 1 (%d parameters each, start N(0, 0.25) seed 13); logistic GAN loss, "
                        + "λ = %s on ‖ψ‖²; oracles by automatic differentiation.", c.samples(), c.samples(),
                        c.hidden(), 3 * c.hidden() + 1, c.lambda()))
                .note(String.format(Locale.ROOT, "Constant step %s for GDA and optimistic GDA; the ridge method "
                        + "backtracks and solves the inner max to min(1e-4, 1e-4‖∇_θ L‖²). Stop when the θ-gradient "
                        + "norm <= 1e-8. W₁ = mean |g_(i) − d_(i)| over the sorted samples, every %d iterations. "
                        + "Mode shares: fraction of generated samples within 1 of −4, 0, 4.",
                        c.eta(), c.every()))
                .problem(ProblemCase.of("GAN three Gaussians", this)
                        .withMetric("W1 final", (x, y) -> wasserstein(x))
                        .withMetric("share at -4", (x, y) -> modeShares(x)[0])
                        .withMetric("share at 0", (x, y) -> modeShares(x)[1])
                        .withMetric("share at 4", (x, y) -> modeShares(x)[2]))
                .contenders(contenders())
                .options(SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-8)
                        .divergenceBound(1e20).build())
                .warmUp(warmUp).interrupter(interrupter).progress(progress).build();
    }

    /** @return the W₁ curves of the last runs, by solver. */
    public Map<String, List<double[]>> curves() {
        return Map.copyOf(curves);
    }

    /** Runs the comparison and appends one note per run: W₁ at the start, its least value, at the end. */
    public ComparisonReport run(int iterations, boolean warmUp, Interrupter interrupter, Consumer<String> progress) {
        ComparisonReport r = comparison(iterations, warmUp, interrupter, progress).run();
        List<String> notes = new ArrayList<>(r.notes());
        double[] trueShares = shares(data);
        for (RunSummary s : r.runs()) {
            List<double[]> c = curves.get(s.solver());
            if (c == null) {
                continue;
            }
            double[] best = c.stream().min((a, b) -> Double.compare(a[1], b[1])).orElseThrow();
            double[] share = modeShares(s.x());
            int modes = 0;
            for (double v : share) {
                modes += v >= 0.1 ? 1 : 0;
            }
            notes.add(String.format(Locale.ROOT, "%s: W₁ %.4f at the start, least %.4f (iteration %d), %.4f at "
                    + "the end; shares within 1 of −4 / 0 / 4: %.2f / %.2f / %.2f (true samples %.2f / %.2f / "
                    + "%.2f): %d of the three modes reached (share >= 0.1), %.0f%% of the samples near a mode "
                    + "(true %.0f%%).", s.solver(), c.get(0)[1], best[1], (int) best[0], wasserstein(s.x()),
                    share[0], share[1], share[2], trueShares[0], trueShares[1], trueShares[2], modes,
                    100 * (share[0] + share[1] + share[2]), 100 * (trueShares[0] + trueShares[1] + trueShares[2])));
        }
        return new ComparisonReport(r.title(), notes, r.runs(), r.problems(), r.solvers(), r.interrupted());
    }

    /** Writes {@code gan-w1.png}: W₁ against iterations, one line per solver; returns the file. */
    public Path plot(Path dir, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title("Wasserstein-1 distance, generated vs true samples").xAxisTitle("iteration")
                .yAxisTitle("W1").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        for (var e : new java.util.TreeMap<>(curves).entrySet()) {
            List<double[]> c = e.getValue();
            double[] xs = c.stream().mapToDouble(a -> a[0]).toArray();
            double[] ys = c.stream().mapToDouble(a -> a[1]).toArray();
            chart.addSeries(e.getKey(), xs, ys).setMarker(SeriesMarkers.NONE);
        }
        Path file = dir.resolve("gan-w1.png");
        try {
            Files.createDirectories(dir);
            Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
