package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.bilevel.problems.RidgeHyperparameters;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linalg.LinearSolver;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.prox.Projection;

/** The README tour (docs/BILEVEL.md): per-feature ridge regularization tuned by SSMS, estimator swapped in one line. */
class TourTest {

    // B3 data: training (A, b), validation (V, c)
    static final double[][] A = new double[40][8];
    static final double[] B = new double[40];
    static final double[][] V = new double[20][8];
    static final double[] C = new double[20];

    static {
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 8; j++) {
                A[i][j] = Math.sin((i + 1.0) * (j + 1.0)) * Math.pow(0.6, j);
                B[i] += A[i][j] * (j % 2 == 0 ? 1.0 : -1.0) / (j + 1);
            }
            B[i] += 0.3 * Math.cos(3.7 * (i + 1));
        }
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 8; j++) {
                V[i][j] = Math.cos((i + 1.0) * (j + 2.0)) * Math.pow(0.6, j);
                C[i] += V[i][j] * (j % 2 == 0 ? 1.0 : -1.0) / (j + 1);
            }
        }
    }

    static BilevelResult tour(HypergradientEstimator estimator) {
        // --- README tour: begin
        BilevelProblem problem = RidgeHyperparameters
                .perFeature(DenseMatrix.of(A), B, DenseMatrix.of(V), C)   // training and validation data
                .problem(new double[8]);                                   // x_j = log λ_j, start at λ_j = 1
        BilevelSolver ssms = SingleStepMultiStep.builder()
                .innerSteps(20)                                            // warm-started gradient steps
                .estimator(estimator)                                      // swap the estimator here
                .stepRule(new ConstantStep(200))
                .build();
        BilevelResult result = ssms.solve(problem,
                SolveOptions.builder().maxIterations(3000).gradientTolerance(1e-9).build());
        // --- README tour: end
        return result;
    }

    /** The exact hypergradient at x (Newton inner solve, dense implicit differentiation). */
    static Hypergradient exact(double[] x) {
        BilevelProblem p = RidgeHyperparameters.perFeature(DenseMatrix.of(A), B, DenseMatrix.of(V), C).problem(x);
        return ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(p, NewtonStep.of(TestSolvers.ldlt()), x,
                new double[8], InnerSchedule.steps(3));
    }

    @Test
    void tourWithTheDefaultAndWithImplicitDifferentiation() {
        LinearSolver solver = TestSolvers.coreCg(1e-12, 100);
        BilevelResult forward = tour(ForwardDifferentiation.create().withWarmStart(true));
        BilevelResult implicit = tour(ImplicitDifferentiation.with(solver));
        double phi0 = exact(new double[8]).value();
        double g0 = exact(new double[8]).norm();
        for (BilevelResult r : new BilevelResult[] {forward, implicit}) {
            // some λ_j run off towards 0 (x_j → −∞), so the budget ends the run: a limit, not a failure
            assertEquals(Termination.MAX_ITERATIONS, r.termination(), r.toString());
            Hypergradient h = exact(r.x());
            // per-feature regularization does better than the best shared one (F* of B3) ...
            assertTrue(h.value() < 7.873027710718e-5, "φ = " + h.value());
            assertTrue(h.value() < 0.05 * phi0, "φ = " + h.value() + ", φ(0) = " + phi0);
            assertTrue(h.norm() < 1e-2 * g0, "exact ‖∇φ‖ = " + h.norm() + ", at start " + g0);
            // ... and the reported value is the exact one up to the lag of the warm-started inner state
            assertEquals(h.value(), r.value(), 1e-4 * h.value());
        }
        // both estimators are unbiased at the fixed point: the two runs end at the same value
        assertEquals(exact(forward.x()).value(), exact(implicit.x()).value(), 1e-4 * exact(forward.x()).value());
    }

    /** The README's "long runs" snippet: periodic checkpoints, a crash, and a resume that loses nothing. */
    @Test
    void longRunsResumeAfterACrashAsIfNothingHappened(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        BilevelProblem problem = RidgeHyperparameters.perFeature(DenseMatrix.of(A), B, DenseMatrix.of(V), C)
                .problem(new double[8]);
        BilevelSolver ssms = SingleStepMultiStep.builder().innerSteps(20).stepRule(new ConstantStep(200)).build();
        java.nio.file.Path file = dir.resolve("ssms.ckpt");
        BilevelResult whole = ssms.solve(problem,
                SolveOptions.builder().maxIterations(3000).gradientTolerance(1e-9).trace(true).build());
        // the crash: a listener throwing at iteration 1234 stands for the JVM dying there
        RuntimeException crash = new IllegalStateException("power cut");
        SolveOptions dying = SolveOptions.builder().maxIterations(3000).gradientTolerance(1e-9).trace(true)
                .checkpointEvery(100, file).listener(r -> {
                    if (r.iteration() == 1234) {
                        throw crash;
                    }
                    return org.tandemopt.core.monitor.IterationListener.Decision.CONTINUE;
                }).build();
        assertSame(crash, assertThrows(IllegalStateException.class, () -> ssms.solve(problem, dying)));
        // --- README long runs: begin
        SolveOptions options = SolveOptions.builder().maxIterations(3000).gradientTolerance(1e-9)
                .trace(true).checkpointEvery(100, file)    // state and trace to a file every 100 iterations
                .build();
        // ssms.solve(problem, options) ... the JVM dies at iteration 1234; later, in a new JVM, the same
        // solver configuration and problem continue from the last file written (iteration 1200):
        BilevelResult done = ssms.resume(problem, Checkpoint.read(file), options);
        // --- README long runs: end
        assertEquals(1200, done.trace().get(1200).iteration());
        org.tandemopt.bilevel.robustness.ResumeEqualityTest.assertSame(whole, done, "tour resume");
        assertEquals(3000, done.iterations());
    }

    /** Box [lo, hi]ⁿ as a projection (test-local). */
    static Projection box(double lo, double hi) {
        return new Projection() {
            @Override public int dimension() { return -1; }
            @Override public void project(double[] v, double[] out) {
                for (int i = 0; i < v.length; i++) {
                    out[i] = Math.min(hi, Math.max(lo, v[i]));
                }
            }
            @Override public boolean contains(double[] u, double tol) {
                for (double v : u) {
                    if (v < lo - tol || v > hi + tol) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    @Test
    void boxConstrainedTuningReachesAKktPoint() {
        RidgeHyperparameters r = RidgeHyperparameters.perFeature(DenseMatrix.of(A), B, DenseMatrix.of(V), C);
        BilevelProblem problem = BilevelProblem.builder(r.upper(), r.lower()).feasibleSet(box(-8, 2))
                .start(new double[8], new double[8]).build();
        BilevelResult res = SingleStepMultiStep.builder().innerSteps(20)
                .estimator(ImplicitDifferentiation.with(TestSolvers.coreCg(1e-13, 100))).stepRule(new ConstantStep(200))
                .build().solve(problem, SolveOptions.builder().maxIterations(5000).gradientTolerance(1e-10)
                        .trace(true).build());
        // the free coordinates converge slowly (φ is ill-conditioned in log λ): the budget ends the run
        assertEquals(Termination.MAX_ITERATIONS, res.termination(), res.toString());
        double first = res.trace().get(0).gradientNorm();
        double last = res.trace().last().gradientNorm();
        assertTrue(last < 1e-3 * first, "projected-gradient mapping " + first + " -> " + last);
        double[] x = res.x();
        Hypergradient h = exact(x);
        // KKT for a box: zero derivative inside, derivative of the right sign at an active bound
        int active = 0;
        for (int j = 0; j < 8; j++) {
            assertTrue(x[j] >= -8 && x[j] <= 2);
            if (x[j] == -8) {
                active++;
                assertTrue(h.gradient(j) > 0, "at the lower bound φ must increase inwards: " + h.gradient(j));
            } else if (x[j] == 2) {
                active++;
                assertTrue(h.gradient(j) < 0, "at the upper bound: " + h.gradient(j));
            } else {
                assertEquals(0, h.gradient(j), 1e-3 * first, "free coordinate " + j);
            }
        }
        assertTrue(active >= 1, "some λ_j hit the box: " + java.util.Arrays.toString(x));
    }

    @Test
    void sharedRidgeIsB3() {
        BilevelProblem p = RidgeHyperparameters.shared(DenseMatrix.of(A), B, DenseMatrix.of(V), C)
                .problem(new double[] {-4});
        Hypergradient h = ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(p, NewtonStep.of(TestSolvers.ldlt()),
                new double[] {-4}, new double[8], InnerSchedule.steps(3));
        assertEquals(6.604411700764e-4, h.value(), 1e-9 * 6.604411700764e-4);
        assertEquals(1.027871148890e-3, h.gradient(0), 1e-9 * 1.027871148890e-3);
    }
}
