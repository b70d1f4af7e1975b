package org.tandemopt.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.ProblemCase;
import org.tandemopt.examples.compare.SolverComparison;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.SaddleFunction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem gan}: two small GANs defined by automatic differentiation ({@code core.autodiff}). The default,
 * {@code --model mixture}, is {@link MixtureGan}: tanh-MLP generator and discriminator on a 1-D mixture of three
 * Gaussians, GDA, optimistic GDA and the ridge method, with the Wasserstein-1 distance to the data over training
 * (plotted in {@code gan-w1.png}). {@code --model moments} is the one-dimensional moment-matching game below,
 * kept because it has a known solution every min-max solver of the gallery reaches. Generator {@code G_θ(z) = θ₁ + θ₂ z},
 * quadratic critic {@code D_ψ(u) = ψ₁ u + ψ₂ u²}, data {@code d_i} (500 draws of N(2, 0.5²), seed 7), noise
 * {@code z_i} (500 draws of N(0, 1), seed 8):
 * <pre>
 *   L(θ, ψ) = mean_i D_ψ(d_i) − mean_i D_ψ(G_θ(z_i)) − (λ/2)‖ψ‖²,   λ = 1,   min over θ, max over ψ.
 * </pre>
 * Over the samples the means collapse to moments, {@code mean G = θ₁ + θ₂ z̄},
 * {@code mean G² = θ₁² + 2θ₁θ₂ z̄ + θ₂² \overline{z²}}, so {@code max_ψ L = (Δ₁² + Δ₂²)/(2λ)} with {@code Δ} the
 * moment gaps: the generator wins when its first two sample moments equal the data's, at
 * {@code θ₂* = sd(d)/sd(z)}, {@code θ₁* = d̄ − θ₂* z̄}, {@code ψ* = 0} (the positive root; the start
 * {@code θ = (0, 1)} lies on its side). Goodfellow et al., "Generative adversarial nets", NeurIPS 2014; the
 * linear-quadratic game as in Daskalakis et al., "Training GANs with optimism", ICLR 2018.
 */
@Command(name = "gan", mixinStandardHelpOptions = true,
        description = "A small GAN defined by automatic differentiation. --model mixture (default): tanh-MLP "
                + "generator and discriminator on a 1-D mixture of three Gaussians, trained by GDA, optimistic GDA "
                + "and the ridge method, with the Wasserstein-1 distance to the data over training. --model "
                + "moments: the moment-matching game (affine generator, quadratic critic) with every min-max solver.")
public final class GanGallery implements Callable<Integer> {

    /** The two GAN models. */
    enum Model { mixture, moments }

    @Option(names = "--model", defaultValue = "mixture",
            description = "mixture or moments (default ${DEFAULT-VALUE})")
    Model model;

    @Option(names = "--out", defaultValue = "target/tandem-gan", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--iterations",
            description = "iterations per solver (default 3000 for mixture, 20000 for moments)")
    Integer iterations;

    @Option(names = "--step", defaultValue = "0.05",
            description = "constant step of GDA, EG, OGDA (default ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--lambda", defaultValue = "0.01",
            description = "mixture: L2 weight on the discriminator (default ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--hidden", defaultValue = "8",
            description = "mixture: hidden tanh units of generator and discriminator (default ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--samples", defaultValue = "300",
            description = "mixture: true and noise samples (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--every", defaultValue = "20",
            description = "mixture: iterations between two W1 measurements (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--plot-size", defaultValue = "800x500", description = "PNG size WxH (default ${DEFAULT-VALUE})")
    String plotSize;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public GanGallery() {
    }

