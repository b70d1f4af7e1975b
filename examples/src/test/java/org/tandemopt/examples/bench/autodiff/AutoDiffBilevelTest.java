package org.tandemopt.examples.bench.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.ApproximateImplicitGradient;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.ConjugateGradient;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/**
 * The example of the {@code core.autodiff} package documentation, end to end: the B3 ridge bilevel problem of
 * REFERENCE-PROBLEMS.md with both levels defined once by AD and handed to a bilevel solver (approximate implicit
 * gradient, conjugate gradient on {@code H_yy v = ∇_y f} driven by AD Hessian-vector products), which must
 * reach the published optimum {@code t* = −6.1843600689}, {@code F* = 7.873027710718e−5}.
 */
class AutoDiffBilevelTest {

    static final int N = 40;
    static final int P = 8;
    static final int NV = 20;

    @Test
    void ridgeBilevelDefinedByAutoDiffReachesTheReferenceOptimum() {
        double[] a = new double[N * P];
        double[] xTrue = new double[P];
        for (int j = 0; j < P; j++) {
            xTrue[j] = (j % 2 == 0 ? 1.0 : -1.0) / (j + 1);
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                a[i * P + j] = Math.sin((i + 1.0) * (j + 1.0)) * Math.pow(0.6, j);
            }
        }
        DenseMatrix am = DenseMatrix.of(N, P, a);
        double[] b = new double[N];
        am.multiply(xTrue, b);
        for (int i = 0; i < N; i++) {
            b[i] += 0.3 * Math.cos(3.7 * (i + 1));
        }
        double[] v = new double[NV * P];
        for (int i = 0; i < NV; i++) {
            for (int j = 0; j < P; j++) {
                v[i * P + j] = Math.cos((i + 1.0) * (j + 2.0)) * Math.pow(0.6, j);
            }
        }
        DenseMatrix vm = DenseMatrix.of(NV, P, v);
        double[] c = new double[NV];
        vm.multiply(xTrue, c);

        // lower g(t, w) = ‖Aw − b‖²/80 + (e^t/2)‖w‖², upper f(w) = ‖Vw − c‖²/40, each defined once
        ParametricFunction lower = AutoDiff.parametric(1, P, (t, w) ->
                w.premultiply(am).minus(b).squaredNorm().div(2.0 * N)
                        .plus(t.exp().times(w.squaredNorm()).times(0.5)));
        ParametricFunction upper = AutoDiff.parametric(1, P, (t, w) ->
                w.premultiply(vm).minus(c).squaredNorm().div(2.0 * NV));

        BilevelProblem problem = BilevelProblem.of(upper, lower, new double[] {-4}, new double[P]);
        BilevelResult r = ApproximateImplicitGradient
                .builder(ConjugateGradient.builder().relativeTolerance(1e-13).maxIterations(100).build())
                .innerTolerance(1e-13).stepRule(new ConstantStep(1000)).build()
                .solve(problem, SolveOptions.builder().gradientTolerance(1e-12).maxIterations(5000).build());

        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(-6.1843600689, r.x()[0], 1e-6);
        assertEquals(7.873027710718e-5, r.value(), 1e-9 * 7.873027710718e-5);
        assertTrue(r.innerResidual() <= 1e-13, r.toString());
        assertTrue(r.secondOrderEvaluations() > 0, "the solver used the AD second-order oracles");
    }
}
