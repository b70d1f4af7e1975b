package org.tandemopt.core.autodiff;

import static org.tandemopt.core.autodiff.Fd.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every elementwise binary operation {@code z = φ(a, b)}, with and without scalar broadcast, as the parametric
 * function {@code h(a, b) = Σ_i c_i φ(a_i, b_i)} (parameter {@code x = a}, variable {@code y = b}). All five
 * oracles plus {@code H_aa u} are checked against hand-written partials
 * ({@code ∇_b = c φ_b}, {@code H_bb v = c φ_bb v}, {@code H_ba u = c φ_ab u}, {@code H_baᵀ w = c φ_ab w},
 * summed over the broadcast index when an operand is a scalar) to 1e-13, and against finite differences to 1e-8.
 */
class BinaryOperationsTest {

    /** φ and its partials {@code φ_a, φ_b, φ_aa, φ_ab, φ_bb}. */
    record Case(String name, BinaryOperator<Expr> op, DoubleBinaryOperator f, DoubleBinaryOperator fa,
            DoubleBinaryOperator fb, DoubleBinaryOperator faa, DoubleBinaryOperator fab, DoubleBinaryOperator fbb,
            double bLo, double bHi) {
        @Override public String toString() { return name; }
    }

    enum Broadcast { NONE, A_SCALAR, B_SCALAR }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        DoubleBinaryOperator zero = (a, b) -> 0;
        c.add(new Case("plus", Expr::plus, Double::sum, (a, b) -> 1, (a, b) -> 1, zero, zero, zero, -2, 2));
        c.add(new Case("minus", Expr::minus, (a, b) -> a - b, (a, b) -> 1, (a, b) -> -1, zero, zero, zero, -2, 2));
        c.add(new Case("times", Expr::times, (a, b) -> a * b, (a, b) -> b, (a, b) -> a, zero, (a, b) -> 1, zero,
                -2, 2));
        c.add(new Case("div", Expr::div, (a, b) -> a / b, (a, b) -> 1 / b, (a, b) -> -a / (b * b), zero,
                (a, b) -> -1 / (b * b), (a, b) -> 2 * a / (b * b * b), 0.5, 2));
        c.add(new Case("max", Expr::max, Math::max, (a, b) -> a > b ? 1 : 0, (a, b) -> a > b ? 0 : 1, zero, zero,
                zero, -2, 2));
        c.add(new Case("min", Expr::min, Math::min, (a, b) -> a < b ? 1 : 0, (a, b) -> a < b ? 0 : 1, zero, zero,
                zero, -2, 2));
        return c;
    }

    static Stream<Arguments> arguments() {
        return cases().stream().flatMap(c -> Stream.of(Broadcast.values())
                .flatMap(bc -> Stream.of(21L, 22L).map(s -> Arguments.of(c, bc, s))));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("arguments")
    void allOraclesMatchHandWrittenAndFiniteDifferences(Case k, Broadcast bc, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int len = 6;
        int na = bc == Broadcast.A_SCALAR ? 1 : len;
        int nb = bc == Broadcast.B_SCALAR ? 1 : len;
        double[] a = Fd.random(rng, na, -2, 2);
        double[] b = Fd.random(rng, nb, k.bLo, k.bHi);
        for (int i = 0; i < len; i++) { // keep max/min away from ties
            while (Math.abs(a[i % na] - b[i % nb]) < 0.05) {
                a[i % na] = -2 + 4 * rng.nextDouble();
            }
        }
        double[] c = Fd.random(rng, len, -1.5, 1.5);
        AdParametricFunction h = AutoDiff.parametric(na, nb, (x, y) -> k.op.apply(x, y).dot(c));

        double value = 0;
        double[] ga = new double[na];
        double[] gb = new double[nb];
        double[] u = Fd.random(rng, na, -1, 1);
        double[] v = Fd.random(rng, nb, -1, 1);
        double[] w = Fd.random(rng, nb, -1, 1);
        double[] hbb = new double[nb];
        double[] cross = new double[nb];      // ∂_a ∇_b · u
        double[] crossT = new double[na];     // ∂_b ∇_a · w
        double[] haa = new double[na];
        for (int i = 0; i < len; i++) {
            int ia = i % na;
            int ib = i % nb;
            double ai = a[ia];
            double bi = b[ib];
            value += c[i] * k.f.applyAsDouble(ai, bi);
            ga[ia] += c[i] * k.fa.applyAsDouble(ai, bi);
            gb[ib] += c[i] * k.fb.applyAsDouble(ai, bi);
            hbb[ib] += c[i] * k.fbb.applyAsDouble(ai, bi) * v[ib];
            cross[ib] += c[i] * k.fab.applyAsDouble(ai, bi) * u[ia];
            crossT[ia] += c[i] * k.fab.applyAsDouble(ai, bi) * w[ib];
            haa[ia] += c[i] * k.faa.applyAsDouble(ai, bi) * u[ia];
        }
        String tag = k.name + " " + bc;
        double[] o = new double[nb];
        assertClose(value, h.value(a, b), 1e-14, tag + " value");
        assertClose(value, h.gradientY(a, b, o), 1e-14, tag + " value from gradientY");
        assertClose(gb, o, 1e-13, tag + " gradientY");
        double[] ox = new double[na];
        h.gradientX(a, b, ox);
        assertClose(ga, ox, 1e-13, tag + " gradientX");
        checkSecond(hbb, (out) -> h.hessianYY(a, b, v, out), nb, tag + " hessianYY");
        checkSecond(cross, (out) -> h.cross(a, b, u, out), nb, tag + " cross");
        checkSecond(crossT, (out) -> h.crossTranspose(a, b, w, out), na, tag + " crossTranspose");
        Workspace ws = h.graph().newWorkspace();
        ws.setInput(0, a);
        ws.setInput(1, b);
        checkSecond(haa, (out) -> ws.secondOrder(0, u, 0, out), na, tag + " H_aa");

        // finite differences of the value and of the AD gradients
        assertCloseOrZero(Fd.gradient(p -> h.value(a, p), b), gb, tag + " gradientY vs FD");
        assertCloseOrZero(Fd.gradient(p -> h.value(p, b), a), ga, tag + " gradientX vs FD");
        double[] actual = new double[nb];
        h.hessianYY(a, b, v, actual);
        assertCloseOrZero(Fd.directional((p, out) -> h.gradientY(a, p, out), nb, b, v), actual, tag + " H_yy vs FD");
        h.cross(a, b, u, actual);
        assertCloseOrZero(Fd.directional((p, out) -> h.gradientY(p, b, out), nb, a, u), actual, tag + " cross vs FD");
        double[] actualX = new double[na];
        h.crossTranspose(a, b, w, actualX);
        assertCloseOrZero(Fd.directional((p, out) -> h.gradientX(a, p, out), na, b, w), actualX,
                tag + " crossTranspose vs FD");
        double[] both = new double[na];
        double[] bothY = new double[nb];
        assertClose(value, h.valueAndGradients(a, b, both, bothY), 1e-14, tag + " valueAndGradients");
        assertClose(ga, both, 1e-13, tag + " valueAndGradients x");
        assertClose(gb, bothY, 1e-13, tag + " valueAndGradients y");
    }

    private static void checkSecond(double[] expected, java.util.function.Consumer<double[]> oracle, int len,
            String what) {
        double[] out = new double[len];
        oracle.accept(out);
        if (allZero(expected)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, out, 0.0, what);
        } else {
            assertClose(expected, out, 1e-13, what);
        }
    }

    private static void assertCloseOrZero(double[] fd, double[] actual, String what) {
        if (allZero(actual)) {
            for (double d : fd) {
                org.junit.jupiter.api.Assertions.assertEquals(0.0, d, 1e-10, what);
            }
        } else {
            assertClose(fd, actual, 1e-8, what);
        }
    }

    private static boolean allZero(double[] a) {
        for (double d : a) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }
}
