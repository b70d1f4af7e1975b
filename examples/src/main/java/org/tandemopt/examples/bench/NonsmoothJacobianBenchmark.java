package org.tandemopt.examples.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.bilevel.nonsmooth.ForwardBackward;
import org.tandemopt.bilevel.nonsmooth.LeastSquaresLoss;
import org.tandemopt.bilevel.nonsmooth.NonsmoothJacobian;
import org.tandemopt.bilevel.nonsmooth.ParametricElasticNet;
import org.tandemopt.bilevel.nonsmooth.SupportRestrictedJacobian;
import org.tandemopt.core.linalg.ConjugateGradient;
import org.tandemopt.core.linalg.LinearSolveResult;

/**
 * {@code dy*(λ)/dλ} of a 100 × 1000 Lasso whose solution has a support of about 4, three ways:
 * support-restricted implicit differentiation ({@code |S|} Hessian-vector products and an {@code |S| × |S|}
 * LU), conjugate gradient on the full 1000-dimensional system {@code (D ηH D + I − D) J = B}, and the
 * piggyback recursion through ISTA from the solution until the Jacobian is within 1e-10 (relative) of the
 * implicit one. The setup checks that the three agree to 1e-8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NonsmoothJacobianBenchmark {

    static final int ROWS = 100;
    static final int COLS = 1000;

    LeastSquaresLoss h;
    ParametricElasticNet lasso;
    double[] x;
    double[] y;
    double eta;
    int piggybackSteps;
    int support;
    double[] d;
    double[] rhs;
    InnerMap map;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(2024);
        double[][] a = new double[ROWS][COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                a[i][j] = gaussian(rnd) / Math.sqrt(ROWS);
            }
        }
        double[] truth = new double[COLS];
        truth[3] = 3;
        truth[100] = -2.5;
        truth[500] = 2;
        truth[900] = -3;
        double[] b = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double s = 0;
            for (int j = 0; j < COLS; j++) {
                s += a[i][j] * truth[j];
            }
            b[i] = s + 0.01 * gaussian(rnd);
        }
        h = LeastSquaresLoss.of(a, b, 1.0, 1);
        lasso = ParametricElasticNet.lasso();
        double lmax = 0;
        double[] g = new double[COLS];
        h.gradientY(new double[1], new double[COLS], g);
        for (double v : g) {
            lmax = Math.max(lmax, Math.abs(v));
        }
        x = new double[] {0.3 * lmax};
        // L = λ_max(AᵀA) by the power iteration
        double[] v = new double[COLS];
        double[] w = new double[COLS];
        java.util.Arrays.fill(v, 1.0);
        double l = 0;
        for (int it = 0; it < 2000; it++) {
            double nv = norm(v);
            for (int i = 0; i < COLS; i++) {
                v[i] /= nv;
            }
            h.hessianYY(x, v, v, w);
            double nw = norm(w);
            System.arraycopy(w, 0, v, 0, COLS);
            if (Math.abs(nw - l) <= 1e-13 * nw) {
                l = nw;
                break;
            }
            l = nw;
        }
        eta = 1.0 / l;
        map = ForwardBackward.ista(lasso, eta).bind(h);
        y = new double[COLS];
        double[] next = new double[COLS];
        for (int it = 0; it < 1_000_000; it++) {
            double r = map.step(x, y, next);
            double[] t = y;
            y = next;
            next = t;
            if (r < 1e-13) {
                break;
            }
        }
        NonsmoothJacobian j = restricted();
        if (!j.ok()) {
            throw new IllegalStateException("restricted Jacobian: " + j);
        }
        support = j.support().length;
        double[] ref = new double[COLS];
        for (int i = 0; i < COLS; i++) {
            ref[i] = j.jacobian(i, 0);
        }
        // the diagonal selection and right-hand side of the full system
        h.gradientY(x, y, g);
        double[] u = new double[COLS];
        for (int i = 0; i < COLS; i++) {
            u[i] = y[i] - eta * g[i];
        }
        d = new double[COLS];
        lasso.jacobianDiagonal(x, u, eta, d);
        rhs = new double[COLS];
        lasso.parameterJacobianVector(x, u, eta, new double[] {1.0}, rhs);
        double[] cg = fullSystemCg();
        piggybackSteps = 0;
        double[] jac = new double[COLS];
        double[] jn = new double[COLS];
        double[] s = y.clone();
        double[] dx = {1.0};
        double refNorm = norm(ref);
        while (piggybackSteps < 1_000_000) {
            map.jvp(x, s, jac, dx, jn);
            double[] t = jac;
            jac = jn;
            jn = t;
            piggybackSteps++;
            double e = 0;
            for (int i = 0; i < COLS; i++) {
                e += (jac[i] - ref[i]) * (jac[i] - ref[i]);
            }
            if (Math.sqrt(e) <= 1e-10 * refNorm) {
                break;
            }
        }
        for (int i = 0; i < COLS; i++) {
            if (Math.abs(cg[i] - ref[i]) > 1e-8 * refNorm || Math.abs(jac[i] - ref[i]) > 1e-8 * refNorm) {
                throw new IllegalStateException("the three Jacobians disagree at " + i);
            }
        }
        System.out.println("# Lasso 100 x 1000: support " + support + ", piggyback steps to 1e-10: " + piggybackSteps
                + ", sigmaMin " + j.sigmaMin());
    }

    NonsmoothJacobian restricted() {
        return SupportRestrictedJacobian.defaults().withStep(eta).compute(h, lasso, x, y);
    }

    double[] fullSystemCg() {
        double[] tmp = new double[COLS];
        double[] hv = new double[COLS];
        double[] sol = new double[COLS];
        LinearSolveResult r = ConjugateGradient.builder().relativeTolerance(1e-12).build().solve((vv, out) -> {
            for (int i = 0; i < COLS; i++) {
                tmp[i] = d[i] * vv[i];
            }
            h.hessianYY(x, y, tmp, hv);
            for (int i = 0; i < COLS; i++) {
                out[i] = d[i] * eta * hv[i] + (1 - d[i]) * vv[i];
            }
        }, rhs, sol);
        if (!r.status().toString().startsWith("CONVERGED")) {
            throw new IllegalStateException("CG: " + r);
        }
        return sol;
    }

    @Benchmark
    public NonsmoothJacobian supportRestrictedImplicit() {
        return restricted();
    }

    @Benchmark
    public double[] fullSystemConjugateGradient() {
        return fullSystemCg();
    }

    @Benchmark
    public double[] piggybackForwardBackward() {
        double[] jac = new double[COLS];
        double[] jn = new double[COLS];
        double[] s = y.clone();
        double[] next = new double[COLS];
        double[] dx = {1.0};
        for (int k = 0; k < piggybackSteps; k++) {
            map.jvp(x, s, jac, dx, jn);
            map.step(x, s, next);
            double[] t = s;
            s = next;
            next = t;
            t = jac;
            jac = jn;
            jn = t;
        }
        return jac;
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
