package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.linalg.DenseMatrix;

/** Threads never share a tape, steady-state calls allocate nothing, and the forward cache never serves stale values. */
class WorkspaceTest {

    static final int N = 100;
    static final int P = 20;

    static AdFunction logistic(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = Fd.random(rng, N * P, -1, 1);
        double[] minusT = new double[N];
        for (int i = 0; i < N; i++) {
            minusT[i] = rng.nextBoolean() ? 1 : -1;
        }
        DenseMatrix xm = DenseMatrix.of(N, P, x);
        return AutoDiff.function(P, w -> w.premultiply(xm).times(minusT).softplus().mean()
                .plus(w.squaredNorm().times(0.05)));
    }

    @Test
    void concurrentEvaluationsGiveTheSameBitsAsSequentialOnes() throws Exception {
        AdFunction f = logistic(1);
        int points = 64;
        SplittableRandom rng = new SplittableRandom(2);
        double[][] ws = new double[points][];
        double[][] vs = new double[points][];
        double[][] grads = new double[points][P];
        double[][] hvs = new double[points][P];
        double[] values = new double[points];
        for (int k = 0; k < points; k++) {
            ws[k] = Fd.random(rng, P, -1, 1);
            vs[k] = Fd.random(rng, P, -1, 1);
            values[k] = f.valueAndGradient(ws[k], grads[k]);
            f.hessianVector(ws[k], vs[k], hvs[k]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                final int offset = thread;
                results.add(pool.submit(() -> {
                    double[] g = new double[P];
                    double[] hv = new double[P];
                    int mismatches = 0;
                    for (int rep = 0; rep < 20; rep++) {
                        for (int q = 0; q < points; q++) {
                            int k = (q * 7 + offset * 13 + rep) % points;
                            double v = f.valueAndGradient(ws[k], g);
                            f.hessianVector(ws[k], vs[k], hv);
                            if (v != values[k] || !java.util.Arrays.equals(g, grads[k])
                                    || !java.util.Arrays.equals(hv, hvs[k])) {
                                mismatches++;
                            }
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(0, r.get().intValue());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void steadyStateOraclesAllocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assertTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter available");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        AdFunction f = logistic(3);
        AdParametricFunction h = AutoDiff.parametric(P, P, (lam, w) -> w.tanh().times(lam.exp()).squaredNorm()
                .plus(w.dot(lam).softplus()));
        SplittableRandom rng = new SplittableRandom(4);
        double[] w = Fd.random(rng, P, -1, 1);
        double[] w2 = Fd.random(rng, P, -1, 1);
        double[] v = Fd.random(rng, P, -1, 1);
        double[] g = new double[P];
        double[] hv = new double[P];
        double[] gx = new double[P];
        Runnable calls = () -> {
            f.valueAndGradient(w, g);
            f.hessianVector(w2, v, hv);      // different point: full forward sweep each time
            f.value(w);
            h.gradientY(w, w2, g);
            h.gradientX(w2, w, gx);
            h.hessianYY(w, w2, v, hv);
            h.cross(w2, w, v, hv);
            h.crossTranspose(w, w2, v, gx);
            h.valueAndGradients(w2, w, gx, g);
        };
        for (int i = 0; i < 20_000; i++) { // let the JIT compile and inline
            calls.run();
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000; i++) {
            calls.run();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // 9000 oracle calls: anything per call would be ≥ 16 bytes each, i.e. ≥ 144 kB
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 9000 oracle calls");
    }

    @Test
    void mutatingTheInputArrayInPlaceIsSeen() {
        AdFunction f = AutoDiff.function(3, x -> x.exp().sum());
        double[] x = {0.1, 0.2, 0.3};
        double[] g = new double[3];
        f.valueAndGradient(x, g);
        x[1] = 1.0; // same array object, new contents
        double value = f.valueAndGradient(x, g);
        assertEquals(Math.exp(0.1) + Math.exp(1.0) + Math.exp(0.3), value, 1e-15);
        assertArrayEquals(new double[] {Math.exp(0.1), Math.exp(1.0), Math.exp(0.3)}, g, 1e-15);
        double[] hv = new double[3];
        f.hessianVector(x, new double[] {1, 1, 1}, hv);
        assertArrayEquals(g, hv, 1e-15);
        x[1] = 0.2;
        f.hessianVector(x, new double[] {1, 1, 1}, hv);
        assertEquals(Math.exp(0.2), hv[1], 1e-15);
    }

    @Test
    void unusedNodesAreDroppedAndUnusedInputsGetZeroDerivatives() {
        GraphBuilder b = new GraphBuilder();
        Expr x = b.input("x", 2);
        Expr y = b.input("y", 2);
        x.exp().log().tanh(); // dead branch
        Graph g = b.build(y.squaredNorm());
        assertEquals(3, g.nodeCount(), String.join("\n", g.describe())); // x, y, squaredNorm(y); the dead branch is gone
        Workspace ws = g.newWorkspace();
        ws.setInput(0, new double[] {1, 2});
        ws.setInput(1, new double[] {3, 4});
        double[][] outs = {new double[] {9, 9}, null};
        assertEquals(25.0, ws.gradients(outs), 0.0);
        assertArrayEquals(new double[] {0, 0}, outs[0], 0.0);
        double[] o = {9, 9};
        ws.secondOrder(1, new double[] {1, 0}, 0, o);
        assertArrayEquals(new double[] {0, 0}, o, 0.0);
        ws.secondOrder(1, new double[] {1, 0}, 1, o);
        assertArrayEquals(new double[] {2, 0}, o, 0.0);
        double[] grad = new double[2];
        ws.gradientAndSecondOrder(1, new double[] {0, 1}, 1, grad, o);
        assertArrayEquals(new double[] {6, 8}, grad, 0.0);
        assertArrayEquals(new double[] {0, 2}, o, 0.0);
        assertTrue(g.describe().get(g.describe().size() - 1).contains("squaredNorm"));
        assertEquals("Graph[2 inputs, 3 nodes]", g.toString());
    }
}
