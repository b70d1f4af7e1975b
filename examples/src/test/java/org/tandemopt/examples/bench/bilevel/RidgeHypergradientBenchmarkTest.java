package org.tandemopt.examples.bench.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;

/**
 * The benchmark measures what it claims, at 442 × 10: data and Gram forms give the same hypergradients, the
 * unrolled one (K = 100 steps of 1/L, contraction 1 − μ/L ≈ 0.4 per step) equals the implicit one as the peer's
 * does (it reports 2e−15), the Cholesky variant agrees, and repeated calls restart from w₀ = 0 (same result).
 */
class RidgeHypergradientBenchmarkTest {

    static RidgeHypergradientBenchmark.Problem problem(String form) {
        RidgeHypergradientBenchmark.Problem p = new RidgeHypergradientBenchmark.Problem();
        p.size = "442x10";
        p.form = form;
        p.setUp();
        return p;
    }

    static double relativeError(double[] got, double[] want) {
        double d = 0;
        double s = 0;
        for (int i = 0; i < want.length; i++) {
            d += (got[i] - want[i]) * (got[i] - want[i]);
            s += want[i] * want[i];
        }
        return Math.sqrt(d / s);
    }

    @Test
    void formsAndEstimatorsAgree() {
        RidgeHypergradientBenchmark bench = new RidgeHypergradientBenchmark();
        RidgeHypergradientBenchmark.Problem data = problem("data");
        RidgeHypergradientBenchmark.Problem gram = problem("gram");
        Hypergradient reference = bench.implicit(data);
        assertEquals(HypergradientStatus.OK, reference.status());
        double[] want = reference.gradient();
        for (Hypergradient h : new Hypergradient[] {bench.unrolled(data), bench.unrolled(data), bench.unrolled(gram),
            bench.implicit(gram)}) {
            assertEquals(HypergradientStatus.OK, h.status());
            assertTrue(relativeError(h.gradient(), want) < 1e-12, h.toString());
        }
        RidgeHypergradientBenchmark.Data d = new RidgeHypergradientBenchmark.Data();
        d.size = "442x10";
        d.setUp();
        assertTrue(relativeError(bench.implicitCholeskyGram(d).gradient(), want) < 1e-12);
        assertTrue(bench.gramForm(d).isGramForm());
        assertEquals(100, bench.unrolled(gram).diagnostics().peakStoredStates());
    }
}
