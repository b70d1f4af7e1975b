package org.tandemopt.core.monitor;

import java.util.Objects;

/**
 * A small predicate on a run's {@link Progress}: it returns the {@link Termination} it detects, or
 * {@code null} to continue. Criteria are immutable and stateless (anything that needs history reads the
 * value ring of {@link Progress}), so one instance can serve many concurrent runs. Combine them with
 * {@link #or} and {@link #and}; {@link Criteria} has the standard ones.
 */
@FunctionalInterface
public interface StoppingCriterion {

    /** @return the termination this criterion detects now, or {@code null} to continue. */
    Termination check(Progress progress);

    /** @return a criterion that fires when this one or {@code other} fires (this one's verdict first). */
    default StoppingCriterion or(StoppingCriterion other) {
        Objects.requireNonNull(other, "other");
        StoppingCriterion self = this;
        return p -> {
            Termination t = self.check(p);
            return t != null ? t : other.check(p);
        };
    }

    /** @return a criterion that fires only when both fire, reporting {@code other}'s verdict. */
    default StoppingCriterion and(StoppingCriterion other) {
        Objects.requireNonNull(other, "other");
        StoppingCriterion self = this;
        return p -> self.check(p) != null ? other.check(p) : null;
    }

    /** @return a criterion that never fires. */
    static StoppingCriterion never() {
        return p -> null;
    }
}
