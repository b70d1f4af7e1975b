package org.tandemopt.core.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.store.R064Store;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * The shared catalogue of single-level reference problems with known minimisers, each with an exact gradient
 * and an exact Hessian-vector product. Every optimizer of {@code core.optim} is run on every problem by
 * {@link OptimizerCatalogueTest}.
 *
 * <ul>
 * <li>Rosenbrock, 2-D and extended ({@code d = 10}): {@code Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})²}, start
 *     {@code (−1.2, 1, …)}, minimum 0 at {@code (1, …, 1)} (Moré, Garbow, Hillstrom, ACM TOMS 7, 1981, #1/#21).</li>
 * <li>Beale: {@code Σ_{i=1..3} (c_i − x(1 − y^i))²}, {@code c = (1.5, 2.25, 2.625)}, start (1, 1), minimum 0 at
 *     (3, 0.5) (MGH #5).</li>
 * <li>Extended Powell singular ({@code d = 8}): blocks {@code (a+10b)² + 5(c−d)² + (b−2c)⁴ + 10(a−d)⁴}, start
 *     {@code (3, −1, 0, 1, …)}, minimum 0 at 0 (MGH #22). The Hessian at 0 is singular (rank 2 per block): along
 *     the null directions {@code J} grows like {@code ‖x‖⁴} and {@code ∇J} like {@code ‖x‖³}, so a gradient
 *     tolerance {@code ε} only locates the minimiser to about {@code ε^{1/3}}. The catalogue therefore asks for a
 *     tight value ({@code 1e-12}) but only {@code 1e-3} in the point: that is what the maths allows.</li>
 * <li>A random strongly convex quadratic {@code ½xᵀAx − bᵀx}, {@code d = 50}, {@code A = QΛQᵀ} with {@code Q} a
 *     product of 50 random Householder reflections and eigenvalues {@code 10^{3i/49}} (condition 1e3),
 *     seeded; its minimiser is the Cholesky solution of {@code Ax = b}, refined once. It is evaluated in the
 *     centred form {@code ½(x − x*)ᵀA(x − x*)} (minimum 0), see {@link #centredQuadratic}.</li>
 * <li>L2-regularised logistic regression on the breast-cancer data (569 × 30, standardised, intercept column
 *     appended): {@code (1/N) Σ log(1 + exp(−y_i x_iᵀw)) + (λ/2)‖w‖²}, {@code λ = 1e-2} on every weight
 *     including the intercept (so it is λ-strongly convex), {@code y_i = ±1} (benign = +1). Its minimiser is
 *     computed once by {@link Newton} to {@code ‖∇J‖ ≤ 1e-13} and cross-checked against L-BFGS in
 *     {@link ReferenceProblemsTest}.</li>
 * </ul>
 */
public final class ReferenceProblems {

    private ReferenceProblems() {
    }

    /**
     * A problem with its known answer and the accuracy the catalogue demands.
     *
     * @param name              short name used in test names
     * @param f                 the objective, with exact gradient and Hessian-vector product
     * @param start             the standard start (defensively copied by {@link #start()})
     * @param minimiser         the known minimiser
     * @param minimum           the known minimum
     * @param gradientTolerance the gradient-norm tolerance the runs stop at
     * @param pointTolerance    the demanded {@code ‖x − x*‖}
     * @param valueTolerance    the demanded {@code |J(x) − J*|}
     * @param lipschitz         a global Lipschitz constant of {@code ∇J}, NaN when there is none
     * @param strongConvexity   a global strong-convexity modulus, NaN when not strongly convex
     */
    public record Problem(String name, DifferentiableFunction f, double[] start, double[] minimiser, double minimum,
                          double gradientTolerance, double pointTolerance, double valueTolerance,
                          double lipschitz, double strongConvexity) {

        /** @return a fresh copy of the start. */
        @Override
        public double[] start() {
            return start.clone();
        }

        /** @return a fresh copy of the minimiser. */
        @Override
        public double[] minimiser() {
            return minimiser.clone();
        }

        /** @return whether global curvature bounds {@code μ ≤ ∇²J ≤ L} are known. */
        public boolean hasCurvatureBounds() {
            return Double.isFinite(lipschitz) && Double.isFinite(strongConvexity);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static volatile Problem logistic;

    /** @return every problem of the catalogue. */
    public static List<Problem> all() {
        return List.of(rosenbrock(2), rosenbrock(10), beale(), powellSingular(8), randomQuadratic(), logistic());
    }

    // ------------------------------------------------------------------------------------------ Rosenbrock

    /** The (extended) Rosenbrock function in even dimension {@code d}. */
    public static Problem rosenbrock(int d) {
        if (d < 2 || d % 2 != 0) {
            throw new IllegalArgumentException("d = " + d + ", expected an even number >= 2");
        }
        DifferentiableFunction f = new DifferentiableFunction() {
            @Override public int dimension() { return d; }

            @Override
            public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < d; i += 2) {
                    double a = x[i];
                    double r = x[i + 1] - a * a;
                    s += 100 * r * r + (1 - a) * (1 - a);
                }
                return s;
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double s = 0;
                for (int i = 0; i < d; i += 2) {
                    double a = x[i];
                    double r = x[i + 1] - a * a;
                    s += 100 * r * r + (1 - a) * (1 - a);
                    g[i] = -400 * a * r - 2 * (1 - a);
                    g[i + 1] = 200 * r;
                }
                return s;
            }

            @Override public boolean hasHessianVector() { return true; }

            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                for (int i = 0; i < d; i += 2) {
                    double a = x[i];
                    double b = x[i + 1];
                    double haa = 1200 * a * a - 400 * b + 2;
                    double hab = -400 * a;
                    out[i] = haa * v[i] + hab * v[i + 1];
                    out[i + 1] = hab * v[i] + 200 * v[i + 1];
                }
            }

            @Override public String toString() { return "Rosenbrock(" + d + ")"; }
        };
        double[] start = new double[d];
        double[] xStar = new double[d];
        for (int i = 0; i < d; i += 2) {
            start[i] = -1.2;
            start[i + 1] = 1;
            xStar[i] = 1;
            xStar[i + 1] = 1;
        }
        // smallest Hessian eigenvalue at the minimiser ≈ 0.3994: ‖g‖ ≤ 1e-10 puts x within ~3e-10 of x*
        return new Problem(d == 2 ? "rosenbrock-2" : "rosenbrock-" + d, f, start, xStar, 0, 1e-10, 1e-7, 1e-14,
                Double.NaN, Double.NaN);
    }

    // ------------------------------------------------------------------------------------------ Beale

    /** Beale's function. */
    public static Problem beale() {
        final double[] c = {1.5, 2.25, 2.625};
        DifferentiableFunction f = new DifferentiableFunction() {
            @Override public int dimension() { return 2; }

            @Override
            public double value(double[] z) {
                double x = z[0];
                double y = z[1];
                double s = 0;
                double yi = 1;
                for (int i = 1; i <= 3; i++) {
                    yi *= y;
                    double r = c[i - 1] - x + x * yi;
                    s += r * r;
                }
                return s;
            }

            @Override
            public double valueAndGradient(double[] z, double[] g) {
                double x = z[0];
                double y = z[1];
                double s = 0;
                double gx = 0;
                double gy = 0;
                double yPrev = 1;            // y^{i−1}
                for (int i = 1; i <= 3; i++) {
                    double yi = yPrev * y;
                    double r = c[i - 1] - x + x * yi;
                    s += r * r;
                    gx += 2 * r * (yi - 1);
                    gy += 2 * r * i * x * yPrev;
                    yPrev = yi;
                }
                g[0] = gx;
                g[1] = gy;
                return s;
            }

            @Override public boolean hasHessianVector() { return true; }

            @Override
            public void hessianVector(double[] z, double[] v, double[] out) {
                double x = z[0];
                double y = z[1];
                double hxx = 0;
                double hxy = 0;
                double hyy = 0;
                double yPrev2 = 0;           // y^{i−2} (unused for i = 1)
                double yPrev = 1;            // y^{i−1}
                for (int i = 1; i <= 3; i++) {
                    double yi = yPrev * y;
                    double r = c[i - 1] - x + x * yi;
                    double rx = yi - 1;
                    double ry = i * x * yPrev;
                    double rxy = i * yPrev;
                    double ryy = i == 1 ? 0 : i * (i - 1) * x * yPrev2;
                    hxx += 2 * rx * rx;
                    hxy += 2 * (rx * ry + r * rxy);
                    hyy += 2 * (ry * ry + r * ryy);
                    yPrev2 = yPrev;
                    yPrev = yi;
                }
                out[0] = hxx * v[0] + hxy * v[1];
                out[1] = hxy * v[0] + hyy * v[1];
            }

            @Override public String toString() { return "Beale"; }
        };
        return new Problem("beale", f, new double[] {1, 1}, new double[] {3, 0.5}, 0, 1e-10, 1e-7, 1e-14,
                Double.NaN, Double.NaN);
    }

    // ------------------------------------------------------------------------------------------ Powell

    /** The extended Powell singular function in dimension {@code d}, a multiple of 4. */
    public static Problem powellSingular(int d) {
        if (d < 4 || d % 4 != 0) {
            throw new IllegalArgumentException("d = " + d + ", expected a multiple of 4");
        }
        DifferentiableFunction f = new DifferentiableFunction() {
            @Override public int dimension() { return d; }

            @Override
            public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < d; i += 4) {
                    double t1 = x[i] + 10 * x[i + 1];
                    double t2 = x[i + 2] - x[i + 3];
                    double t3 = x[i + 1] - 2 * x[i + 2];
                    double t4 = x[i] - x[i + 3];
                    double t3c = t3 * t3 * t3;
                    double t4c = t4 * t4 * t4;
                    s += t1 * t1 + 5 * t2 * t2 + t3c * t3 + 10 * t4c * t4;
                }
                return s;
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double s = 0;
                for (int i = 0; i < d; i += 4) {
                    double t1 = x[i] + 10 * x[i + 1];
                    double t2 = x[i + 2] - x[i + 3];
                    double t3 = x[i + 1] - 2 * x[i + 2];
                    double t4 = x[i] - x[i + 3];
                    double t3c = t3 * t3 * t3;
                    double t4c = t4 * t4 * t4;
                    s += t1 * t1 + 5 * t2 * t2 + t3c * t3 + 10 * t4c * t4;
                    g[i] = 2 * t1 + 40 * t4c;
                    g[i + 1] = 20 * t1 + 4 * t3c;
                    g[i + 2] = 10 * t2 - 8 * t3c;
                    g[i + 3] = -10 * t2 - 40 * t4c;
                }
                return s;
            }

            @Override public boolean hasHessianVector() { return true; }

            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                for (int i = 0; i < d; i += 4) {
                    double t3 = x[i + 1] - 2 * x[i + 2];
                    double t4 = x[i] - x[i + 3];
                    double a = 12 * t3 * t3;
                    double b = 120 * t4 * t4;
                    double v1 = v[i];
                    double v2 = v[i + 1];
                    double v3 = v[i + 2];
                    double v4 = v[i + 3];
                    out[i] = (2 + b) * v1 + 20 * v2 - b * v4;
                    out[i + 1] = 20 * v1 + (200 + a) * v2 - 2 * a * v3;
                    out[i + 2] = -2 * a * v2 + (10 + 4 * a) * v3 - 10 * v4;
                    out[i + 3] = -b * v1 - 10 * v3 + (10 + b) * v4;
                }
            }

            @Override public String toString() { return "PowellSingular(" + d + ")"; }
        };
        double[] start = new double[d];
        for (int i = 0; i < d; i += 4) {
            start[i] = 3;
            start[i + 1] = -1;
            start[i + 2] = 0;
            start[i + 3] = 1;
        }
        // singular Hessian at 0: ‖∇J‖ ≤ 1e-10 leaves ‖x‖ up to ~1e-3 along the quartic directions (see class doc)
        return new Problem("powell-singular-" + d, f, start, new double[d], 0, 1e-10, 1e-3, 1e-12,
                Double.NaN, Double.NaN);
    }

    // ------------------------------------------------------------------------------------------ quadratic

    /** The seeded random quadratic: {@code d = 50}, condition 1e3, seed 20261122. */
    public static Problem randomQuadratic() {
        return randomQuadratic(50, 1e3, 20261122L);
    }

    /** A random quadratic {@code ½xᵀAx − bᵀx} with eigenvalues log-spaced in {@code [1, condition]}. */
    public static Problem randomQuadratic(int d, double condition, long seed) {
        QuadraticData q = quadraticData(d, condition, seed);
        DifferentiableFunction f = centredQuadratic(q.a(), q.xStar());
        return new Problem("quadratic-" + d, f, new double[d], q.xStar(), 0, 1e-10, 1e-7, 1e-14, condition, 1);
    }

    /** The data of a random quadratic: {@code A}, {@code b} and the solution {@code x*} of {@code Ax = b}. */
    record QuadraticData(double[][] a, double[] b, double[] xStar) {
    }

    static QuadraticData quadraticData(int d, double condition, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            a[i][i] = Math.pow(condition, i / (double) (d - 1));
        }
        double[] v = new double[d];
        double[] av = new double[d];
        for (int k = 0; k < d; k++) {
            // A ← H A H with H = I − 2vvᵀ/vᵀv: A − 2v(Av)ᵀ/vv − 2(Av)vᵀ/vv + 4 (vᵀAv) vvᵀ/vv²
            double vv = 0;
            for (int i = 0; i < d; i++) {
                v[i] = gaussian(rnd);
                vv += v[i] * v[i];
            }
            double vav = 0;
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += a[i][j] * v[j];
                }
                av[i] = s;
                vav += v[i] * s;
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i][j] += (-2 * v[i] * av[j] - 2 * av[i] * v[j]) / vv + 4 * vav * v[i] * v[j] / (vv * vv);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double s = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            b[i] = gaussian(rnd);
        }
        return new QuadraticData(a, b, solveSpd(a, b));
    }

    /**
     * {@code ½(x − x*)ᵀA(x − x*)}: the quadratic {@code ½xᵀAx − bᵀx} shifted by its minimum {@code −½bᵀx*}, in
     * the centred form whose values near {@code x*} are accurate to relative precision. In the expanded form
     * every value carries a rounding error of about {@code ε_mach |bᵀx| ≈ 1e-15}, and a line search that tests
     * sufficient decrease {@code t‖∇J‖²/2 ≈ 1e-3 ‖∇J‖²} cannot see progress once {@code ‖∇J‖ ≲ 1e-6}: measured,
     * gradient descent with Armijo then stalls at {@code ‖∇J‖ ≈ 6e-6}. Arrays are captured, not copied.
     */
    static DifferentiableFunction centredQuadratic(double[][] a, double[] xStar) {
        int d = xStar.length;
        return new DifferentiableFunction() {
            @Override public int dimension() { return d; }

            @Override
            public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    double ae = 0;
                    for (int j = 0; j < d; j++) {
                        ae += a[i][j] * (x[j] - xStar[j]);
                    }
                    s += 0.5 * (x[i] - xStar[i]) * ae;
                }
                return s;
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    double ae = 0;
                    for (int j = 0; j < d; j++) {
                        ae += a[i][j] * (x[j] - xStar[j]);
                    }
                    g[i] = ae;
                    s += 0.5 * (x[i] - xStar[i]) * ae;
                }
                return s;
            }

            @Override public boolean hasHessianVector() { return true; }

            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += a[i][j] * v[j];
                    }
                    out[i] = s;
                }
            }

            @Override public String toString() { return "Quadratic(" + d + ")"; }
        };
    }

    /** Solves {@code Ax = b} for symmetric positive definite {@code A} by Cholesky, with one refinement step. */
    static double[] solveSpd(double[][] a, double[] b) {
        int d = b.length;
        R064Store store = R064Store.FACTORY.make(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                store.set(i, j, a[i][j]);
            }
        }
        Cholesky<Double> chol = Cholesky.R064.make(d, d);
        if (!chol.decompose(store) || !chol.isSPD()) {
            throw new IllegalStateException("matrix is not positive definite");
        }
        double[] x = solveWith(chol, b);
        double[] residual = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int j = 0; j < d; j++) {
                s -= a[i][j] * x[j];
            }
            residual[i] = s;
        }
        double[] correction = solveWith(chol, residual);
        for (int i = 0; i < d; i++) {
            x[i] += correction[i];
        }
        return x;
    }

    private static double[] solveWith(Cholesky<Double> chol, double[] b) {
        R064Store rhs = R064Store.wrap(b.clone(), b.length);
        R064Store out = R064Store.FACTORY.make(b.length, 1);
        chol.getSolution(rhs, out);
        return out.data.clone();
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller from two uniforms in (0, 1]
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    // ------------------------------------------------------------------------------------------ logistic

    /** The regularisation weight of the logistic problem. */
    public static final double LOGISTIC_LAMBDA = 1e-2;

    /** L2-regularised logistic regression on the standardised breast-cancer data (cached). */
    public static Problem logistic() {
        Problem p = logistic;
        if (p == null) {
            synchronized (ReferenceProblems.class) {
                p = logistic;
                if (p == null) {
                    p = buildLogistic();
                    logistic = p;
                }
            }
        }
        return p;
    }

    /** @return the logistic objective alone (design matrix standardised, intercept appended). */
    public static DifferentiableFunction logisticObjective() {
        double[][] data = readBreastCancer();
        int rows = data.length;
        int features = data[0].length - 1;
        double[][] x = new double[rows][features + 1];
        double[] y = new double[rows];
        for (int j = 0; j < features; j++) {
            double mean = 0;
            for (double[] row : data) {
                mean += row[j];
            }
            mean /= rows;
            double var = 0;
            for (double[] row : data) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / rows);
            for (int i = 0; i < rows; i++) {
                x[i][j] = (data[i][j] - mean) / sd;
            }
        }
        for (int i = 0; i < rows; i++) {
            x[i][features] = 1;
            y[i] = data[i][features] == 1 ? 1 : -1;
        }
        return new Logistic(x, y, LOGISTIC_LAMBDA);
    }

    private static Problem buildLogistic() {
        Logistic f = (Logistic) logisticObjective();
        double lipschitz = f.lipschitzBound();
        // the reference minimiser: Newton to the rounding floor
        OptimizationResult r = Newton.defaults().minimize(f, new double[f.dimension()],
                SolveOptions.builder().maxIterations(100).gradientTolerance(1e-13).build());
        if (!r.termination().isConverged()) {
            throw new IllegalStateException("reference Newton solve failed: " + r);
        }
        return new Problem("logistic-breast-cancer", f, new double[f.dimension()], r.point(), r.value(), 1e-8,
                1e-6, 1e-12, lipschitz, LOGISTIC_LAMBDA);
    }

    static double[][] readBreastCancer() {
        try (InputStream in = ReferenceProblems.class.getResourceAsStream("/data/breast_cancer.csv")) {
            if (in == null) {
                throw new IllegalStateException("test resource /data/breast_cancer.csv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String[] header = reader.readLine().split(",");
            int rows = Integer.parseInt(header[0].trim());
            int features = Integer.parseInt(header[1].trim());
            List<double[]> out = new ArrayList<>(rows);
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                if (parts.length != features + 1) {
                    throw new IllegalStateException("row " + out.size() + " has " + parts.length + " fields");
                }
                double[] row = new double[features + 1];
                for (int j = 0; j <= features; j++) {
                    row[j] = Double.parseDouble(parts[j].trim());
                }
                out.add(row);
            }
            if (out.size() != rows) {
                throw new IllegalStateException("expected " + rows + " rows, read " + out.size());
            }
            return out.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code (1/N) Σ log(1 + exp(−y_i x_iᵀw)) + (λ/2)‖w‖²}, allocation-free. */
    static final class Logistic implements DifferentiableFunction {
        private final double[][] x;
        private final double[] y;
        private final double lambda;

        Logistic(double[][] x, double[] y, double lambda) {
            this.x = x;
            this.y = y;
            this.lambda = lambda;
        }

        int rows() { return x.length; }

        @Override public int dimension() { return x[0].length; }

        @Override
        public double value(double[] w) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += softplus(-y[i] * dot(x[i], w));
            }
            return s / x.length + 0.5 * lambda * dot(w, w);
        }

        @Override
        public double valueAndGradient(double[] w, double[] g) {
            int d = w.length;
            for (int j = 0; j < d; j++) {
                g[j] = 0;
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double z = -y[i] * dot(x[i], w);
                s += softplus(z);
                double coef = -y[i] * sigmoid(z);          // d/dm log(1 + exp(−y m)) = −y σ(−y m)
                double[] row = x[i];
                for (int j = 0; j < d; j++) {
                    g[j] += coef * row[j];
                }
            }
            double n = x.length;
            for (int j = 0; j < d; j++) {
                g[j] = g[j] / n + lambda * w[j];
            }
            return s / n + 0.5 * lambda * dot(w, w);
        }

        @Override public boolean hasHessianVector() { return true; }

        @Override
        public void hessianVector(double[] w, double[] v, double[] out) {
            int d = w.length;
            for (int j = 0; j < d; j++) {
                out[j] = 0;
            }
            for (int i = 0; i < x.length; i++) {
                double[] row = x[i];
                double p = sigmoid(dot(row, w));
                double coef = p * (1 - p) * dot(row, v);
                for (int j = 0; j < d; j++) {
                    out[j] += coef * row[j];
                }
            }
            double n = x.length;
            for (int j = 0; j < d; j++) {
                out[j] = out[j] / n + lambda * v[j];
            }
        }

        /** @return {@code λ_max(XᵀX)/(4N) + λ} by power iteration (60 steps, +1% margin): a bound on ‖∇²J‖. */
        double lipschitzBound() {
            int d = dimension();
            double[] v = new double[d];
            java.util.Arrays.fill(v, 1 / Math.sqrt(d));
            double[] xv = new double[x.length];
            double est = 0;
            for (int it = 0; it < 200; it++) {
                for (int i = 0; i < x.length; i++) {
                    xv[i] = dot(x[i], v);
                }
                double[] next = new double[d];
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < d; j++) {
                        next[j] += xv[i] * x[i][j];
                    }
                }
                double norm = Math.sqrt(dot(next, next));
                est = norm;
                for (int j = 0; j < d; j++) {
                    v[j] = next[j] / norm;
                }
            }
            return 1.01 * est / (4.0 * x.length) + lambda;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += a[j] * b[j];
            }
            return s;
        }

        private static double softplus(double z) {
            return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        }

        private static double sigmoid(double z) {
            if (z >= 0) {
                return 1 / (1 + Math.exp(-z));
            }
            double e = Math.exp(z);
            return e / (1 + e);
        }

        @Override public String toString() { return "LogisticRegression(breast-cancer, lambda=" + lambda + ")"; }
    }
}
