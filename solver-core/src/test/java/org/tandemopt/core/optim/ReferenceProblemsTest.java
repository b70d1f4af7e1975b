package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.R064Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.ReferenceProblems.Problem;

/** The catalogue itself: oracles against finite differences, the known answers, the data. */
class ReferenceProblemsTest {

    static Stream<Problem> problems() {
        return ReferenceProblems.all().stream();
    }

    /** Central differences of the value (gradient) and of the gradient (HVP), at three seeded points. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void gradientAndHessianVectorMatchCentralDifferences(Problem p) {
        DifferentiableFunction f = p.f();
        int d = f.dimension();
        SplittableRandom rnd = new SplittableRandom(7);
        double[] g = new double[d];
        double[] gp = new double[d];
        double[] gm = new double[d];
        double[] hv = new double[d];
        for (int trial = 0; trial < 3; trial++) {
            double[] x = p.start();
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] += 0.3 * (rnd.nextDouble() - 0.5);
                v[i] = rnd.nextDouble() - 0.5;
            }
            double value = f.valueAndGradient(x, g);
            assertEquals(f.value(x), value, 0.0, "valueAndGradient and value agree exactly");
            double h = 1e-5;
            double[] xp = x.clone();
            double[] xm = x.clone();
            for (int i = 0; i < d; i++) {
                xp[i] += h * v[i];
                xm[i] -= h * v[i];
            }
            double directional = (f.value(xp) - f.value(xm)) / (2 * h);
            double scale = Math.max(1, Math.abs(value));
            assertEquals(directional, Vectors.dot(g, v), 1e-7 * scale, p + " gradient");
            f.valueAndGradient(xp, gp);
            f.valueAndGradient(xm, gm);
            f.hessianVector(x, v, hv);
            double hScale = Math.max(1, Vectors.norm2(hv));
            for (int i = 0; i < d; i++) {
                assertEquals((gp[i] - gm[i]) / (2 * h), hv[i], 1e-6 * hScale, p + " HVP component " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void theKnownMinimiserIsStationaryWithTheKnownValue(Problem p) {
        double[] g = new double[p.f().dimension()];
        double value = p.f().valueAndGradient(p.minimiser(), g);
        assertEquals(p.minimum(), value, 1e-15);
        assertTrue(Vectors.norm2(g) <= 1e-12, p + ": |g(x*)| = " + Vectors.norm2(g));
    }

    @Test
    void classicalStartingValues() {
        // Moré–Garbow–Hillstrom: J(x0) = 24.2 (Rosenbrock), 14.203125 (Beale), 215 (Powell, per block)
        assertEquals(24.2, ReferenceProblems.rosenbrock(2).f().value(new double[] {-1.2, 1}), 1e-12);
        assertEquals(5 * 24.2, value(ReferenceProblems.rosenbrock(10)), 1e-11);
        assertEquals(14.203125, value(ReferenceProblems.beale()), 1e-13);
        assertEquals(2 * 215, value(ReferenceProblems.powellSingular(8)), 1e-12);
    }

    private static double value(Problem p) {
        return p.f().value(p.start());
    }

    @Test
    void theRandomQuadraticHasConditionOneThousandAndSolvesItsSystem() {
        ReferenceProblems.QuadraticData q = ReferenceProblems.quadraticData(50, 1e3, 20261122L);
        double[][] a = q.a();
        // Ax* = b to rounding
        double worst = 0;
        for (int i = 0; i < 50; i++) {
            double s = -q.b()[i];
            for (int j = 0; j < 50; j++) {
                s += a[i][j] * q.xStar()[j];
            }
            worst = Math.max(worst, Math.abs(s));
        }
        assertTrue(worst <= 1e-12, "residual " + worst);
        // every eigenvalue 10^{3i/49}, in particular the extremes 1 and 1000 (ojAlgo's symmetric eigensolver)
        R064Store store = R064Store.FACTORY.make(50, 50);
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                store.set(i, j, a[i][j]);
            }
        }
        Eigenvalue<Double> eig = Eigenvalue.R064.make(store, true);
        assertTrue(eig.decompose(store));
        double[] lambda = new double[50];
        for (int i = 0; i < 50; i++) {
            lambda[i] = eig.getD().doubleValue(i, i);
        }
        java.util.Arrays.sort(lambda);
        for (int i = 0; i < 50; i++) {
            assertEquals(Math.pow(1e3, i / 49.0), lambda[i], 1e-11 * 1e3, "eigenvalue " + i);
        }
        // the same seed gives the same problem
        assertEquals(q.xStar()[17], ReferenceProblems.quadraticData(50, 1e3, 20261122L).xStar()[17], 0.0);
    }

    @Test
    void theBreastCancerDataIsComplete() {
        double[][] data = ReferenceProblems.readBreastCancer();
        assertEquals(569, data.length);
        assertEquals(31, data[0].length);
        int benign = 0;
        for (double[] row : data) {
            benign += row[30] == 1 ? 1 : 0;
        }
        assertEquals(357, benign);
        assertEquals(17.99, data[0][0], 0.0);
    }

    /**
     * The logistic reference minimiser (Newton to 1e-13) agrees with an independent L-BFGS solve, and its
     * optimality is checked through the exact gradient.
     */
    @Test
    void theLogisticReferenceIsConfirmedByLbfgs() {
        Problem p = ReferenceProblems.logistic();
        OptimizationResult lbfgs = LBFGS.builder().memory(20).build().minimize(p.f(), p.start(),
                SolveOptions.builder().maxIterations(5000).gradientTolerance(1e-9).build());
        assertEquals(Termination.CONVERGED_GRADIENT, lbfgs.termination(), lbfgs.toString());
        // strong convexity λ = 1e-2: ‖x − x*‖ ≤ ‖∇J(x)‖/λ ≤ 1e-7
        assertTrue(Vectors.distance(lbfgs.point(), p.minimiser()) <= 1e-7,
                "distance " + Vectors.distance(lbfgs.point(), p.minimiser()));
        assertEquals(p.minimum(), lbfgs.value(), 1e-14);
        double[] g = new double[p.f().dimension()];
        p.f().valueAndGradient(p.minimiser(), g);
        assertTrue(Vectors.norm2(g) <= 1e-13, "|g(x*)| = " + Vectors.norm2(g));
        // the intercept is positive: 357 of 569 tumours are benign (+1)
        assertTrue(p.minimiser()[30] > 0);
    }
}
