package org.tandemopt.examples;

import java.util.List;

import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.BarzilaiBorwein;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.HeavyBall;
import org.tandemopt.core.optim.INNA;
import org.tandemopt.core.optim.INNAprop;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.Nesterov;
import org.tandemopt.core.optim.Newton;
import org.tandemopt.core.optim.NewtonCG;
import org.tandemopt.core.optim.Optimizer;
import org.tandemopt.core.optim.ProximalGradient;
import org.tandemopt.core.optim.StepTunedSGD;

/** The optimizers the comparison runs, with display names. */
public final class OptimizerCatalog {

    /**
     * A named optimizer.
     *
     * @param name      what the table prints
     * @param optimizer the configured optimizer
     * @param converges whether it is expected to reach the gradient tolerance on a smooth strongly convex
     *                  problem within the comparison's budget (false for the learning-rate methods, whose fixed
     *                  steps are tuned for training, not for tight tolerances)
     */
    public record Entry(String name, Optimizer optimizer, boolean converges) {
    }

    private OptimizerCatalog() {
    }

    /**
     * @param lipschitz an upper bound {@code L} on the gradient's Lipschitz constant
     * @param strongConvexity a lower bound {@code μ > 0} on the curvature
     * @return every single-level optimizer, configured from {@code L} and {@code μ} where it needs constants
     */
    public static List<Entry> forSmoothProblems(double lipschitz, double strongConvexity) {
        return List.of(
                new Entry("gradient descent, Armijo with expansion 2 (Hölderian)", GradientDescent.defaults(), true),
                new Entry("gradient descent, monotone Armijo",
                        GradientDescent.withStepRule(ArmijoBacktracking.builder().expansion(1).build()), true),
                new Entry("gradient descent, Barzilai–Borwein", GradientDescent.withStepRule(BarzilaiBorwein.defaults()),
                        true),
                new Entry("heavy ball (Polyak tuning)", HeavyBall.forCurvature(lipschitz, strongConvexity), true),
                new Entry("Nesterov, step 1/L, restart", Nesterov.builder(1 / lipschitz).restart(true).build(), true),
                new Entry("FISTA, step 1/L, gradient restart", ProximalGradient.builder().accelerated(true)
                        .lipschitz(lipschitz).restart(ProximalGradient.Restart.GRADIENT).build(), true),
                new Entry("L-BFGS (m = 10, strong Wolfe)", LBFGS.defaults(), true),
                new Entry("Newton (Cholesky)", Newton.defaults(), true),
                new Entry("Newton-CG", NewtonCG.defaults(), true),
                new Entry("INNA (γ = 0.1)", INNA.defaults(), false),
                new Entry("INNAprop (lr = 1e-2, no weight decay)",
                        INNAprop.builder().learningRate(1e-2).weightDecay(0).build(), false),
                new Entry("step-tuned SGD (α = 0.1)", StepTunedSGD.defaults(), false));
    }
}
