package org.tandemopt.examples.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.monitor.IterationRecord;

/**
 * The result of a {@link SolverComparison}: the runs in order, the notes (data, budget, warm-up policy,
 * interruption) and writers for a Markdown table, CSV, JSON and PNG convergence plots. Immutable.
 *
 * <p>Files written by {@link #writeAll(Path)}: {@code comparison.md} (notes and table), {@code runs.csv} (one
 * row per run), {@code runs.json} (notes, runs and their traces: iteration, value, gradient norm, elapsed
 * milliseconds, evaluations) and, per problem, {@code <problem>-iterations.png} and {@code <problem>-time.png}
 * ({@link ConvergencePlots}).
 */
public final class ComparisonReport {

    private final String title;
    private final List<String> notes;
    private final List<RunSummary> runs;
    private final List<String> problems;
    private final List<String> solvers;
    private final boolean interrupted;

    /**
     * @param title       the title
     * @param notes       context lines
     * @param runs        the finished runs
     * @param problems    the problem names in order
     * @param solvers     the contender names in order
     * @param interrupted whether the comparison was interrupted before the end
     */
    public ComparisonReport(String title, List<String> notes, List<RunSummary> runs, List<String> problems,
                            List<String> solvers, boolean interrupted) {
        this.title = Functions.requireNonNull("title", title);
        this.notes = List.copyOf(notes);
        this.runs = List.copyOf(runs);
        this.problems = List.copyOf(problems);
        this.solvers = List.copyOf(solvers);
        this.interrupted = interrupted;
    }

    /** @return the title. */
    public String title() { return title; }

    /** @return the notes (data, budget, warm-up policy, interruption). */
    public List<String> notes() { return notes; }

    /** @return the finished runs, in the order they ran. */
    public List<RunSummary> runs() { return runs; }

    /** @return the problem names, in order. */
    public List<String> problems() { return problems; }

    /** @return the contender names, in order. */
    public List<String> solvers() { return solvers; }

    /** @return whether the comparison was interrupted (then {@link #runs()} holds the runs that finished). */
    public boolean interrupted() { return interrupted; }

    /** @return the runs on one problem. */
    public List<RunSummary> runsOn(String problem) {
        return runs.stream().filter(r -> r.problem().equals(problem)).toList();
    }

    private boolean anyDistance() {
        return runs.stream().anyMatch(r -> !Double.isNaN(r.distanceToSolution()));
    }

    private boolean severalSeeds() {
        return runs.stream().map(RunSummary::seed).distinct().count() > 1;
    }

