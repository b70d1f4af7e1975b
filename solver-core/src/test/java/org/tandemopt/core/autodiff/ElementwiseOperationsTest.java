package org.tandemopt.core.autodiff;

import static org.tandemopt.core.autodiff.Fd.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every elementwise unary operation, scalarised as {@code F(x) = Σ_i c_i op(x)_i} with random weights {@code c}:
 * the AD gradient must equal the hand-written {@code c ⊙ f'(x)}, the AD Hessian-vector product the hand-written
 * {@code c ⊙ f''(x) ⊙ v}, both to 1e-13, and both must match fourth-order central finite differences to 1e-8
 * relative, at seeded random points of each operation's domain (kinks avoided: kinks have their own test).
 */
class ElementwiseOperationsTest {

    record Case(String name, UnaryOperator<Expr> op, DoubleUnaryOperator f, DoubleUnaryOperator d1,
            DoubleUnaryOperator d2, double lo, double hi, boolean signed) {
        @Override public String toString() { return name; }
    }

    static double sig(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("negate", Expr::negate, a -> -a, a -> -1, a -> 0, -2, 2, false));
        c.add(new Case("plus(0.7)", e -> e.plus(0.7), a -> a + 0.7, a -> 1, a -> 0, -2, 2, false));
        c.add(new Case("minus(0.7)", e -> e.minus(0.7), a -> a - 0.7, a -> 1, a -> 0, -2, 2, false));
        c.add(new Case("times(-1.3)", e -> e.times(-1.3), a -> -1.3 * a, a -> -1.3, a -> 0, -2, 2, false));
        c.add(new Case("div(2.5)", e -> e.div(2.5), a -> a / 2.5, a -> 0.4, a -> 0, -2, 2, false));
        c.add(new Case("subtractedFrom(3)", e -> e.subtractedFrom(3), a -> 3 - a, a -> -1, a -> 0, -2, 2, false));
        c.add(new Case("exp", Expr::exp, Math::exp, Math::exp, Math::exp, -2, 2, false));
        c.add(new Case("log", Expr::log, Math::log, a -> 1 / a, a -> -1 / (a * a), 0.2, 3, false));
        c.add(new Case("log1p", Expr::log1p, Math::log1p, a -> 1 / (1 + a), a -> -1 / ((1 + a) * (1 + a)), -0.5, 3,
                false));
        c.add(new Case("sqrt", Expr::sqrt, Math::sqrt, a -> 0.5 / Math.sqrt(a), a -> -0.25 / (a * Math.sqrt(a)),
                0.2, 3, false));
        c.add(new Case("pow(2.5)", e -> e.pow(2.5), a -> Math.pow(a, 2.5), a -> 2.5 * Math.pow(a, 1.5),
                a -> 3.75 * Math.sqrt(a), 0.2, 3, false));
        c.add(new Case("pow(-1.5)", e -> e.pow(-1.5), a -> Math.pow(a, -1.5), a -> -1.5 * Math.pow(a, -2.5),
                a -> 3.75 * Math.pow(a, -3.5), 0.3, 3, false));
        c.add(new Case("pow(3)", e -> e.pow(3), a -> a * a * a, a -> 3 * a * a, a -> 6 * a, -2, 2, false));
        c.add(new Case("pow(2)", e -> e.pow(2), a -> a * a, a -> 2 * a, a -> 2, -2, 2, false));
        c.add(new Case("square", Expr::square, a -> a * a, a -> 2 * a, a -> 2, -2, 2, false));
        c.add(new Case("tanh", Expr::tanh, Math::tanh, a -> 1 - Math.tanh(a) * Math.tanh(a),
                a -> -2 * Math.tanh(a) * (1 - Math.tanh(a) * Math.tanh(a)), -2, 2, false));
        c.add(new Case("sigmoid", Expr::sigmoid, ElementwiseOperationsTest::sig, a -> sig(a) * (1 - sig(a)),
                a -> sig(a) * (1 - sig(a)) * (1 - 2 * sig(a)), -6, 6, false));
        c.add(new Case("softplus", Expr::softplus, a -> Math.log(1 + Math.exp(a)), ElementwiseOperationsTest::sig,
                a -> sig(a) * (1 - sig(a)), -6, 6, false));
        c.add(new Case("abs", Expr::abs, Math::abs, Math::signum, a -> 0, 0.05, 2, true));
        c.add(new Case("relu", Expr::relu, a -> Math.max(a, 0), a -> a > 0 ? 1 : 0, a -> 0, 0.05, 2, true));
        c.add(new Case("softThreshold(0.4)", e -> e.softThreshold(0.4),
                a -> Math.signum(a) * Math.max(Math.abs(a) - 0.4, 0), a -> Math.abs(a) > 0.4 ? 1 : 0, a -> 0,
                0.05, 2, true));
        c.add(new Case("max(0.3)", e -> e.max(0.3), a -> Math.max(a, 0.3), a -> a > 0.3 ? 1 : 0, a -> 0,
                0.05, 2, true));
        c.add(new Case("min(0.3)", e -> e.min(0.3), a -> Math.min(a, 0.3), a -> a < 0.3 ? 1 : 0, a -> 0,
                0.05, 2, true));
        return c;
    }

    static Stream<Arguments> casesAndSeeds() {
        return cases().stream().flatMap(c -> Stream.of(11L, 12L, 13L).map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("casesAndSeeds")
    void gradientAndHessianVectorMatchHandWrittenAndFiniteDifferences(Case k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 7;
        double[] x = k.signed ? Fd.randomAway(rng, n, k.lo, k.hi) : Fd.random(rng, n, k.lo, k.hi);
        if (k.name.startsWith("softThreshold") || k.name.startsWith("max") || k.name.startsWith("min")) {
            double kink = k.name.startsWith("soft") ? 0.4 : 0.3;
            for (int i = 0; i < n; i++) {
                while (Math.abs(Math.abs(x[i]) - kink) < 0.05 || Math.abs(x[i] - kink) < 0.05) {
                    x[i] = (rng.nextBoolean() ? 1 : -1) * (0.05 + 1.95 * rng.nextDouble());
                }
            }
        }
        double[] c = Fd.random(rng, n, -1.5, 1.5);
        double[] v = Fd.random(rng, n, -1, 1);
        AdFunction f = AutoDiff.function(n, e -> k.op.apply(e).dot(c));

        double expectedValue = 0;
        double[] g = new double[n];
        double[] hv = new double[n];
        for (int i = 0; i < n; i++) {
            expectedValue += c[i] * k.f.applyAsDouble(x[i]);
            g[i] = c[i] * k.d1.applyAsDouble(x[i]);
            hv[i] = c[i] * k.d2.applyAsDouble(x[i]) * v[i];
        }
        double[] adG = new double[n];
        double[] adHv = new double[n];
        assertClose(expectedValue, f.value(x), 1e-14, k.name + " value");
        assertClose(expectedValue, f.valueAndGradient(x, adG), 1e-14, k.name + " value from gradient call");
        assertClose(g, adG, 1e-13, k.name + " gradient vs hand-written");
        f.hessianVector(x, v, adHv);
        if (isZero(hv)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(hv, adHv, 0.0, k.name + " HVP of a piecewise-linear map");
        } else {
            assertClose(hv, adHv, 1e-13, k.name + " HVP vs hand-written");
        }

        assertClose(Fd.gradient(f::value, x), adG, 1e-8, k.name + " gradient vs finite differences");
        double[] fdHv = Fd.directional((p, out) -> f.valueAndGradient(p, out), n, x, v);
        if (isZero(hv)) {
            for (double d : fdHv) {
                org.junit.jupiter.api.Assertions.assertEquals(0.0, d, 1e-10, k.name + " FD of HVP");
            }
        } else {
            assertClose(fdHv, adHv, 1e-8, k.name + " HVP vs finite differences");
        }

        // one fused sweep returns the same gradient and product
        double[] g2 = new double[n];
        double[] hv2 = new double[n];
        f.valueGradientAndHessianVector(x, v, g2, hv2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(adG, g2, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(adHv, hv2, 0.0);
    }

    private static boolean isZero(double[] a) {
        for (double d : a) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }
}
