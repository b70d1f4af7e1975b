package org.tandemopt.examples.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/**
 * The solver-comparison harness: every contender × every problem × every seed, each under the same
 * {@link SolveOptions} (budget, tolerance), with traces recorded, summarized into a {@link ComparisonReport}
 * (Markdown table, CSV, JSON, PNG convergence plots).
 *
 * <p><b>JVM warm-up policy.</b> By default ({@link Builder#warmUp(boolean)}) each contender first runs once on
 * the first problem and first seed; that run JIT-compiles the solver's code and is discarded. Only the runs
 * after it are reported. The report states the policy, so timings are read as warm-JVM timings.
 *
 * <p><b>Progress and interruption.</b> A progress line (run k of N, solver, problem, iteration, value,
 * stationarity, elapsed time) goes to the progress sink at most once per {@link Builder#progressInterval}
 * (default 2 s; the default sink is this class's SLF4J logger at INFO). The {@link Interrupter} given to
 * {@link Builder#interrupter} ends the current run with {@link Termination#INTERRUPTED} and skips the rest:
 * the report keeps every run that finished, the interrupted one included, and says it was interrupted.
 *
 * <p>Immutable once built; {@link #run()} may be called again (each call runs everything afresh).
 *
 * <pre>{@code
 * ComparisonReport report = SolverComparison.<BilevelProblem>builder()
 *         .title("B3 ridge").problem(ProblemCase.of("B3", problem, new double[] {-6.1843600689}))
 *         .contender(Contender.of("AID", (p, o) -> Outcome.of(aid.solve(p, o))))
 *         .options(SolveOptions.builder().maxIterations(200).gradientTolerance(1e-9).build())
 *         .build().run();
 * report.writeAll(Path.of("target/b3"));
 * }</pre>
 *
 * @param <P> the problem type (a {@code DifferentiableFunction}, a {@code BilevelProblem}, a
 *            {@code MinMaxProblem}, or any type the contenders understand)
 */
public final class SolverComparison<P> {

    private static final Logger LOG = LoggerFactory.getLogger(SolverComparison.class);

    private final String title;
    private final List<String> notes;
    private final List<Contender<P>> contenders;
    private final List<ProblemCase<P>> problems;
    private final long[] seeds;
    private final SolveOptions options;
    private final boolean warmUp;
    private final Interrupter interrupter;
    private final Consumer<String> progress;
    private final long progressNanos;

    private SolverComparison(Builder<P> b) {
        this.title = b.title;
        this.notes = List.copyOf(b.notes);
        this.contenders = List.copyOf(b.contenders);
        this.problems = List.copyOf(b.problems);
        this.seeds = b.seeds.clone();
        this.options = b.options;
        this.warmUp = b.warmUp;
        this.interrupter = b.interrupter;
        this.progress = b.progress;
        this.progressNanos = b.progressInterval.toNanos();
    }

    /** @return a builder: no contenders or problems yet, seed 0, {@code SolveOptions.defaults()}, warm-up on. */
    public static <P> Builder<P> builder() {
        return new Builder<>();
    }

    /**
     * Runs every contender on every problem and seed.
     *
     * @return the report, with the runs that finished (all of them unless interrupted)
     */
    public ComparisonReport run() {
        int total = contenders.size() * problems.size() * seeds.length; // skips included
        List<RunSummary> runs = new ArrayList<>(total);
        ProgressListener listener = new ProgressListener(total);
        SolveOptions base = options.toBuilder().trace(true).interrupter(interrupter).listener(listener).build();
        boolean interrupted = false;
        List<String> skips = new ArrayList<>();
        int k = 0;
        outer:
        for (Contender<P> c : contenders) {
            boolean warm = !warmUp;
            for (ProblemCase<P> pc : problems) {
                for (long seed : seeds) {
                    if (interrupter.isInterrupted()) {
                        interrupted = true;
                        break outer;
                    }
                    P instance = pc.instance().apply(seed);
                    ++k;
                    if (!c.applicable().test(instance)) {
                        skips.add(c.name() + " on " + pc.name() + (c.reason().isEmpty() ? "" : " (" + c.reason() + ")"));
                        continue;
                    }
                    if (!warm) {
                        listener.start(k, c.name() + " (warm-up)", pc.name(), seed);
                        c.runner().run(instance, base);
                        warm = true;
                        if (interrupter.isInterrupted()) {
                            interrupted = true;
                            break outer;
                        }
                    }
                    listener.start(k, c.name(), pc.name(), seed);
                    Outcome o = c.runner().run(instance, base);
                    runs.add(summarize(c.name(), pc, seed, o));
                    if (o.termination() == Termination.INTERRUPTED) {
                        interrupted = true;
                        break outer;
                    }
                }
            }
        }
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.add(warmUp
                ? "JVM warm-up: each solver ran once untimed on its first problem and seed before its timed runs, "
                        + "to JIT-compile its code; that first run is excluded from the table."
                : "JVM warm-up: none (every run is reported, the first ones include JIT compilation).");
        allNotes.add("Budget, the same for every solver: at most " + options.maxIterations() + " iterations"
                + (options.maxEvaluations() == Long.MAX_VALUE ? "" : ", " + options.maxEvaluations() + " evaluations")
                + (options.timeLimit() == null ? "" : ", time limit " + options.timeLimit()) + ".");
        if (!skips.isEmpty()) {
            allNotes.add("Skipped (not applicable): " + String.join("; ", skips) + ".");
        }
        if (interrupted) {
            allNotes.add("Interrupted: " + runs.size() + " of " + total + " runs finished and are reported.");
        }
        return new ComparisonReport(title, allNotes, runs, problemNames(), contenderNames(), interrupted);
    }

