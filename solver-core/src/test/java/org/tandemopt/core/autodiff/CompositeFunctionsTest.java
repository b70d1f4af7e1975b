package org.tandemopt.core.autodiff;

import static org.tandemopt.core.autodiff.Fd.assertClose;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * Composite losses used by bilevel and min-max problems, each against derivatives written by hand (second
 * derivatives by Pearlmutter's R-operator applied to the hand-written gradient) to 1e-12 relative, and against
 * finite differences to 1e-8 relative, at seeded random points.
 */
class CompositeFunctionsTest {

    static double[][] gaussianMatrix(SplittableRandom rng, int r, int c) {
        double[][] a = new double[r][];
        for (int i = 0; i < r; i++) {
            a[i] = Fd.random(rng, c, -1, 1);
        }
        return a;
    }

    static double sig(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    /**
     * Logistic regression with one regularization weight per feature, the lower level of a hyperparameter problem:
     * {@code g(λ, w) = (1/N) Σ_i log(1 + exp(−t_i x_iᵀw)) + ½ Σ_j e^{λ_j} w_j²}.
     */
    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103})
    void logisticLossWithPerFeatureRegularization(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nSamples = 30;
        int p = 5;
        double[][] x = gaussianMatrix(rng, nSamples, p);
        double[] minusT = new double[nSamples];
        for (int i = 0; i < nSamples; i++) {
            minusT[i] = rng.nextBoolean() ? 1 : -1;
        }
        DenseMatrix xm = DenseMatrix.of(x);
        AdParametricFunction g = AutoDiff.parametric(p, p, (lambda, w) -> w.premultiply(xm).times(minusT)
                .softplus().mean().plus(lambda.exp().times(w.square()).sum().times(0.5)));
        double[] lambda = Fd.random(rng, p, -2, 1);
        double[] w = Fd.random(rng, p, -2, 2);
        double[] v = Fd.random(rng, p, -1, 1);
        double[] u = Fd.random(rng, p, -1, 1);

        double value = 0;
        double[] gw = new double[p];
        double[] gl = new double[p];
        double[] hv = new double[p];
        double[] s = new double[nSamples];
        for (int i = 0; i < nSamples; i++) {
            double m = 0;
            double xv = 0;
            for (int j = 0; j < p; j++) {
                m += x[i][j] * w[j];
                xv += x[i][j] * v[j];
            }
            m *= minusT[i];
            value += Math.log1p(Math.exp(m)) / nSamples;
            s[i] = sig(m);
            for (int j = 0; j < p; j++) {
                gw[j] += minusT[i] * s[i] * x[i][j] / nSamples;
                hv[j] += s[i] * (1 - s[i]) * xv * x[i][j] / nSamples;
            }
        }
        double[] cross = new double[p];
        double[] crossT = new double[p];
        for (int j = 0; j < p; j++) {
            double e = Math.exp(lambda[j]);
            value += 0.5 * e * w[j] * w[j];
            gw[j] += e * w[j];
            gl[j] = 0.5 * e * w[j] * w[j];
            hv[j] += e * v[j];
            cross[j] = e * w[j] * u[j];     // ∂_λ ∇_w g · u
            crossT[j] = e * w[j] * v[j];    // ∂_w ∇_λ g · v
        }
        double[] o = new double[p];
        assertClose(value, g.gradientY(lambda, w, o), 1e-13, "value");
        assertClose(gw, o, 1e-12, "∇_w g");
        g.gradientX(lambda, w, o);
        assertClose(gl, o, 1e-12, "∇_λ g");
        g.hessianYY(lambda, w, v, o);
        assertClose(hv, o, 1e-12, "H_ww v");
        g.cross(lambda, w, u, o);
        assertClose(cross, o, 1e-12, "H_wλ u");
        g.crossTranspose(lambda, w, v, o);
        assertClose(crossT, o, 1e-12, "H_wλᵀ v");
        ParametricChecks.allOraclesAgainstFiniteDifferences(g, lambda, w, rng, 1e-8, "logistic");
    }

    /** Multiclass softmax regression {@code L(W) = (1/N) Σ_i CE(x_iᵀW, y_i) + (μ/2)‖W‖²}, W of shape p × K. */
    @ParameterizedTest
    @ValueSource(longs = {201, 202, 203})
    void softmaxRegression(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nSamples = 25;
        int p = 4;
        int k = 3;
        double mu = 0.1;
        double[][] x = gaussianMatrix(rng, nSamples, p);
        int[] labels = new int[nSamples];
        for (int i = 0; i < nSamples; i++) {
            labels[i] = rng.nextInt(k);
        }
        DenseMatrix xm = DenseMatrix.of(x);
        AdFunction f = AutoDiff.function(p * k, wv -> {
            Expr logits = wv.reshape(p, k).premultiply(xm);
            return logits.softmaxCrossEntropy(labels).div(nSamples).plus(wv.squaredNorm().times(mu / 2));
        });
        double[] wv = Fd.random(rng, p * k, -1.5, 1.5);
        double[] v = Fd.random(rng, p * k, -1, 1);
        double value = 0;
        double[] g = new double[p * k];
        double[] hv = new double[p * k];
        for (int i = 0; i < nSamples; i++) {
            double[] z = new double[k];
            double[] zd = new double[k];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < p; j++) {
                    z[c] += x[i][j] * wv[j * k + c];
                    zd[c] += x[i][j] * v[j * k + c];
                }
            }
            double mx = Math.max(z[0], Math.max(z[1], z[2]));
            double sum = 0;
            double[] pr = new double[k];
            for (int c = 0; c < k; c++) {
                pr[c] = Math.exp(z[c] - mx);
                sum += pr[c];
            }
            double pz = 0;
            for (int c = 0; c < k; c++) {
                pr[c] /= sum;
                pz += pr[c] * zd[c];
            }
            value += (mx + Math.log(sum) - z[labels[i]]) / nSamples;
            for (int c = 0; c < k; c++) {
                double r = pr[c] - (c == labels[i] ? 1 : 0);
                double rd = pr[c] * (zd[c] - pz);
                for (int j = 0; j < p; j++) {
                    g[j * k + c] += x[i][j] * r / nSamples;
                    hv[j * k + c] += x[i][j] * rd / nSamples;
                }
            }
        }
        for (int q = 0; q < p * k; q++) {
            value += mu / 2 * wv[q] * wv[q];
            g[q] += mu * wv[q];
            hv[q] += mu * v[q];
        }
        double[] ag = new double[p * k];
        double[] ah = new double[p * k];
        assertClose(value, f.valueAndGradient(wv, ag), 1e-13, "value");
        assertClose(g, ag, 1e-12, "gradient");
        f.hessianVector(wv, v, ah);
        assertClose(hv, ah, 1e-12, "HVP");
        assertClose(Fd.gradient(f::value, wv), ag, 1e-8, "gradient vs FD");
        assertClose(Fd.directional((q, o) -> f.valueAndGradient(q, o), p * k, wv, v), ah, 1e-8, "HVP vs FD");
    }

    /**
     * A two-layer tanh network with squared loss, parameters {@code θ = (W1 (p×H), b1 (H), w2 (H), b2)}:
     * {@code L(θ) = (1/2N) ‖tanh(X W1 + 1 b1ᵀ) w2 + b2 − t‖²}. The hand-written gradient is backpropagation;
     * the hand-written Hessian-vector product is its R-operator (Pearlmutter, Neural Computation 6, 1994).
     */
    @ParameterizedTest
    @ValueSource(longs = {301, 302, 303})
    void twoLayerTanhNetwork(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nSamples = 20;
        int p = 3;
        int hidden = 4;
        double[][] x = gaussianMatrix(rng, nSamples, p);
        double[] t = Fd.random(rng, nSamples, -1, 1);
        DenseMatrix xm = DenseMatrix.of(x);
        int d = p * hidden + hidden + hidden + 1;
        int o1 = p * hidden;
        int o2 = o1 + hidden;
        int o3 = o2 + hidden;
        AdFunction f = AutoDiff.function(d, th -> {
            Expr w1 = th.slice(0, o1).reshape(p, hidden);
            Expr b1 = th.slice(o1, o2);
            Expr w2 = th.slice(o2, o3);
            Expr b2 = th.get(o3);
            Expr h = w1.premultiply(xm).plusRow(b1).tanh();
            return h.matmul(w2).plus(b2).minus(t).squaredNorm().div(2.0 * nSamples);
        });
        double[] th = Fd.random(rng, d, -1, 1);
        double[] dir = Fd.random(rng, d, -1, 1);

        double[] g = new double[d];
        double[] hv = new double[d];
        double value = 0;
        for (int i = 0; i < nSamples; i++) {
            double[] h = new double[hidden];
            double[] hd = new double[hidden];
            double out = th[o3];
            double outd = dir[o3];
            for (int c = 0; c < hidden; c++) {
                double a = th[o1 + c];
                double ad = dir[o1 + c];
                for (int j = 0; j < p; j++) {
                    a += x[i][j] * th[j * hidden + c];
                    ad += x[i][j] * dir[j * hidden + c];
                }
                h[c] = Math.tanh(a);
                hd[c] = (1 - h[c] * h[c]) * ad;
                out += h[c] * th[o2 + c];
                outd += hd[c] * th[o2 + c] + h[c] * dir[o2 + c];
            }
            double r = out - t[i];
            double rd = outd;
            value += r * r / (2.0 * nSamples);
            g[o3] += r / nSamples;
            hv[o3] += rd / nSamples;
            for (int c = 0; c < hidden; c++) {
                g[o2 + c] += h[c] * r / nSamples;
                hv[o2 + c] += (hd[c] * r + h[c] * rd) / nSamples;
                double dd = 1 - h[c] * h[c];
                double ddd = -2 * h[c] * hd[c];
                double delta = r * th[o2 + c] * dd / nSamples;
                double deltad = ((rd * th[o2 + c] + r * dir[o2 + c]) * dd + r * th[o2 + c] * ddd) / nSamples;
                g[o1 + c] += delta;
                hv[o1 + c] += deltad;
                for (int j = 0; j < p; j++) {
                    g[j * hidden + c] += x[i][j] * delta;
                    hv[j * hidden + c] += x[i][j] * deltad;
                }
            }
        }
        double[] ag = new double[d];
        double[] ah = new double[d];
        assertClose(value, f.valueAndGradient(th, ag), 1e-13, "value");
        assertClose(g, ag, 1e-12, "gradient (backpropagation)");
        f.hessianVector(th, dir, ah);
        assertClose(hv, ah, 1e-12, "HVP (R-operator)");
        assertClose(Fd.gradient(f::value, th), ag, 1e-8, "gradient vs FD");
        assertClose(Fd.directional((q, o) -> f.valueAndGradient(q, o), d, th, dir), ah, 1e-8, "HVP vs FD");
    }
}
