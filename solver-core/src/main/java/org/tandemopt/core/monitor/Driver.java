package org.tandemopt.core.monitor;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemopt.core.function.Functions;

/**
 * The one loop every algorithm runs in. It measures the start, then repeats: check the interrupter and the
 * budgets, take one {@link IterativeAlgorithm#step}, measure, record (trace and listeners), and stop on the
 * algorithm's own request, a non-finite value, divergence, or the convergence criterion — in that order.
 *
 * <p>Resuming is calling {@link #run} again with the state a previous run returned: iteration count, counters
 * and time continue where they were, and so do the initial gradient and derivative norms that relative
 * criteria ({@link Criteria#relativeGradientNorm}, {@link Criteria#derivativeGrowth}) refer to — they are those
 * of the state's first run, kept in the state (and in its checkpoint). Only the short history of recent values
 * ({@link Progress#value(int)}) starts afresh in every run. A run without trace and listeners allocates nothing
 * per iteration.
 *
 * <p>If a step or a listener throws, the exception reaches the caller unchanged, with a {@link RunSnapshot}
 * attached as a suppressed exception: it holds the last completed iteration's record and the trace so far.
 */
public final class Driver {

    /** How many past values {@link Progress#value(int)} keeps. */
    public static final int HISTORY = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);

    private Driver() {
    }

    /**
     * Runs {@code algorithm} on {@code problem} from {@code state} until a criterion fires.
     *
     * @return the result; the state in it is {@code state} itself, advanced
     */
    public static <P, S extends IterationState> RunResult<S> run(IterativeAlgorithm<P, S> algorithm, P problem,
                                                                S state, SolveOptions options) {
        Functions.requireNonNull("algorithm", algorithm);
        Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("state", state);
        Functions.requireNonNull("options", options);

        List<String> extraNames = algorithm.extraNames();
        Measures m = new Measures(extraNames.size());
        m.bind(state);
        List<IterationListener> listeners = options.listeners();
        boolean recording = options.trace() || !listeners.isEmpty();
        List<IterationRecord> trace = options.trace() ? new ArrayList<>() : null;
        StoppingCriterion convergence = options.convergence();
        StoppingCriterion budgets = budgets(options);
        StoppingCriterion divergence = Criteria.divergence(options.divergenceBound());
        StoppingCriterion nonFinite = Criteria.nonFinite();
        Interrupter interrupter = options.interrupter();
        state.clearRequest();

        long t0 = System.nanoTime();
        IterationRecord lastRecord = null;
        Termination termination = null;
        try {
            m.resetForIteration();
            algorithm.measure(problem, state, m);
            m.afterMeasure(true);
            if (state.hasInitialNorms()) {
                // a resumed state: relative criteria keep referring to the norms of its first run's start
                double g0 = state.initialGradientNorm();
                double d0 = state.initialDerivativeNorm();
                m.restoreInitial(Double.isNaN(g0) ? m.initialGradientNorm() : g0,
                        Double.isNaN(d0) ? m.initialDerivativeNorm() : d0);
            }
            if (recording) {
                lastRecord = m.snapshot(extraNames);
                if (trace != null) {
                    trace.add(lastRecord);
                }
                termination = notify(listeners, lastRecord);
            }
            if (termination == null) {
                termination = verdict(state, m, nonFinite, divergence, convergence);
            }
            while (termination == null) {
                state.addElapsed(System.nanoTime() - t0);
                t0 = System.nanoTime();
                if (interrupter != null && interrupter.isInterrupted()) {
                    termination = Termination.INTERRUPTED;
                    break;
                }
                termination = budgets.check(m);
                if (termination != null) {
                    break;
                }
                algorithm.step(problem, state);
                state.advanceIteration();
                m.resetForIteration();
                algorithm.measure(problem, state, m);
                m.afterMeasure(false);
                if (recording) {
                    IterationRecord r = m.snapshot(extraNames);
                    lastRecord = r;
                    if (trace != null) {
                        trace.add(r);
                    }
                    termination = notify(listeners, r);
                    if (termination != null) {
                        break;
                    }
                }
                termination = verdict(state, m, nonFinite, divergence, convergence);
            }
        } catch (RuntimeException | Error e) {
            state.addElapsed(System.nanoTime() - t0);
            state.recordInitialNorms(m.initialGradientNorm(), m.initialDerivativeNorm());
            e.addSuppressed(new RunSnapshot(lastRecord,
                    trace == null ? Trace.empty() : Trace.of(trace, extraNames), state.iteration()));
            throw e;
        }
        state.addElapsed(System.nanoTime() - t0);
        state.recordInitialNorms(m.initialGradientNorm(), m.initialDerivativeNorm());
        IterationRecord last = m.snapshot(extraNames);
        for (IterationListener l : listeners) {
            l.onFinish(termination, last);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} ended: {} after {} iterations, value {}, gradient norm {}", algorithm.describe(),
                    termination, state.iteration(), last.value(), last.gradientNorm());
        }
        return new RunResult<>(state, termination, last,
                trace == null ? Trace.empty() : Trace.of(trace, extraNames), algorithm.describe());
    }

    private static Termination verdict(IterationState state, Measures m, StoppingCriterion nonFinite,
                                       StoppingCriterion divergence, StoppingCriterion convergence) {
        Termination requested = state.requestedTermination();
        if (requested != null) {
            return requested;
        }
        Termination t = nonFinite.check(m);
        if (t != null) {
            return t;
        }
        t = divergence.check(m);
        if (t != null) {
            return t;
        }
        return convergence.check(m);
    }

    private static Termination notify(List<IterationListener> listeners, IterationRecord r) {
        Termination t = null;
        for (IterationListener l : listeners) {
            if (l.onIteration(r) == IterationListener.Decision.STOP) {
                t = Termination.STOPPED_BY_LISTENER;
            }
        }
        return t;
    }

    private static StoppingCriterion budgets(SolveOptions o) {
        StoppingCriterion c = Criteria.maxIterations(o.maxIterations());
        if (o.maxEvaluations() != Long.MAX_VALUE) {
            c = c.or(Criteria.maxEvaluations(o.maxEvaluations()));
        }
        if (o.timeLimit() != null) {
            c = c.or(Criteria.timeLimit(o.timeLimit()));
        }
        return c;
    }

    /**
     * Attached (suppressed) to an exception thrown by a user function or listener during a run: the last
     * completed iteration's record and the trace up to it, so nothing computed is lost.
     */
    public static final class RunSnapshot extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient IterationRecord lastCompleted;
        private final transient Trace trace;
        private final int iteration;

        RunSnapshot(IterationRecord lastCompleted, Trace trace, int iteration) {
            super("run state when the exception was thrown: " + iteration + " completed iterations", null, false,
                    false);
            this.lastCompleted = lastCompleted;
            this.trace = trace;
            this.iteration = iteration;
        }

        /** @return the record of the last completed iteration, or null if none was recorded. */
        public IterationRecord lastCompleted() {
            return lastCompleted;
        }

        /** @return the trace up to the failure (empty when tracing was off). */
        public Trace trace() {
            return trace;
        }

        /** @return completed iterations when the exception was thrown. */
        public int iteration() {
            return iteration;
        }
    }
}