    /** @return the game, started at θ = (0, 1), ψ = 0, with its known solution. */
    public static MinMaxProblem problem() {
        Random data = new Random(7);
        Random noise = new Random(8);
        int n = 500;
        double m1 = 0;
        double m2 = 0;
        double z1 = 0;
        double z2 = 0;
        for (int i = 0; i < n; i++) {
            double d = 2 + 0.5 * data.nextGaussian();
            double z = noise.nextGaussian();
            m1 += d / n;
            m2 += d * d / n;
            z1 += z / n;
            z2 += z * z / n;
        }
        final double dm1 = m1;
        final double dm2 = m2;
        final double zm1 = z1;
        final double zm2 = z2;
        ParametricFunction l = AutoDiff.parametric(2, 2, (theta, psi) -> {
            var t1 = theta.get(0);
            var t2 = theta.get(1);
            var meanG = t1.plus(t2.times(zm1));
            var meanG2 = t1.square().plus(t1.times(t2).times(2 * zm1)).plus(t2.square().times(zm2));
            var gap1 = meanG.times(-1).plus(dm1);
            var gap2 = meanG2.times(-1).plus(dm2);
            return psi.get(0).times(gap1).plus(psi.get(1).times(gap2)).minus(psi.squaredNorm().times(0.5));
        });
        double theta2 = Math.sqrt((dm2 - dm1 * dm1) / (zm2 - zm1 * zm1));
        double theta1 = dm1 - theta2 * zm1;
        return MinMaxProblem.builder(SaddleFunction.of(l)).start(new double[] {0, 1}, new double[] {0, 0})
                .knownSolution(new double[] {theta1, theta2}, new double[] {0, 0}).build();
    }

    /** @return the comparison: the gallery's solvers on the GAN game. */
    public static SolverComparison<MinMaxGallery.Game> comparison(int iterations, double step, boolean warmUp,
                                                                  Interrupter interrupter,
                                                                  java.util.function.Consumer<String> progress) {
        MinMaxProblem p = problem();
        double[] xs = p.solutionX();
        return SolverComparison.<MinMaxGallery.Game>builder()
                .title("A one-dimensional GAN with a quadratic critic")
                .note(String.format(Locale.ROOT, "Data N(2, 0.5²) and noise N(0, 1), 500 draws each; generator "
                        + "θ₁ + θ₂z, critic ψ₁u + ψ₂u², λ = 1; known solution θ* = (%.10f, %.10f), ψ* = 0; start "
                        + "θ = (0, 1), ψ = 0. Oracles by automatic differentiation.", xs[0], xs[1]))
                .note("Constant step " + step + " for GDA, extragradient and optimistic GDA; the ridge method "
                        + "backtracks. Stop when the θ-gradient norm <= 1e-8.")
                .problem(ProblemCase.of("GAN 1-D", new MinMaxGallery.Game(p, step, true)))
                .contenders(MinMaxGallery.contenders())
                .options(SolveOptions.builder().maxIterations(iterations).gradientTolerance(1e-8)
                        .divergenceBound(1e20).build())
                .warmUp(warmUp).interrupter(interrupter).progress(progress).build();
    }

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] size = BilevelCompare.parseSize(spec, plotSize);
        int n = iterations != null ? iterations : model == Model.mixture ? 3000 : 20000;
        Cli.require(spec, n >= 1, "--iterations", n, "an integer >= 1");
        Cli.require(spec, Cli.positive(step), "--step", step, "a finite number > 0");
        Cli.require(spec, Cli.nonNegative(lambda), "--lambda", lambda, "a finite number >= 0");
        Cli.require(spec, hidden >= 1, "--hidden", hidden, "an integer >= 1");
        Cli.require(spec, samples >= 2, "--samples", samples, "an integer >= 2");
        Cli.require(spec, every >= 1, "--every", every, "an integer >= 1");
        try (Cli.Guard guard = new Cli.Guard()) {
            Consumer<String> progress = line -> {
                err.println(line);
                err.flush();
            };
            ComparisonReport report;
            if (model == Model.mixture) {
                MixtureGan gan = new MixtureGan(new MixtureGan.Config(samples, hidden, lambda, step, every));
                report = gan.run(n, true, guard.interrupter, progress);
                Cli.publish(report, out, size[0], size[1], pw);
                pw.println("Wrote " + gan.plot(out, size[0], size[1]).getFileName() + " (W1 against iterations).");
                pw.flush();
            } else {
                report = comparison(n, step, true, guard.interrupter, progress).run();
                Cli.publish(report, out, size[0], size[1], pw);
            }
            return report.interrupted() ? 130 : 0;
        }
    }
}
