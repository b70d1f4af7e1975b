package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.core.function.Functions;

/**
 * How reverse-mode unrolling keeps the inner states {@code s_0, …, s_{K−1}} it needs on the way back.
 * <ul>
 *   <li>{@link #storeAll()}: every state on one preallocated tape — {@code K} states, no recomputation;</li>
 *   <li>{@link #sqrt()}: two-level checkpointing (Griewank and Walther, <em>Evaluating Derivatives</em>, 2nd
 *       ed., SIAM 2008, ch. 12): a checkpoint every {@code c = ⌈√K_max⌉} steps, each segment recomputed from
 *       its checkpoint on the way back — at most {@code ⌈K/c⌉ + c ≈ 2√K} states, one extra forward pass;</li>
 *   <li>{@link #recursive(int)}: recursive bisection (the binary special case of binomial checkpointing):
 *       a checkpoint at the midpoint, recursion on the right half then the left, segments of at most
 *       {@code leaf} steps stored whole — at most {@code ⌈log₂(K/leaf)⌉ + 1 + leaf} states, about
 *       {@code log₂(K/leaf)} extra forward passes.</li>
 * </ul>
 * The number of states actually held is reported as {@link EstimatorDiagnostics#peakStoredStates()}. All three
 * give the same hypergradient up to rounding.
 */
public final class Checkpointing {

    enum Kind { STORE_ALL, SQRT, RECURSIVE }

    private final Kind kind;
    private final int leaf;

    private Checkpointing(Kind kind, int leaf) {
        this.kind = kind;
        this.leaf = leaf;
    }

    /** @return every state stored. */
    public static Checkpointing storeAll() {
        return new Checkpointing(Kind.STORE_ALL, 0);
    }

    /** @return two-level {@code √K} checkpointing. */
    public static Checkpointing sqrt() {
        return new Checkpointing(Kind.SQRT, 0);
    }

    /** @return recursive bisection with segments of at most {@code leaf ≥ 1} stored steps. */
    public static Checkpointing recursive(int leaf) {
        return new Checkpointing(Kind.RECURSIVE, Functions.requireAtLeast("leaf", leaf, 1));
    }

    Kind kind() {
        return kind;
    }

    int leaf() {
        return leaf;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STORE_ALL -> "storeAll";
            case SQRT -> "sqrt";
            case RECURSIVE -> "recursive(leaf=" + leaf + ")";
        };
    }
}
