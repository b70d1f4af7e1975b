package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** At exactly the kink, each nonsmooth primitive returns the element of the subdifferential chosen in {@link Kinks}. */
class KinkConventionTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.25, 0.5, 1.0})
    void reluAtZeroReturnsTheConfiguredSlope(double s) {
        AdFunction f = AutoDiff.function(4, Kinks.DEFAULT.withReluAtZero(s), x -> x.relu().sum());
        double[] g = new double[4];
        assertEquals(1.0, f.valueAndGradient(new double[] {0, 1, -1, 0}, g), 0.0);
        assertArrayEquals(new double[] {s, 1, 0, s}, g, 0.0);
        double[] hv = new double[4];
        f.hessianVector(new double[] {0, 1, -1, 0}, new double[] {1, 1, 1, 1}, hv);
        assertArrayEquals(new double[4], hv, 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, -0.3, 0.0, 0.7, 1.0})
    void absAtZeroReturnsTheConfiguredElement(double t) {
        AdFunction f = AutoDiff.function(4, Kinks.of(0, t), x -> x.abs().sum());
        double[] g = new double[4];
        assertEquals(2.5, f.valueAndGradient(new double[] {0, 1, -1.5, 0}, g), 0.0);
        assertArrayEquals(new double[] {t, 1, -1, t}, g, 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 1.0})
    void maxAndMinSplitTiesAsTheirReluForms(double s) {
        Kinks k = Kinks.DEFAULT.withReluAtZero(s);
        double[] a = {2.0, 1.0};
        double[] b = {2.0, 3.0};
        double[] ga = new double[2];
        double[] gb = new double[2];
        // max(a, b) = b + relu(a − b): ∂_a = s, ∂_b = 1 − s at a tie
        AdParametricFunction max = AutoDiff.parametric(2, 2, k, (x, y) -> x.max(y).sum());
        assertEquals(5.0, max.valueAndGradients(a, b, ga, gb), 0.0);
        assertArrayEquals(new double[] {s, 0}, ga, 0.0);
        assertArrayEquals(new double[] {1 - s, 1}, gb, 0.0);
        // min(a, b) = a − relu(a − b): ∂_a = 1 − s, ∂_b = s at a tie
        AdParametricFunction min = AutoDiff.parametric(2, 2, k, (x, y) -> x.min(y).sum());
        assertEquals(3.0, min.valueAndGradients(a, b, ga, gb), 0.0);
        assertArrayEquals(new double[] {1 - s, 1}, ga, 0.0);
        assertArrayEquals(new double[] {s, 0}, gb, 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.6, 1.0})
    void softThresholdAtTheThresholdReturnsTheReluSlope(double s) {
        AdFunction f = AutoDiff.function(5, Kinks.DEFAULT.withReluAtZero(s), x -> x.softThreshold(0.5).sum());
        double[] g = new double[5];
        assertEquals(0.5 - 0.25, f.valueAndGradient(new double[] {0.5, -0.5, 0.2, 1.0, -0.75}, g), 1e-16);
        assertArrayEquals(new double[] {s, s, 0, 1, 1}, g, 0.0);
        // λ = 0 is the identity: derivative 1 everywhere, the kink included
        AdFunction id = AutoDiff.function(2, Kinks.DEFAULT.withReluAtZero(s), x -> x.softThreshold(0).sum());
        id.valueAndGradient(new double[] {0.0, -2.0}, g = new double[2]);
        assertArrayEquals(new double[] {1, 1}, g, 0.0);
    }

    @Test
    void defaultsAreZero() {
        assertEquals(0.0, Kinks.DEFAULT.reluAtZero());
        assertEquals(0.0, Kinks.DEFAULT.absAtZero());
        AdFunction f = AutoDiff.function(2, x -> x.relu().plus(x.abs()).sum());
        double[] g = new double[2];
        f.valueAndGradient(new double[] {0, 0}, g);
        assertArrayEquals(new double[] {0, 0}, g, 0.0);
        assertEquals(Kinks.DEFAULT, f.graph().kinks());
    }

    /**
     * The choice matters (Bertoin et al., NeurIPS 2021): {@code relu(x) − relu(−x)} is the identity, whose
     * derivative is 1, yet AD returns {@code 2·relu'(0)} at 0 — 0 with the default, 1 with {@code relu'(0) = ½}.
     * Both are valid elements of a conservative field; only one equals the gradient there.
     */
    @Test
    void theKinkChoiceChangesTheComputedDerivativeOfTheIdentity() {
        double[] g = new double[1];
        AutoDiff.function(1, x -> x.relu().minus(x.negate().relu()).sum()).valueAndGradient(new double[] {0}, g);
        assertEquals(0.0, g[0], 0.0);
        AutoDiff.function(1, Kinks.DEFAULT.withReluAtZero(0.5), x -> x.relu().minus(x.negate().relu()).sum())
                .valueAndGradient(new double[] {0}, g);
        assertEquals(1.0, g[0], 0.0);
    }

    @Test
    void choicesOutsideTheSubdifferentialAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kinks.of(1.5, 0));
        assertTrue(e.getMessage().contains("reluAtZero = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kinks.DEFAULT.withAbsAtZero(-2));
        assertTrue(e.getMessage().contains("absAtZero = -2.0") && e.getMessage().contains("[-1.0, 1.0]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kinks.of(Double.NaN, 0));
    }
}
