package org.tandemopt.core.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemopt.core.function.Functions;

/**
 * Logs every {@code every}-th iteration (and the last) at INFO through SLF4J, under the logger
 * {@code org.tandemopt.progress} unless another name is given. The library never prints; the binding the
 * application chooses decides where these lines go.
 */
public final class LoggingListener implements IterationListener {

    private final Logger log;
    private final int every;

    /** Logs every {@code every}-th iteration under {@code org.tandemopt.progress}. */
    public LoggingListener(int every) {
        this(every, "org.tandemopt.progress");
    }

    /** Logs every {@code every}-th iteration under the logger {@code loggerName}. */
    public LoggingListener(int every, String loggerName) {
        this.every = Functions.requireAtLeast("every", every, 1);
        this.log = LoggerFactory.getLogger(Functions.requireNonNull("loggerName", loggerName));
    }

    @Override
    public Decision onIteration(IterationRecord r) {
        if (r.iteration() % every == 0 && log.isInfoEnabled()) {
            log.info(String.format("iter %6d  value %.10e  |grad| %.3e  step %.3e  evals %d", r.iteration(),
                    r.value(), r.gradientNorm(), r.stepSize(), r.totalEvaluations()));
        }
        return Decision.CONTINUE;
    }

    @Override
    public void onFinish(Termination termination, IterationRecord last) {
        if (log.isInfoEnabled()) {
            log.info(String.format("done: %s after %d iterations, value %.10e, |grad| %.3e, %.1f ms", termination,
                    last.iteration(), last.value(), last.gradientNorm(), last.elapsedNanos() / 1e6));
        }
    }
}
