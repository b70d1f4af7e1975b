package org.tandemopt.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** Argument sources of the parameterized robustness tests: every combination of a few lists of values. */
public final class Cases {

    private Cases() {
    }

    /**
     * Every combination of one value from each list, as {@link Arguments}, the first list varying slowest (the
     * order of nested loops over the lists).
     */
    public static Stream<Arguments> product(List<?>... dimensions) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[0]);
        for (List<?> dimension : dimensions) {
            List<Object[]> next = new ArrayList<>();
            for (Object[] row : rows) {
                for (Object value : dimension) {
                    Object[] longer = java.util.Arrays.copyOf(row, row.length + 1);
                    longer[row.length] = value;
                    next.add(longer);
                }
            }
            rows = next;
        }
        return rows.stream().map(Arguments::of);
    }

    /** The seeds {@code first, first + 1, …, last} (as {@code Long}). */
    public static List<Long> seeds(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
