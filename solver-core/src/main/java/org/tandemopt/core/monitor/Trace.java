package org.tandemopt.core.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The immutable sequence of {@link IterationRecord}s of a run, from iteration 0. Empty when tracing was not
 * requested (tracing is opt-in, so an untraced run allocates nothing per iteration).
 */
public final class Trace {

    private static final Trace EMPTY = new Trace(List.of(), List.of());

    private final List<IterationRecord> records;
    private final List<String> extraNames;

    private Trace(List<IterationRecord> records, List<String> extraNames) {
        this.records = records;
        this.extraNames = extraNames;
    }

    /** @return the empty trace. */
    public static Trace empty() {
        return EMPTY;
    }

    /** @return a trace over a copy of {@code records}. */
    public static Trace of(List<IterationRecord> records, List<String> extraNames) {
        return new Trace(Collections.unmodifiableList(new ArrayList<>(records)), List.copyOf(extraNames));
    }

    /** @return the records, unmodifiable. */
    public List<IterationRecord> records() {
        return records;
    }

    /** @return the names of the extra quantities, in column order. */
    public List<String> extraNames() {
        return extraNames;
    }

    /** @return the number of records. */
    public int size() {
        return records.size();
    }

    /** @return whether the trace holds no record. */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** @return record {@code i}. */
    public IterationRecord get(int i) {
        return records.get(i);
    }

    /** @return the last record. */
    public IterationRecord last() {
        if (records.isEmpty()) {
            throw new IllegalStateException("the trace is empty (tracing was not requested)");
        }
        return records.get(records.size() - 1);
    }

    /** @return the values column. */
    public double[] values() {
        return records.stream().mapToDouble(IterationRecord::value).toArray();
    }

    /** @return the gradient-norm column. */
    public double[] gradientNorms() {
        return records.stream().mapToDouble(IterationRecord::gradientNorm).toArray();
    }
}
