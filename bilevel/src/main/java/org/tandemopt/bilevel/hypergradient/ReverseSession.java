package org.tandemopt.bilevel.hypergradient;

import java.util.Arrays;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;

/**
 * Reverse mode through the inner steps: with {@code v_K = ∂f/∂s_K} and {@code ḡ = ∇_x f}, for
 * {@code k = K−1, …, K−w}: {@code ḡ += B_kᵀ v_{k+1}}, {@code v_k = A_kᵀ v_{k+1}}; the estimate is {@code ḡ}.
 * {@code w = K} is full unrolling, {@code w < K} truncated backpropagation. States are kept on one
 * preallocated tape (copied in and out of the work buffers), in a ring of {@code w} rows when truncated, or
 * by checkpointing.
 */
final class ReverseSession extends EstimatorSession {

    private final int window;
    private final Checkpointing memory;
    private final double blowUpFactor;

    private double[] tape = new double[0];
    private int tapeRows;
    private final double[] start;
    private double[] v;
    private double[] vNext;
    private final double[] work;
    private double initialAdjoint;
    private double maxAdjoint;
    private int sqrtSpacing;
    private int checkpoints;
    private double[] leafTape = new double[0];
    private double[] stack = new double[0];

    ReverseSession(BilevelProblem problem, InnerAlgorithm inner, int window, Checkpointing memory,
                   double blowUpFactor) {
        super(problem, inner);
        this.window = window;
        this.memory = memory;
        this.blowUpFactor = blowUpFactor;
        this.start = new double[size];
        this.v = new double[size];
        this.vNext = new double[size];
        this.work = new double[size];
    }

    private boolean truncated() {
        return window != Integer.MAX_VALUE;
    }

    private void ensureTape(int rows) {
        if (tape.length < rows * size) {
            tape = Arrays.copyOf(tape, Math.max(rows, 2 * tape.length / Math.max(size, 1)) * size);
        }
    }

    @Override
    void beforeRun(double[] x, double[] s0, int maxSteps) {
        System.arraycopy(s0, 0, start, 0, size);
        checkpoints = 0;
        if (truncated()) {
            tapeRows = Math.min(window, Math.max(maxSteps, 1));
            ensureTape(tapeRows);
        } else {
            switch (memory.kind()) {
                case STORE_ALL -> {
                    // grown on demand, so an adaptive schedule never allocates maxSteps rows it does not use
                    ensureTape(Math.min(Math.max(maxSteps, 1), 1 << 16));
                }
                case SQRT -> {
                    sqrtSpacing = Math.max(1, (int) Math.ceil(Math.sqrt(maxSteps)));
                    ensureTape(maxSteps / sqrtSpacing + 1);
                }
                case RECURSIVE -> { }
            }
        }
    }

    @Override
    void record(int k, double[] s) {
        if (truncated()) {
            System.arraycopy(s, 0, tape, (k % tapeRows) * size, size);
            return;
        }
        switch (memory.kind()) {
            case STORE_ALL -> {
                ensureTape(k + 1);
                System.arraycopy(s, 0, tape, k * size, size);
            }
            case SQRT -> {
                if (k % sqrtSpacing == 0) {
                    ensureTape(k / sqrtSpacing + 1);
                    System.arraycopy(s, 0, tape, (k / sqrtSpacing) * size, size);
                    checkpoints++;
                }
            }
            case RECURSIVE -> { }
        }
    }

    @Override
    void differentiate(double[] x, double[] finalState) {
        Arrays.fill(v, 0.0);
        System.arraycopy(fy, 0, v, 0, m);
        System.arraycopy(fx, 0, grad, 0, n);
        initialAdjoint = norm(v);
        maxAdjoint = initialAdjoint;
        int k = steps;
        if (truncated()) {
            int last = Math.max(0, k - window);
            peakStates = Math.min(k, window);
            for (int i = k - 1; i >= last; i--) {
                System.arraycopy(tape, (i % tapeRows) * size, work, 0, size);
                back(x, work);
            }
        } else {
            switch (memory.kind()) {
                case STORE_ALL -> {
                    peakStates = k;
                    for (int i = k - 1; i >= 0; i--) {
                        System.arraycopy(tape, i * size, work, 0, size);
                        back(x, work);
                    }
                }
                case SQRT -> reverseSqrt(x, k);
                case RECURSIVE -> reverseRecursive(x, k);
            }
        }
        growth = initialAdjoint > 0 ? maxAdjoint / initialAdjoint : (maxAdjoint > 0 ? Double.POSITIVE_INFINITY : 1.0);
        checkGrowth(growth, blowUpFactor);
    }

