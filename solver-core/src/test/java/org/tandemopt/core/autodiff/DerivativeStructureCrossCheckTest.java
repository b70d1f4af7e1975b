package org.tandemopt.core.autodiff;

import static org.tandemopt.core.autodiff.Fd.assertClose;

import java.util.SplittableRandom;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Second derivatives of small functions against commons-math3 {@link DerivativeStructure} (forward mode with
 * exact Taylor arithmetic up to order 2): full gradients and every Hessian column, including the
 * {@code H_yy}, {@code H_yx} blocks of a two-argument function, to 1e-13 relative.
 */
class DerivativeStructureCrossCheckTest {

    /** {@code f(a, b, c) = tanh(ab) + softplus(c)·√(a² + 1) + e^b/(1 + c²) + (a² + c⁴ + 1)^0.3 − log(2 + b²)}. */
    static DerivativeStructure reference(DerivativeStructure a, DerivativeStructure b, DerivativeStructure c) {
        DerivativeStructure softplus = c.exp().add(1).log();
        return a.multiply(b).tanh()
                .add(softplus.multiply(a.multiply(a).add(1).sqrt()))
                .add(b.exp().divide(c.multiply(c).add(1)))
                .add(a.multiply(a).add(c.pow(4)).add(1).pow(0.3))
                .subtract(b.multiply(b).add(2).log());
    }

    static Expr definition(Expr a, Expr b, Expr c) {
        return a.times(b).tanh()
                .plus(c.softplus().times(a.square().plus(1).sqrt()))
                .plus(b.exp().div(c.square().plus(1)))
                .plus(a.square().plus(c.pow(4)).plus(1).pow(0.3))
                .minus(b.square().plus(2).log());
    }

    @ParameterizedTest
    @ValueSource(longs = {401, 402, 403, 404})
    void hessianOfAThreeVariableFunction(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = Fd.random(rng, 3, -1.5, 1.5);
        AdFunction f = AutoDiff.function(3, x -> definition(x.get(0), x.get(1), x.get(2)).sum());
        DerivativeStructure[] vars = new DerivativeStructure[3];
        for (int i = 0; i < 3; i++) {
            vars[i] = new DerivativeStructure(3, 2, i, p[i]);
        }
        DerivativeStructure ref = reference(vars[0], vars[1], vars[2]);
        double[] g = new double[3];
        assertClose(ref.getValue(), f.valueAndGradient(p, g), 1e-14, "value");
        double[] expectedG = new double[3];
        for (int i = 0; i < 3; i++) {
            int[] order = new int[3];
            order[i] = 1;
            expectedG[i] = ref.getPartialDerivative(order);
        }
        assertClose(expectedG, g, 1e-13, "gradient");
        for (int j = 0; j < 3; j++) {
            double[] col = new double[3];
            f.hessianVector(p, Fd.unit(3, j), col);
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                int[] order = new int[3];
                order[i]++;
                order[j]++;
                expected[i] = ref.getPartialDerivative(order);
            }
            assertClose(expected, col, 1e-13, "Hessian column " + j);
        }
    }

    /**
     * {@code h(x, y) = σ(x₀y₀ + y₁²)·log(2 + x₁²) + logSumExp(x₀ + y₁, x₁y₀, y₀ − y₁) + |x₁ − y₀|^1.5}, with
     * {@code x, y ∈ R²}; every second-order oracle against the corresponding block of the 4 × 4 Hessian.
     */
    @ParameterizedTest
    @ValueSource(longs = {501, 502, 503})
    void secondOrderBlocksOfATwoArgumentFunction(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = Fd.random(rng, 2, -1.2, 1.2);
        double[] y = Fd.random(rng, 2, -1.2, 1.2);
        while (Math.abs(x[1] - y[0]) < 0.2) {
            y[0] = -1.2 + 2.4 * rng.nextDouble();
        }
        AdParametricFunction h = AutoDiff.parametric(2, 2, (xe, ye) -> {
            Expr x0 = xe.get(0);
            Expr x1 = xe.get(1);
            Expr y0 = ye.get(0);
            Expr y1 = ye.get(1);
            Expr first = x0.times(y0).plus(y1.square()).sigmoid().times(x1.square().plus(2).log());
            Expr lse = xe.builder().concat(x0.plus(y1), x1.times(y0), y0.minus(y1)).logSumExp();
            return first.plus(lse).plus(x1.minus(y0).abs().pow(1.5));
        });
        DerivativeStructure x0 = new DerivativeStructure(4, 2, 0, x[0]);
        DerivativeStructure x1 = new DerivativeStructure(4, 2, 1, x[1]);
        DerivativeStructure y0 = new DerivativeStructure(4, 2, 2, y[0]);
        DerivativeStructure y1 = new DerivativeStructure(4, 2, 3, y[1]);
        DerivativeStructure s = x0.multiply(y0).add(y1.multiply(y1));
        DerivativeStructure sigma = s.negate().exp().add(1).reciprocal();
        DerivativeStructure first = sigma.multiply(x1.multiply(x1).add(2).log());
        DerivativeStructure lse = x0.add(y1).exp().add(x1.multiply(y0).exp()).add(y0.subtract(y1).exp()).log();
        DerivativeStructure ref = first.add(lse).add(x1.subtract(y0).abs().pow(1.5));

        double[][] hess = new double[4][4];
        double[] grad = new double[4];
        for (int i = 0; i < 4; i++) {
            int[] o1 = new int[4];
            o1[i] = 1;
            grad[i] = ref.getPartialDerivative(o1);
            for (int j = 0; j < 4; j++) {
                int[] o = new int[4];
                o[i]++;
                o[j]++;
                hess[i][j] = ref.getPartialDerivative(o);
            }
        }
        double[] gy = new double[2];
        double[] gx = new double[2];
        assertClose(ref.getValue(), h.gradientY(x, y, gy), 1e-14, "value");
        assertClose(new double[] {grad[2], grad[3]}, gy, 1e-13, "∇_y h");
        h.gradientX(x, y, gx);
        assertClose(new double[] {grad[0], grad[1]}, gx, 1e-13, "∇_x h");
        double[] v = Fd.random(rng, 2, -1, 1);
        double[] u = Fd.random(rng, 2, -1, 1);
        double[] out = new double[2];
        h.hessianYY(x, y, v, out);
        assertClose(block(hess, 2, 2, v), out, 1e-13, "H_yy v");
        h.cross(x, y, u, out);
        assertClose(block(hess, 2, 0, u), out, 1e-13, "H_yx u");
        h.crossTranspose(x, y, v, out);
        assertClose(block(hess, 0, 2, v), out, 1e-13, "H_yxᵀ v");
    }

    /** {@code hess[r0.., c0..] · d} for a 2 × 2 block. */
    static double[] block(double[][] hess, int r0, int c0, double[] d) {
        return new double[] {hess[r0][c0] * d[0] + hess[r0][c0 + 1] * d[1],
            hess[r0 + 1][c0] * d[0] + hess[r0 + 1][c0 + 1] * d[1]};
    }
}
