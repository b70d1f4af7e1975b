package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.tandemopt.core.autodiff.Fd.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * Reductions, structural operations and matrix products. Reductions {@code s(x)} are wrapped as
 * {@code F = tanh(s) + 0.3 s²} and checked against the hand-written chain rule
 * {@code ∇F = F'(s)∇s}, {@code ∇²F v = F''(s)(∇sᵀv)∇s + F'(s)∇²s v}; linear maps {@code L} (products with
 * constant matrices, slices, concatenation, reshapes, row broadcasts) are wrapped as
 * {@code F = Σ c ⊙ tanh(Lx)} and checked against {@code Lᵀ(c ⊙ tanh'(Lx))} and
 * {@code Lᵀ(c ⊙ tanh''(Lx) ⊙ Lv)} with {@code L} written out as an explicit matrix. Everything is also checked
 * against finite differences. Products of two variables are checked on all five parametric oracles.
 */
class VectorOperationsTest {

    static final int N = 12;
    static final int[] LABELS = {2, 0, 3};

    /** s(x) with its gradient and Hessian-vector product written by hand. */
    record Reduction(String name, UnaryOperator<Expr> op, java.util.function.Function<double[], Double> s,
            java.util.function.Function<double[], double[]> grad,
            java.util.function.BiFunction<double[], double[], double[]> hv, double shift) {
        @Override public String toString() { return name; }
    }

    static double[] softmaxRow(double[] x, int off, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            m = Math.max(m, x[off + j]);
        }
        double s = 0;
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = Math.exp(x[off + j] - m);
            s += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= s;
        }
        return p;
    }

    static double lse(double[] x, int off, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            m = Math.max(m, x[off + j]);
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += Math.exp(x[off + j] - m);
        }
        return m + Math.log(s);
    }

    /** Row-block softmax gradient {@code p_i − e_{y_i}} and Hessian product {@code p⊙v − p(pᵀv)}. */
    static double[] ceGrad(double[] x, int rows, int k, int[] labels) {
        double[] g = new double[x.length];
        for (int i = 0; i < rows; i++) {
            double[] p = softmaxRow(x, i * k, k);
            for (int j = 0; j < k; j++) {
                g[i * k + j] = p[j] - (labels != null && labels[i] == j ? 1 : 0);
            }
        }
        return g;
    }

    static double[] ceHv(double[] x, double[] v, int rows, int k) {
        double[] h = new double[x.length];
        for (int i = 0; i < rows; i++) {
            double[] p = softmaxRow(x, i * k, k);
            double pv = 0;
            for (int j = 0; j < k; j++) {
                pv += p[j] * v[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                h[i * k + j] = p[j] * (v[i * k + j] - pv);
            }
        }
        return h;
    }

    static List<Reduction> reductions() {
        double[] c = Fd.random(new SplittableRandom(5), N, -1, 1);
        List<Reduction> r = new ArrayList<>();
        r.add(new Reduction("sum", Expr::sum, x -> sum(x), x -> fill(1.0), (x, v) -> new double[N], 0));
        r.add(new Reduction("mean", Expr::mean, x -> sum(x) / N, x -> fill(1.0 / N), (x, v) -> new double[N], 0));
        r.add(new Reduction("squaredNorm", Expr::squaredNorm, x -> dot(x, x), x -> scale(2, x), (x, v) -> scale(2, v),
                0));
        r.add(new Reduction("dot(constant)", e -> e.dot(c), x -> dot(x, c), x -> c.clone(), (x, v) -> new double[N],
                0));
        r.add(new Reduction("dot(self)", e -> e.dot(e), x -> dot(x, x), x -> scale(2, x), (x, v) -> scale(2, v), 0));
        r.add(new Reduction("logSumExp", Expr::logSumExp, x -> lse(x, 0, N), x -> ceGrad(x, 1, N, null),
                (x, v) -> ceHv(x, v, 1, N), 0));
        r.add(new Reduction("logSumExp near 1000", e -> e.logSumExp().minus(1000), x -> lse(x, 0, N) - 1000,
                x -> ceGrad(x, 1, N, null), (x, v) -> ceHv(x, v, 1, N), 1000));
        r.add(new Reduction("softmaxCrossEntropy", e -> e.reshape(3, 4).softmaxCrossEntropy(LABELS), x -> {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += lse(x, 4 * i, 4) - x[4 * i + LABELS[i]];
            }
            return s;
        }, x -> ceGrad(x, 3, 4, LABELS), (x, v) -> ceHv(x, v, 3, 4), 0));
        return r;
    }

    static Stream<Arguments> reductionArguments() {
        return reductions().stream().flatMap(c -> Stream.of(31L, 32L, 33L).map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("reductionArguments")
    void reductionsMatchChainRuleAndFiniteDifferences(Reduction k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = Fd.random(rng, N, -1.5, 1.5);
        double[] xs = x.clone();
        for (int i = 0; i < N; i++) {
            xs[i] += k.shift;
        }
        double[] v = Fd.random(rng, N, -1, 1);
        AdFunction f = AutoDiff.function(N, e -> {
            Expr s = k.op.apply(e);
            return s.tanh().plus(s.square().times(0.3));
        });
        double s = k.s.apply(xs);
        double t = Math.tanh(s);
        double f1 = 1 - t * t + 0.6 * s;
        double f2 = -2 * t * (1 - t * t) + 0.6;
        double[] gs = k.grad.apply(xs);
        double[] hs = k.hv.apply(xs, v);
        double gv = dot(gs, v);
        double[] g = scale(f1, gs);
        double[] hv = new double[N];
        for (int i = 0; i < N; i++) {
            hv[i] = f2 * gv * gs[i] + f1 * hs[i];
        }
        double[] ag = new double[N];
        double[] ah = new double[N];
        assertClose(t + 0.3 * s * s, f.valueAndGradient(xs, ag), 1e-13, k + " value");
        assertClose(g, ag, 1e-12, k + " gradient vs chain rule");
        f.hessianVector(xs, v, ah);
        assertClose(hv, ah, 1e-12, k + " HVP vs chain rule");
        assertClose(Fd.gradient(f::value, xs), ag, 1e-8, k + " gradient vs FD");
        assertClose(Fd.directional((p, o) -> f.valueAndGradient(p, o), N, xs, v), ah, 1e-8, k + " HVP vs FD");
    }

    /** A linear map x ↦ Lx given as an Expr operation and as an explicit matrix. */
    record Linear(String name, UnaryOperator<Expr> op, double[][] l) {
        @Override public String toString() { return name; }
    }

    static double[][] matrix(SplittableRandom rng, int r, int c) {
        double[][] a = new double[r][];
        for (int i = 0; i < r; i++) {
            a[i] = Fd.random(rng, c, -1, 1);
        }
        return a;
    }

    static List<Linear> linears() {
        SplittableRandom rng = new SplittableRandom(77);
        List<Linear> r = new ArrayList<>();
        double[][] a = matrix(rng, 5, N);
        r.add(new Linear("premultiply A (5x12)", e -> e.premultiply(DenseMatrix.of(a)), a));
        double[][] b = matrix(rng, N, 4);
        r.add(new Linear("premultiplyTranspose A (12x4)", e -> e.premultiplyTranspose(DenseMatrix.of(b)),
                transpose(b)));
        double[][] sl = new double[4][N];
        for (int i = 0; i < 4; i++) {
            sl[i][3 + i] = 1;
        }
        r.add(new Linear("slice(3, 7)", e -> e.slice(3, 7), sl));
        double[][] gt = new double[1][N];
        gt[0][5] = 1;
        r.add(new Linear("get(5)", e -> e.get(5), gt));
        double[][] cc = new double[N + 2][N];
        cc[0][0] = 1;
        cc[1][1] = 1;
        for (int i = 0; i < N; i++) {
            cc[2 + i][i] = 1;
        }
        r.add(new Linear("concat(slice, x)", e -> e.slice(0, 2).concat(e), cc));
        // plusRow: (x as 4x3) + row x[0..3)
        double[][] pr = new double[N][N];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                pr[3 * i + j][3 * i + j] += 1;
                pr[3 * i + j][j] += 1;
            }
        }
        r.add(new Linear("plusRow", e -> e.reshape(4, 3).plusRow(e.slice(0, 3)), pr));
        // constant (5x6) times x as 6x2 -> 5x2
        double[][] m = matrix(rng, 5, 6);
        double[][] lm = new double[10][N];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 2; j++) {
                for (int l = 0; l < 6; l++) {
                    lm[2 * i + j][2 * l + j] = m[i][l];
                }
            }
        }
        r.add(new Linear("constant(5x6) matmul x(6x2)", e -> e.builder().constant(DenseMatrix.of(m))
                .matmul(e.reshape(6, 2)), lm));
        // constant (4x3)ᵀ times x as 4x3 -> 3x3
        double[][] q = matrix(rng, 4, 3);
        double[][] lq = new double[9][N];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int l = 0; l < 4; l++) {
                    lq[3 * i + j][3 * l + j] = q[l][i];
                }
            }
        }
        r.add(new Linear("constant(4x3)ᵀ transposeMatmul x(4x3)", e -> e.builder().constant(DenseMatrix.of(q))
                .transposeMatmul(e.reshape(4, 3)), lq));
        // x as 3x4 times constant 4x2 -> 3x2
        double[][] p = matrix(rng, 4, 2);
        double[][] lp = new double[6][N];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                for (int l = 0; l < 4; l++) {
                    lp[2 * i + j][4 * i + l] = p[l][j];
                }
            }
        }
        r.add(new Linear("x(3x4) matmul constant(4x2)", e -> e.reshape(3, 4).matmul(e.builder().constant(
                DenseMatrix.of(p))), lp));
        // x as 12x1, transposed, times constant 12x3 -> 1x3
        double[][] z = matrix(rng, N, 3);
        r.add(new Linear("x(12x1)ᵀ transposeMatmul constant(12x3)", e -> e.transposeMatmul(e.builder().constant(
                DenseMatrix.of(z))), transpose(z)));
        return r;
    }

    static Stream<Arguments> linearArguments() {
        return linears().stream().flatMap(c -> Stream.of(41L, 42L).map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("linearArguments")
    void linearMapsMatchExplicitMatrixAndFiniteDifferences(Linear k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = Fd.random(rng, N, -1, 1);
        double[] v = Fd.random(rng, N, -1, 1);
        int r = k.l.length;
        double[] c = Fd.random(rng, r, -1.5, 1.5);
        AdFunction f = AutoDiff.function(N, e -> k.op.apply(e).tanh().dot(c));
        double[] lx = apply(k.l, x);
        double[] lv = apply(k.l, v);
        double value = 0;
        double[] u1 = new double[r];
        double[] u2 = new double[r];
        for (int i = 0; i < r; i++) {
            double t = Math.tanh(lx[i]);
            value += c[i] * t;
            u1[i] = c[i] * (1 - t * t);
            u2[i] = c[i] * (-2 * t * (1 - t * t)) * lv[i];
        }
        double[] g = applyTranspose(k.l, u1);
        double[] hv = applyTranspose(k.l, u2);
        double[] ag = new double[N];
        double[] ah = new double[N];
        assertClose(value, f.valueAndGradient(x, ag), 1e-13, k + " value");
        assertClose(g, ag, 1e-12, k + " gradient");
        f.hessianVector(x, v, ah);
        assertClose(hv, ah, 1e-12, k + " HVP");
        assertClose(Fd.gradient(f::value, x), ag, 1e-8, k + " gradient vs FD");
        assertClose(Fd.directional((p, o) -> f.valueAndGradient(p, o), N, x, v), ah, 1e-8, k + " HVP vs FD");
    }

    static Stream<Arguments> productShapes() {
        return Stream.of(Arguments.of(4, 3, 1, false), Arguments.of(4, 3, 2, false), Arguments.of(5, 2, 3, false),
                Arguments.of(4, 3, 1, true), Arguments.of(3, 4, 2, true));
    }

    /** {@code h(A, B) = Σ C ⊙ op(A)B} is bilinear: every oracle has a closed form, and {@code H_BB = 0} exactly. */
    @ParameterizedTest(name = "r={0} p={1} k={2} transposed={3}")
    @MethodSource("productShapes")
    void productOfTwoVariablesHasExactBilinearOracles(int r, int p, int k, boolean transposed) {
        SplittableRandom rng = new SplittableRandom(50 + r * 7 + p * 3 + k);
        int aRows = transposed ? p : r;
        int aCols = transposed ? r : p;
        double[] a = Fd.random(rng, r * p, -1, 1);
        double[] b = Fd.random(rng, p * k, -1, 1);
        double[] c = Fd.random(rng, r * k, -1, 1);
        AdParametricFunction h = AutoDiff.parametric(r * p, p * k, (x, y) -> {
            Expr am = x.reshape(aRows, aCols);
            Expr bm = y.reshape(p, k);
            return (transposed ? am.transposeMatmul(bm) : am.matmul(bm)).dot(c);
        });
        // op(A)[i][l]
        java.util.function.IntBinaryOperator idx = (i, l) -> transposed ? l * r + i : i * p + l;
        double value = 0;
        double[] gb = new double[p * k];
        double[] ga = new double[r * p];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < p; l++) {
                    value += c[i * k + j] * a[idx.applyAsInt(i, l)] * b[l * k + j];
                    gb[l * k + j] += a[idx.applyAsInt(i, l)] * c[i * k + j];
                    ga[idx.applyAsInt(i, l)] += c[i * k + j] * b[l * k + j];
                }
            }
        }
        double[] u = Fd.random(rng, r * p, -1, 1);
        double[] w = Fd.random(rng, p * k, -1, 1);
        // cross: ∂_A ∇_B · U = op(U)ᵀ C ; crossTranspose: ∂_B ∇_A · W = gradient of Σ C ⊙ op(A)W wrt A
        double[] cross = new double[p * k];
        double[] crossT = new double[r * p];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < p; l++) {
                    cross[l * k + j] += u[idx.applyAsInt(i, l)] * c[i * k + j];
                    crossT[idx.applyAsInt(i, l)] += c[i * k + j] * w[l * k + j];
                }
            }
        }
        double[] o = new double[p * k];
        double[] ox = new double[r * p];
        assertClose(value, h.gradientY(a, b, o), 1e-13, "value");
        assertClose(gb, o, 1e-13, "gradient B");
        h.gradientX(a, b, ox);
        assertClose(ga, ox, 1e-13, "gradient A");
        h.hessianYY(a, b, w, o);
        assertArrayEquals(new double[p * k], o, 0.0, "H_BB of a bilinear function");
        h.cross(a, b, u, o);
        assertClose(cross, o, 1e-13, "cross");
        h.crossTranspose(a, b, w, ox);
        assertClose(crossT, ox, 1e-13, "crossTranspose");
    }

    /** The same products under a nonlinearity, {@code Σ C ⊙ tanh(op(A)B)}, against finite differences. */
    @ParameterizedTest(name = "r={0} p={1} k={2} transposed={3}")
    @MethodSource("productShapes")
    void productOfTwoVariablesUnderTanhMatchesFiniteDifferences(int r, int p, int k, boolean transposed) {
        SplittableRandom rng = new SplittableRandom(60 + r * 7 + p * 3 + k);
        int aRows = transposed ? p : r;
        int aCols = transposed ? r : p;
        double[] a = Fd.random(rng, r * p, -1, 1);
        double[] b = Fd.random(rng, p * k, -1, 1);
        double[] c = Fd.random(rng, r * k, -1, 1);
        AdParametricFunction h = AutoDiff.parametric(r * p, p * k, (x, y) -> {
            Expr am = x.reshape(aRows, aCols);
            Expr bm = y.reshape(p, k);
            return (transposed ? am.transposeMatmul(bm) : am.matmul(bm)).tanh().dot(c);
        });
        ParametricChecks.allOraclesAgainstFiniteDifferences(h, a, b, rng, 1e-8, "tanh(op(A)B)");
    }

    @Test
    void scalarInputBroadcastsAgainstVectors() {
        // h(t, w) = e^t ‖w‖² / 2 + t · Σ w  — the B3 shape of a scalar hyperparameter times a vector term
        AdParametricFunction h = AutoDiff.parametric(1, 3, (t, w) -> t.exp().times(w.squaredNorm()).times(0.5)
                .plus(t.times(w).sum()));
        SplittableRandom rng = new SplittableRandom(70);
        ParametricChecks.allOraclesAgainstFiniteDifferences(h, new double[] {0.3}, Fd.random(rng, 3, -1, 1), rng,
                1e-8, "scalar broadcast");
        double[] w = {0.5, -1, 2};
        double[] out = new double[1];
        double e = Math.exp(0.3);
        h.crossTranspose(new double[] {0.3}, w, new double[] {1, 1, 1}, out);
        // ∂_w ∂_t h · 1 = Σ_i (e^t w_i + 1)
        assertClose(e * 1.5 + 3, out[0], 1e-14, "crossTranspose");
    }

    static double[] apply(double[][] l, double[] x) {
        double[] r = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = dot(l[i], x);
        }
        return r;
    }

    static double[] applyTranspose(double[][] l, double[] y) {
        double[] r = new double[l[0].length];
        for (int i = 0; i < l.length; i++) {
            for (int j = 0; j < r.length; j++) {
                r[j] += l[i][j] * y[i];
            }
        }
        return r;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double sum(double[] x) {
        double s = 0;
        for (double d : x) {
            s += d;
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] fill(double v) {
        double[] r = new double[N];
        java.util.Arrays.fill(r, v);
        return r;
    }

    static double[] scale(double a, double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = a * x[i];
        }
        return r;
    }
}