    /** One backward step at state s_k: grad += B_kᵀ v, v ← A_kᵀ v. */
    private void back(double[] x, double[] sk) {
        map.vjp(x, sk, v, vNext, grad);
        double[] t = v;
        v = vNext;
        vNext = t;
        double nv = norm(v);
        if (!(nv <= maxAdjoint)) {
            maxAdjoint = Double.isNaN(nv) ? Double.POSITIVE_INFINITY : nv;
        }
    }

    private void ensureLeaf(int rows) {
        if (leafTape.length < rows * size) {
            leafTape = new double[rows * size];
        }
    }

    private void reverseSqrt(double[] x, int k) {
        int c = sqrtSpacing;
        int segments = (k + c - 1) / c;
        ensureLeaf(c);
        int peak = 0;
        for (int j = segments - 1; j >= 0; j--) {
            int lo = j * c;
            int hi = Math.min(k, lo + c);
            // recompute s_lo .. s_{hi-1} from the checkpoint
            System.arraycopy(tape, j * size, leafTape, 0, size);
            for (int i = lo + 1; i < hi; i++) {
                System.arraycopy(leafTape, (i - 1 - lo) * size, work, 0, size);
                map.step(x, work, next);
                System.arraycopy(next, 0, leafTape, (i - lo) * size, size);
            }
            peak = Math.max(peak, (j + 1) + (hi - lo));
            for (int i = hi - 1; i >= lo; i--) {
                System.arraycopy(leafTape, (i - lo) * size, work, 0, size);
                back(x, work);
            }
        }
        peakStates = Math.max(peak, checkpoints);
    }

    private void reverseRecursive(double[] x, int k) {
        int leaf = memory.leaf();
        int depth = 2;
        for (int len = k; len > leaf; len = (len + 1) / 2) {
            depth++;
        }
        if (stack.length < depth * size) {
            stack = new double[depth * size];
        }
        ensureLeaf(Math.min(leaf, Math.max(k, 1)));
        System.arraycopy(start, 0, stack, 0, size);
        peakStates = 0;
        if (k > 0) {
            reverse(x, 0, k, 0);
        }
    }

    /** Reverses steps lo..hi-1; s_lo is in stack slot {@code slot}; v holds ∂/∂s_hi. */
    private void reverse(double[] x, int lo, int hi, int slot) {
        int leaf = memory.leaf();
        if (hi - lo <= leaf) {
            System.arraycopy(stack, slot * size, leafTape, 0, size);
            for (int i = lo + 1; i < hi; i++) {
                System.arraycopy(leafTape, (i - 1 - lo) * size, work, 0, size);
                map.step(x, work, next);
                System.arraycopy(next, 0, leafTape, (i - lo) * size, size);
            }
            peakStates = Math.max(peakStates, slot + 1 + (hi - lo));
            for (int i = hi - 1; i >= lo; i--) {
                System.arraycopy(leafTape, (i - lo) * size, work, 0, size);
                back(x, work);
            }
            return;
        }
        int mid = lo + (hi - lo) / 2;
        System.arraycopy(stack, slot * size, work, 0, size);
        for (int i = lo; i < mid; i++) {
            map.step(x, work, next);
            System.arraycopy(next, 0, work, 0, size);
        }
        System.arraycopy(work, 0, stack, (slot + 1) * size, size);
        reverse(x, mid, hi, slot + 1);
        reverse(x, lo, mid, slot);
    }
}