    private List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.metrics().keySet()));
        return new ArrayList<>(names);
    }

    /** @return the Markdown table, one row per run, without the title and notes. */
    public String markdownTable() {
        boolean distance = anyDistance();
        boolean seeds = severalSeeds();
        boolean severalProblems = problems.size() > 1;
        List<String> metrics = metricNames();
        StringBuilder sb = new StringBuilder();
        sb.append("| solver |");
        if (severalProblems) {
            sb.append(" problem |");
        }
        if (seeds) {
            sb.append(" seed |");
        }
        sb.append(" termination | iterations | values | gradients | 2nd-order | time (ms) | final value | final ‖∇‖ |");
        if (distance) {
            sb.append(" distance to solution |");
        }
        metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
        sb.append('\n').append("|---|");
        if (severalProblems) {
            sb.append("---|");
        }
        if (seeds) {
            sb.append("---:|");
        }
        sb.append("---|---:|---:|---:|---:|---:|---:|---:|");
        if (distance) {
            sb.append("---:|");
        }
        metrics.forEach(m -> sb.append("---:|"));
        sb.append('\n');
        for (RunSummary r : runs) {
            sb.append("| ").append(r.solver()).append(" |");
            if (severalProblems) {
                sb.append(' ').append(r.problem()).append(" |");
            }
            if (seeds) {
                sb.append(' ').append(r.seed()).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %s | %d | %d | %d | %d | %.1f | %s | %.2e |", r.termination(),
                    r.iterations(), r.valueEvaluations(), r.gradientEvaluations(), r.secondOrderEvaluations(),
                    r.wallMillis(), number(r.value()), r.gradientNorm()));
            if (distance) {
                sb.append(String.format(Locale.ROOT, " %.2e |", r.distanceToSolution()));
            }
            for (String m : metrics) {
                sb.append(' ').append(number(r.metric(m))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return the title, the notes and the table, as Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("## ").append(title).append("\n\n");
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        sb.append('\n').append(markdownTable());
        return sb.toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e6) {
            return Long.toString((long) v);
        }
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.6e", v)
                : String.format(Locale.ROOT, "%.8f", v);
    }

    /** @return the CSV text: a header line, then one line per run (numbers in full precision). */
    public String csv() {
        List<String> metrics = metricNames();
        StringBuilder sb = new StringBuilder("solver,problem,seed,termination,iterations,value_evaluations,"
                + "gradient_evaluations,second_order_evaluations,wall_ms,value,gradient_norm,distance_to_solution");
        metrics.forEach(m -> sb.append(',').append(csvField(m)));
        sb.append('\n');
        for (RunSummary r : runs) {
            sb.append(csvField(r.solver())).append(',').append(csvField(r.problem())).append(',').append(r.seed())
                    .append(',').append(r.termination()).append(',').append(r.iterations()).append(',')
                    .append(r.valueEvaluations()).append(',').append(r.gradientEvaluations()).append(',')
                    .append(r.secondOrderEvaluations()).append(',').append(r.wallMillis()).append(',')
                    .append(r.value()).append(',').append(r.gradientNorm()).append(',')
                    .append(r.distanceToSolution());
            for (String m : metrics) {
                sb.append(',').append(r.metric(m));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** @return the JSON text: title, notes, interrupted flag and every run with its summary and trace. */
    public String json() {
        StringBuilder sb = new StringBuilder("{\n  \"title\": ").append(jsonString(title)).append(",\n  \"notes\": [");
        for (int i = 0; i < notes.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(jsonString(notes.get(i)));
        }
        sb.append("],\n  \"interrupted\": ").append(interrupted).append(",\n  \"runs\": [");
        for (int i = 0; i < runs.size(); i++) {
            RunSummary r = runs.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"solver\": ").append(jsonString(r.solver()))
                    .append(", \"problem\": ").append(jsonString(r.problem())).append(", \"seed\": ").append(r.seed())
                    .append(", \"termination\": ").append(jsonString(r.termination().name()))
                    .append(", \"iterations\": ").append(r.iterations())
                    .append(", \"valueEvaluations\": ").append(r.valueEvaluations())
                    .append(", \"gradientEvaluations\": ").append(r.gradientEvaluations())
                    .append(", \"secondOrderEvaluations\": ").append(r.secondOrderEvaluations())
                    .append(", \"wallMillis\": ").append(jsonNumber(r.wallMillis()))
                    .append(", \"value\": ").append(jsonNumber(r.value()))
                    .append(", \"gradientNorm\": ").append(jsonNumber(r.gradientNorm()))
                    .append(", \"distanceToSolution\": ").append(jsonNumber(r.distanceToSolution()))
                    .append(", \"metrics\": {");
            int k = 0;
            for (var e : r.metrics().entrySet()) {
                sb.append(k++ == 0 ? "" : ", ").append(jsonString(e.getKey())).append(": ")
                        .append(jsonNumber(e.getValue()));
            }
            sb.append("}, \"x\": ").append(jsonArray(r.x()));
            List<IterationRecord> rec = r.trace().records();
            double[] it = new double[rec.size()];
            double[] val = new double[rec.size()];
            double[] grad = new double[rec.size()];
            double[] ms = new double[rec.size()];
            double[] ev = new double[rec.size()];
            for (int j = 0; j < rec.size(); j++) {
                IterationRecord q = rec.get(j);
                it[j] = q.iteration();
                val[j] = q.value();
                grad[j] = q.gradientNorm();
                ms[j] = q.elapsedNanos() / 1e6;
                ev[j] = q.totalEvaluations();
            }
            sb.append(", \"trace\": {\"iteration\": ").append(jsonArray(it)).append(", \"value\": ")
                    .append(jsonArray(val)).append(", \"gradientNorm\": ").append(jsonArray(grad))
                    .append(", \"elapsedMillis\": ").append(jsonArray(ms)).append(", \"evaluations\": ")
                    .append(jsonArray(ev)).append("}}");
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String jsonArray(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(jsonNumber(v[i]));
        }
        return sb.append(']').toString();
    }

    /** JSON has no NaN or infinity: they are written as {@code null}; integers without a fraction. */
    private static String jsonNumber(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Writes {@code comparison.md}, {@code runs.csv}, {@code runs.json} and the convergence plots (800 × 500
     * pixels) into {@code directory}, creating it if needed.
     *
     * @return the files written, in that order
     * @throws UncheckedIOException when a file cannot be written
     */
    public List<Path> writeAll(Path directory) {
        return writeAll(directory, 800, 500);
    }

    /** As {@link #writeAll(Path)}, with the plots' size in pixels. */
    public List<Path> writeAll(Path directory, int plotWidth, int plotHeight) {
        Functions.requireNonNull("directory", directory);
        try {
            Files.createDirectories(directory);
            List<Path> out = new ArrayList<>();
            out.add(Files.writeString(directory.resolve("comparison.md"), markdown(), StandardCharsets.UTF_8));
            out.add(Files.writeString(directory.resolve("runs.csv"), csv(), StandardCharsets.UTF_8));
            out.add(Files.writeString(directory.resolve("runs.json"), json(), StandardCharsets.UTF_8));
            out.addAll(ConvergencePlots.write(this, directory, plotWidth, plotHeight));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison into " + directory, e);
        }
    }
}
