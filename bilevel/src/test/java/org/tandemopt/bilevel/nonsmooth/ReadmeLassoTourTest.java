package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.nonsmooth.ParametricElasticNet.Weighting;
import org.tandemopt.core.linalg.LinearSolvers;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/** The README's nonsmooth snippet, verbatim: AID tunes the Lasso strength on the diabetes data. */
class ReadmeLassoTourTest {

    @Test
    void theReadmeLassoSnippetReachesTheStationaryPointTheGridConfirms() {
        Diabetes data = Diabetes.load();
        double[][] trainX = data.train;
        double[] trainY = data.trainTarget;
        double[][] valX = data.validation;
        double[] valY = data.validationTarget;
        double lambdaMax = data.lambdaMax();
        // --- README nonsmooth: begin
        ParametricElasticNet lasso = ParametricElasticNet.of(Weighting.SHARED_LOG, 10, 0.0);   // r = e^{x_0} ‖y‖₁
        BilevelProblem problem = BilevelProblem.of(
                LeastSquaresLoss.of(valX, valY, 1.0 / valY.length, 1),       // f: validation loss
                LeastSquaresLoss.of(trainX, trainY, 1.0 / trainY.length, 1), // h: training loss
                new double[] {Math.log(0.1 * lambdaMax)}, new double[10]);
        BilevelResult r = ApproximateImplicitGradient.builder(LinearSolvers.cg())
                .inner(ForwardBackward.ista(lasso))                           // ISTA with step 1/L̂
                .estimator(NonsmoothImplicitDifferentiation.with(lasso))      // support-restricted implicit diff.
                .innerTolerance(1e-11).maxInnerSteps(100_000)
                .stepRule(new ConstantStep(100))
                .build()
                .solve(problem, SolveOptions.builder().maxIterations(200).gradientTolerance(1e-9).build());
        // --- README nonsmooth: end
        // the numbers DiabetesTuningTest establishes (and cross-checks with a 1001-point grid)
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(0.0035590, Math.exp(r.x()[0]), 1e-6);
        assertEquals(0.2516013908, r.value(), 1e-9);
    }
}
