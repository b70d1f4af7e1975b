package org.tandemopt.core.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The verdict of one generated call of a fuzz test, shared by every module: the test lists the names of the
 * invalid arguments it injected ({@code bad}, empty for a valid call) and hands the call over. The call either
 * throws an {@link IllegalArgumentException} — right only when something invalid was injected and the message
 * names one of the injected names ({@code "valid input refused"} otherwise) — or returns — right only when
 * nothing invalid was injected. Any other exception propagates and fails the test. The test then checks the
 * result it gets back.
 */
public final class FuzzCalls {

    /** The hang guard of the fuzz tests: a call that has not returned by then fails the test. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(10);

    private FuzzCalls() {
    }

    /**
     * Runs {@code call} under the {@link #HANG_GUARD} ({@code assertTimeoutPreemptively}) and judges its outcome.
     *
     * @return the call's result, or {@code null} when the call rightly refused its input
     */
    public static <R> R guarded(List<String> bad, Supplier<R> call) {
        return guarded(bad, call, () -> null, message -> false);
    }

    /**
     * {@link #guarded(List, Supplier)} with a description of the generated call, for the hang guard's and every
     * failure's message.
     */
    public static <R> R guarded(List<String> bad, Supplier<R> call, Supplier<String> context) {
        return guarded(bad, call, context, message -> false);
    }

    /**
     * {@link #guarded(List, Supplier, Supplier)} where a valid call may also be refused with a message that
     * {@code excused} accepts (a documented refusal of extreme but valid input); such a refusal returns
     * {@code null} like a right one.
     */
    public static <R> R guarded(List<String> bad, Supplier<R> call, Supplier<String> context,
                                Predicate<String> excused) {
        R result;
        try {
            result = assertTimeoutPreemptively(HANG_GUARD, call::get, context);
        } catch (IllegalArgumentException e) {
            if (bad.isEmpty() && excused.test(e.getMessage())) {
                return null;
            }
            refused(bad, e, context);
            return null;
        }
        returned(bad, result, context);
        return result;
    }

    /**
     * Judges the outcome of a quick call (a factory, a builder, a setter), run on the test's own thread without
     * the hang guard.
     *
     * @return the call's result, or {@code null} when the call rightly refused its input
     */
    public static <R> R unguarded(List<String> bad, Supplier<R> call) {
        return unguarded(bad, call, () -> null);
    }

    /** {@link #unguarded(List, Supplier)} with a description of the generated call for the failure messages. */
    public static <R> R unguarded(List<String> bad, Supplier<R> call, Supplier<String> context) {
        R result;
        try {
            result = call.get();
        } catch (IllegalArgumentException e) {
            refused(bad, e, context);
            return null;
        }
        returned(bad, result, context);
        return result;
    }

    /**
     * {@link #unguarded(List, Supplier)} for a call without a result.
     *
     * @return whether the call ran ({@code false}: it rightly refused its input)
     */
    public static boolean runs(List<String> bad, Runnable call) {
        return runs(bad, call, () -> null);
    }

    /** {@link #runs(List, Runnable)} with a description of the generated call for the failure messages. */
    public static boolean runs(List<String> bad, Runnable call, Supplier<String> context) {
        return unguarded(bad, () -> {
            call.run();
            return Boolean.TRUE;
        }, context) != null;
    }

    /**
     * A drawn part of a generated configuration: the factory that builds it and the names of the invalid
     * arguments it was given (empty when valid).
     */
    public record Part<T>(Supplier<T> factory, List<String> bad) {

        /**
         * Builds the part ({@link FuzzCalls#unguarded(List, Supplier)}), or notes in {@code refused} that it was
         * rightly refused and returns {@code null}.
         */
        public T build(List<String> refused) {
            T t = unguarded(bad, factory);
            if (t == null) {
                refused.add("refused");
            }
            return t;
        }
    }

    /** The names a single-argument call must name: {@code argument} unless the drawn value is {@code valid}. */
    public static List<String> unless(boolean valid, String argument) {
        return valid ? List.of() : List.of(argument);
    }

    private static void refused(List<String> bad, IllegalArgumentException e, Supplier<String> context) {
        if (bad.isEmpty()) {
            throw new AssertionError("valid input refused: " + e.getMessage() + suffix(context), e);
        }
        assertNotNull(e.getMessage(), "refused without a message" + suffix(context));
        assertTrue(bad.stream().anyMatch(e.getMessage()::contains),
                "message '" + e.getMessage() + "' names none of " + bad + suffix(context));
    }

    private static void returned(List<String> bad, Object result, Supplier<String> context) {
        if (!bad.isEmpty()) {
            fail(bad + " invalid but the call returned " + result + suffix(context));
        }
    }

    private static String suffix(Supplier<String> context) {
        String c = context.get();
        return c == null ? "" : " (" + c + ")";
    }
}
