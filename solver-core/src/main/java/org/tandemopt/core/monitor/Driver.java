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
 *
 * <p><b>Checkpoints.</b> With {@link SolveOptions.Builder#checkpointEvery} the driver writes the state's
 * {@link Resumable#toCheckpoint()} (with the trace so far when tracing is on) to the given file at the start,
 * after every {@code n}-th completed iteration and once more when the run ends (not when it ends by an exception: the state
 * may then be mid-step, and the previous file is kept). A run continued from such a file by the algorithm's
 * {@code restore}, with {@link #run(IterativeAlgorithm, Object, IterationState, SolveOptions, Trace)} and the
 * file's trace, gives the iterates, counters and trace of the uninterrupted run.
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
        return run(algorithm, problem, state, options, Trace.empty());
    }

    /**
     * Continues a run whose earlier iterations are recorded in {@code prior} (the trace of the run that produced
     * {@code state}, e.g. {@link Checkpoint#trace()}): with tracing on, the result's trace is {@code prior}
     * followed by this run's records, the start record not repeated when {@code prior} already ends at the
     * state's iteration. Listeners see this run's records, its start included.
     *
     * @throws IllegalArgumentException if {@code prior}'s extra columns are not the algorithm's, or it ends
     *                                  after the state's iteration
     */
    public static <P, S extends IterationState> RunResult<S> run(IterativeAlgorithm<P, S> algorithm, P problem,
                                                                S state, SolveOptions options, Trace prior) {
        Functions.requireNonNull("algorithm", algorithm);
        Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("state", state);
        Functions.requireNonNull("options", options);
        Functions.requireNonNull("prior", prior);

        List<String> extraNames = algorithm.extraNames();
        if (!prior.isEmpty()) {
            if (!prior.extraNames().equals(extraNames)) {
                throw new IllegalArgumentException("prior trace extras = " + prior.extraNames() + ", expected "
                        + extraNames + " (the extras of " + algorithm.describe() + ")");
            }
            if (prior.last().iteration() > state.iteration()) {
                throw new IllegalArgumentException("prior trace ends at iteration " + prior.last().iteration()
                        + ", expected at most the state's iteration " + state.iteration());
            }
        }
        Resumable<?> saving = null;
        if (options.checkpointFile() != null) {
            if (!(state instanceof Resumable)) {
                throw new IllegalArgumentException("options.checkpointEvery: the state of " + algorithm.describe()
                        + " (" + state.getClass().getSimpleName() + ") cannot be checkpointed; expected a Resumable state");
            }
            saving = (Resumable<?>) state;
        }
        Measures m = new Measures(extraNames.size());
        m.bind(state);
        List<IterationListener> listeners = options.listeners();
        boolean recording = options.trace() || !listeners.isEmpty();
        List<IterationRecord> trace = options.trace() ? new ArrayList<>(prior.records()) : null;
        boolean skipStart = !prior.isEmpty() && prior.last().iteration() == state.iteration();
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
            // kept in the state from the start, so that a checkpoint written mid-run carries them too
            state.recordInitialNorms(m.initialGradientNorm(), m.initialDerivativeNorm());
            if (recording) {
                lastRecord = m.snapshot(extraNames);
                if (trace != null && !skipStart) {
                    trace.add(lastRecord);
                }
                termination = notify(listeners, lastRecord);
            }
            if (termination == null) {
                termination = verdict(state, m, nonFinite, divergence, convergence);
            }
            if (termination == null && saving != null) {
                save(saving, trace, extraNames, options);
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
                if (termination == null && saving != null && state.iteration() % options.checkpointInterval() == 0) {
                    save(saving, trace, extraNames, options);
                }
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
        if (saving != null) {
            save(saving, trace, extraNames, options);
        }
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

    private static void save(Resumable<?> state, List<IterationRecord> trace, List<String> extraNames,
                             SolveOptions options) {
        Checkpoint c = state.toCheckpoint();
        if (trace != null) {
            c = c.withTrace(Trace.of(trace, extraNames));
        }
        c.write(options.checkpointFile());
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