    private List<String> problemNames() {
        return problems.stream().map(ProblemCase::name).toList();
    }

    private List<String> contenderNames() {
        return contenders.stream().map(Contender::name).toList();
    }

    private static <P> RunSummary summarize(String solver, ProblemCase<P> pc, long seed, Outcome o) {
        double distance = o.distanceToSolution();
        double[] xs = pc.solution();
        if (Double.isNaN(distance) && xs != null && xs.length == o.x().length) {
            double[] d = o.x().clone();
            for (int j = 0; j < d.length; j++) {
                d[j] -= xs[j];
            }
            distance = Vectors.norm2(d);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (ProblemCase.Metric m : pc.metrics()) {
            metrics.put(m.name(), m.evaluation().apply(o.x(), o.y() == null ? null : o.y()));
        }
        return new RunSummary(solver, pc.name(), seed, o.termination(), o.iterations(), o.value(), o.gradientNorm(),
                distance, o.valueEvaluations(), o.gradientEvaluations(), o.secondOrderEvaluations(),
                o.wallTime().toNanos() / 1e6, metrics, o.x(), o.trace());
    }

    /** Emits a throttled progress line; never stops a run. */
    private final class ProgressListener implements IterationListener {
        private final int total;
        private volatile String label = "";
        private long last = System.nanoTime();

        ProgressListener(int total) {
            this.total = total;
        }

        void start(int k, String solver, String problem, long seed) {
            label = String.format(Locale.ROOT, "[%d/%d] %s on %s (seed %d)", k, total, solver, problem, seed);
        }

        @Override
        public Decision onIteration(IterationRecord r) {
            long now = System.nanoTime();
            if (now - last >= progressNanos) {
                last = now;
                progress.accept(String.format(Locale.ROOT, "%s: iteration %d, value %.6g, gradient norm %.3g, %.1f s",
                        label, r.iteration(), r.value(), r.gradientNorm(), r.elapsedNanos() / 1e9));
            }
            return Decision.CONTINUE;
        }
    }

    /** Validated builder. */
    public static final class Builder<P> {
        private String title = "Solver comparison";
        private final List<String> notes = new ArrayList<>();
        private final List<Contender<P>> contenders = new ArrayList<>();
        private final List<ProblemCase<P>> problems = new ArrayList<>();
        private long[] seeds = {0};
        private SolveOptions options = SolveOptions.defaults();
        private boolean warmUp = true;
        private Interrupter interrupter = new Interrupter();
        private Consumer<String> progress = LOG::info;
        private Duration progressInterval = Duration.ofSeconds(2);

        private Builder() {
        }

        /** The report's title (default "Solver comparison"). */
        public Builder<P> title(String t) {
            this.title = Functions.requireNonNull("title", t);
            return this;
        }

        /** A line of context the report prints under the title (data, split, settings). */
        public Builder<P> note(String line) {
            notes.add(Functions.requireNonNull("note", line));
            return this;
        }

        /** Adds a contender. */
        public Builder<P> contender(Contender<P> c) {
            contenders.add(Functions.requireNonNull("contender", c));
            return this;
        }

        /** Adds contenders. */
        public Builder<P> contenders(List<Contender<P>> cs) {
            Functions.requireNonNull("contenders", cs).forEach(this::contender);
            return this;
        }

        /** Adds a problem. */
        public Builder<P> problem(ProblemCase<P> p) {
            problems.add(Functions.requireNonNull("problem", p));
            return this;
        }

        /** The seeds every (contender, problem) pair runs with (default {0}); at least one. */
        public Builder<P> seeds(long... s) {
            if (s == null || s.length == 0) {
                throw new IllegalArgumentException("seeds is empty, expected at least one seed");
            }
            this.seeds = s.clone();
            return this;
        }

        /** The shared budget and stopping rule (default {@code SolveOptions.defaults()}); traces are forced on. */
        public Builder<P> options(SolveOptions o) {
            this.options = Functions.requireNonNull("options", o);
            return this;
        }

        /** Whether each contender first runs once untimed (JIT warm-up, default true). */
        public Builder<P> warmUp(boolean on) {
            this.warmUp = on;
            return this;
        }

        /** The interrupter that stops the comparison, keeping the finished runs (default a fresh one). */
        public Builder<P> interrupter(Interrupter i) {
            this.interrupter = Functions.requireNonNull("interrupter", i);
            return this;
        }

        /** Where progress lines go (default the SLF4J logger at INFO). */
        public Builder<P> progress(Consumer<String> sink) {
            this.progress = Functions.requireNonNull("progress", sink);
            return this;
        }

        /** The least time between two progress lines (default 2 s), positive. */
        public Builder<P> progressInterval(Duration d) {
            Functions.requireNonNull("progressInterval", d);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("progressInterval = " + d + ", expected a positive duration");
            }
            this.progressInterval = d;
            return this;
        }

        /** @return the comparison; needs at least one contender and one problem. */
        public SolverComparison<P> build() {
            if (contenders.isEmpty()) {
                throw new IllegalArgumentException("contenders is empty, expected at least one contender");
            }
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("problems is empty, expected at least one problem");
            }
            return new SolverComparison<>(this);
        }
    }
}
