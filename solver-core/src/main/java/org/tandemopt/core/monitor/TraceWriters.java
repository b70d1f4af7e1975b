package org.tandemopt.core.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.tandemopt.core.function.Functions;

/**
 * Writers of traces in CSV and JSON, usable after a run ({@link #writeCsv}, {@link #writeJson}) or live as
 * listeners that stream one line per iteration ({@link #csvListener}). Numbers are written with 17
 * significant digits, so a trace read back reproduces the doubles exactly; NaN and infinities are written as
 * {@code NaN}, {@code Infinity}, {@code -Infinity} in CSV and as {@code null} in JSON.
 */
public final class TraceWriters {

    private static final String[] BASE = {"iteration", "value", "gradient_norm", "step_norm", "step_size",
        "point_norm", "derivative_norm", "value_evaluations", "gradient_evaluations", "second_order_evaluations",
        "elapsed_nanos"};

    private TraceWriters() {
    }

    /** Writes {@code trace} as CSV with a header line to {@code out}. */
    public static void writeCsv(Trace trace, Path out) {
        Functions.requireNonNull("trace", trace);
        Functions.requireNonNull("out", out);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(csvHeader(trace.extraNames()));
            for (IterationRecord r : trace.records()) {
                w.write(csvLine(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace to " + out, e);
        }
    }

    /** Writes {@code trace} as a JSON object {@code {"columns": [...], "rows": [[...], ...]}} to {@code out}. */
    public static void writeJson(Trace trace, Path out) {
        Functions.requireNonNull("trace", trace);
        Functions.requireNonNull("out", out);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(toJson(trace));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace to " + out, e);
        }
    }

    /** @return the trace as JSON text. */
    public static String toJson(Trace trace) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"columns\": [");
        String[] cols = columns(trace.extraNames());
        for (int i = 0; i < cols.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(escape(cols[i])).append('"');
        }
        sb.append("],\n \"rows\": [");
        boolean first = true;
        for (IterationRecord r : trace.records()) {
            sb.append(first ? "\n  [" : ",\n  [");
            first = false;
            double[] v = row(r);
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ", ");
                if (i == 0 || (i >= 7 && i <= 10)) {
                    sb.append((long) v[i]);
                } else {
                    sb.append(Double.isFinite(v[i]) ? format(v[i]) : "null");
                }
            }
            sb.append(']');
        }
        sb.append("\n ]}\n");
        return sb.toString();
    }

    /**
     * A listener that appends one CSV line per iteration to {@code out} (created or truncated on the first
     * record, flushed every line so a killed run keeps what it computed) and closes the file at the end.
     */
    public static IterationListener csvListener(Path out, java.util.List<String> extraNames) {
        Functions.requireNonNull("out", out);
        Functions.requireNonNull("extraNames", extraNames);
        return new IterationListener() {
            private Writer w;

            @Override
            public Decision onIteration(IterationRecord r) {
                try {
                    if (w == null) {
                        w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                        w.write(csvHeader(extraNames));
                    }
                    w.write(csvLine(r));
                    w.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write trace to " + out, e);
                }
                return Decision.CONTINUE;
            }

            @Override
            public void onFinish(Termination termination, IterationRecord last) {
                if (w != null) {
                    try {
                        w.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot close " + out, e);
                    }
                }
            }
        };
    }

    static String csvHeader(java.util.List<String> extraNames) {
        return String.join(",", columns(extraNames)) + "\n";
    }

    static String csvLine(IterationRecord r) {
        StringBuilder sb = new StringBuilder();
        double[] v = row(r);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (i == 0 || (i >= 7 && i <= 10)) {
                sb.append((long) v[i]);
            } else {
                sb.append(format(v[i]));
            }
        }
        return sb.append('\n').toString();
    }

    private static String[] columns(java.util.List<String> extraNames) {
        String[] c = new String[BASE.length + extraNames.size()];
        System.arraycopy(BASE, 0, c, 0, BASE.length);
        for (int i = 0; i < extraNames.size(); i++) {
            c[BASE.length + i] = extraNames.get(i);
        }
        return c;
    }

    private static double[] row(IterationRecord r) {
        double[] v = new double[BASE.length + r.extras().size()];
        v[0] = r.iteration();
        v[1] = r.value();
        v[2] = r.gradientNorm();
        v[3] = r.stepNorm();
        v[4] = r.stepSize();
        v[5] = r.pointNorm();
        v[6] = r.derivativeNorm();
        v[7] = r.valueEvaluations();
        v[8] = r.gradientEvaluations();
        v[9] = r.secondOrderEvaluations();
        v[10] = r.elapsedNanos();
        int i = BASE.length;
        for (double e : r.extras().values()) {
            v[i++] = e;
        }
        return v;
    }

    private static String format(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%.17g", d);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
