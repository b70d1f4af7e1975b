package org.tandemopt.core.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tandemopt.core.function.Functions;

/**
 * A saved algorithm state: named numbers, arrays and texts in a documented, versioned text format — no Java
 * serialization, readable by any language. Doubles are written with {@link Double#toString(double)}, whose
 * output parses back to the identical double, so a resumed run continues bit for bit.
 *
 * <p>Format version 1, UTF-8, one entry per line:
 * <pre>
 * tandem-checkpoint 1
 * kind &lt;text&gt;                          what wrote it (an algorithm's state class), checked on load
 * long &lt;name&gt; &lt;value&gt;
 * doubles &lt;name&gt; &lt;count&gt; &lt;v_0&gt; ... &lt;v_{count−1}&gt;
 * text &lt;name&gt; &lt;percent-encoded text&gt;
 * end
 * </pre>
 * Names are non-empty and contain no white space. {@link #write} writes to a temporary file and renames it, so a
 * crash mid-write never leaves a truncated checkpoint under the final name.
 *
 * <p>A run's {@link Trace} is stored column by column ({@link Builder#putTrace}, {@link #trace()}): the integer
 * entry {@code trace.size}, one {@code doubles} entry per record field ({@code trace.iteration},
 * {@code trace.value}, {@code trace.gradientNorm}, {@code trace.stepNorm}, {@code trace.stepSize},
 * {@code trace.pointNorm}, {@code trace.derivativeNorm}, {@code trace.valueEvaluations},
 * {@code trace.gradientEvaluations}, {@code trace.secondOrderEvaluations}, {@code trace.elapsedNanos}; counters
 * are exact as doubles below 2<sup>53</sup>), the integer entry {@code trace.extras}, and for each extra column
 * {@code i} the text entry {@code trace.extraName.i} and the {@code doubles} entry {@code trace.extra.i}.
 */
public final class Checkpoint {

    /** The format version this class writes and reads. */
    public static final int FORMAT = 1;
    private static final String MAGIC = "tandem-checkpoint";
    private static final String TRACE_SIZE = "trace.size";
    private static final String[] TRACE_COLUMNS = {"iteration", "value", "gradientNorm", "stepNorm", "stepSize",
        "pointNorm", "derivativeNorm", "valueEvaluations", "gradientEvaluations", "secondOrderEvaluations",
        "elapsedNanos"};

    private final String kind;
    private final Map<String, Object> entries;

    private Checkpoint(String kind, Map<String, Object> entries) {
        this.kind = kind;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** @return a builder for a checkpoint of the given kind. */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** @return what wrote this checkpoint. */
    public String kind() {
        return kind;
    }

    /** @return the entry names, in writing order. */
    public java.util.Set<String> names() {
        return entries.keySet();
    }

    /** @return a copy of the array entry {@code name}. */
    public double[] doubles(String name) {
        return ((double[]) get(name, double[].class)).clone();
    }

    /**
     * Copies the array entry {@code name} into {@code out} (no allocation beyond the lookup).
     *
     * @throws IllegalArgumentException when the entry is missing, not an array, or not of {@code out.length}
     */
    public void doublesInto(String name, double[] out) {
        double[] a = (double[]) get(name, double[].class);
        if (a.length != out.length) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' has " + a.length + " values, expected "
                    + out.length + " (kind " + kind + ")");
        }
        System.arraycopy(a, 0, out, 0, a.length);
    }

    /**
     * Hands a copy of the array entry {@code name} to {@code target} (a memory's {@code restore}), so that a value
     * the target refuses is reported with the entry it came from.
     *
     * @throws IllegalArgumentException when the entry is missing or not an array, or {@code target} refuses it
     *                                  (the message then starts with the entry's name and the checkpoint's kind)
     */
    public void restoreInto(String name, java.util.function.Consumer<double[]> target) {
        double[] values = doubles(name);
        try {
            target.accept(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' (kind " + kind + "): " + e.getMessage(),
                    e);
        }
    }

    /**
     * @return the number entry {@code name}, stored as a one-value array by {@link Builder#putDouble}
     * @throws IllegalArgumentException when the entry is missing or not a one-value array
     */
    public double doubleValue(String name) {
        double[] a = (double[]) get(name, double[].class);
        if (a.length != 1) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' has " + a.length
                    + " values, expected 1 (kind " + kind + ")");
        }
        return a[0];
    }

    /** @return the integer entry {@code name}. */
    public long longValue(String name) {
        return (Long) get(name, Long.class);
    }

    /** @return the text entry {@code name}. */
    public String text(String name) {
        return (String) get(name, String.class);
    }

    /** @throws IllegalArgumentException unless {@code expected} equals {@link #kind()} */
    public Checkpoint requireKind(String expected) {
        if (!kind.equals(expected)) {
            throw new IllegalArgumentException("checkpoint kind = " + kind + ", expected " + expected);
        }
        return this;
    }

    /** @return whether this checkpoint holds a trace (see {@link Builder#putTrace}). */
    public boolean hasTrace() {
        return entries.containsKey(TRACE_SIZE);
    }

    /**
     * @return the trace stored by {@link Builder#putTrace}, or {@link Trace#empty()} when there is none
     * @throws IllegalArgumentException when the trace entries are incomplete or of inconsistent lengths
     */
    public Trace trace() {
        if (!hasTrace()) {
            return Trace.empty();
        }
        long size = longValue(TRACE_SIZE);
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("checkpoint trace.size = " + size + ", expected a count >= 0");
        }
        int n = (int) size;
        double[][] cols = new double[TRACE_COLUMNS.length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = traceColumn("trace." + TRACE_COLUMNS[c], n);
        }
        long extras = longValue("trace.extras");
        if (extras < 0 || extras > 10_000) {
            throw new IllegalArgumentException("checkpoint trace.extras = " + extras + ", expected a count in [0, 10000]");
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        double[][] extra = new double[(int) extras][];
        for (int e = 0; e < extras; e++) {
            names.add(text("trace.extraName." + e));
            extra[e] = traceColumn("trace.extra." + e, n);
        }
        java.util.List<IterationRecord> records = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Double> ex = new LinkedHashMap<>();
            for (int e = 0; e < extra.length; e++) {
                ex.put(names.get(e), extra[e][i]);
            }
            records.add(new IterationRecord((int) cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i],
                    cols[5][i], cols[6][i], (long) cols[7][i], (long) cols[8][i], (long) cols[9][i], (long) cols[10][i],
                    ex));
        }
        return Trace.of(records, names);
    }

    private double[] traceColumn(String name, int n) {
        double[] a = (double[]) get(name, double[].class);
        if (a.length != n) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' has " + a.length + " values, expected "
                    + n + " (trace.size)");
        }
        return a;
    }

    /**
     * @return this checkpoint with {@code trace} added (replacing a trace it holds), for writers that save a
     *         state and the trace of its run together
     */
    public Checkpoint withTrace(Trace trace) {
        Functions.requireNonNull("trace", trace);
        Builder b = new Builder(kind);
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (!e.getKey().startsWith("trace.")) {
                b.add(e.getKey(), e.getValue());
            }
        }
        return b.putTrace(trace).build();
    }

    private Object get(String name, Class<?> type) {
        Object v = entries.get(name);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint has no entry '" + name + "' (kind " + kind + ")");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' is a " + v.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return v;
    }

    /** Writes this checkpoint to {@code path} atomically (temporary file, then rename). */
    public void write(Path path) {
        Functions.requireNonNull("path", path);
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(MAGIC + " " + FORMAT + "\n");
            w.write("kind " + encode(kind) + "\n");
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Long) {
                    w.write("long " + e.getKey() + " " + v + "\n");
                } else if (v instanceof String) {
                    w.write("text " + e.getKey() + " " + encode((String) v) + "\n");
                } else {
                    double[] a = (double[]) v;
                    StringBuilder sb = new StringBuilder("doubles ").append(e.getKey()).append(' ').append(a.length);
                    for (double d : a) {
                        sb.append(' ').append(Double.toString(d));
                    }
                    w.write(sb.append('\n').toString());
                }
            }
            w.write("end\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + path, e);
        }
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move checkpoint into place at " + path, e);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws IllegalArgumentException naming the file and line of anything malformed, or an unknown format version
     */
    public static Checkpoint read(Path path) {
        Functions.requireNonNull("path", path);
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(utf8(path)))) {
            String line = r.readLine();
            int no = 1;
            if (line == null || !line.startsWith(MAGIC + " ")) {
                throw bad(path, no, "expected '" + MAGIC + " " + FORMAT + "'");
            }
            int version = parseInt(path, no, line.substring(MAGIC.length() + 1).trim());
            if (version != FORMAT) {
                throw bad(path, no, "format version " + version + " is not supported (this reader knows " + FORMAT + ")");
            }
            line = r.readLine();
            no++;
            if (line == null || !line.startsWith("kind ")) {
                throw bad(path, no, "expected 'kind <text>'");
            }
            Builder b = new Builder(decode(path, no, line.substring(5)));
            boolean ended = false;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.equals("end")) {
                    ended = true;
                    break;
                }
                String[] p = line.split(" ");
                try {
                    switch (p[0]) {
                        case "long":
                            b.put(p[1], Long.parseLong(p[2]));
                            break;
                        case "text":
                            b.put(p[1], decode(path, no, p.length > 2 ? p[2] : ""));
                            break;
                        case "doubles":
                            int n = Integer.parseInt(p[2]);
                            if (p.length != 3 + n) {
                                throw bad(path, no, "entry '" + p[1] + "' announces " + n + " values but has "
                                        + (p.length - 3));
                            }
                            double[] a = new double[n];
                            for (int i = 0; i < n; i++) {
                                a[i] = Double.parseDouble(p[3 + i]);
                            }
                            b.put(p[1], a);
                            break;
                        default:
                            throw bad(path, no, "unknown entry type '" + p[0] + "'");
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw bad(path, no, "malformed entry: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("checkpoint " + path)) {
                        throw e;
                    }
                    throw bad(path, no, e.getMessage()); // an empty or repeated name
                }
            }
            if (!ended) {
                throw bad(path, no, "missing 'end' (truncated file)");
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path, e);
        }
    }

    /** The file as text; a byte sequence that is not UTF-8 is reported with its line, like any malformed entry. */
    private static String utf8(Path path) throws IOException {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(Files.readAllBytes(path));
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(in).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (in.get(i) == '\n') {
                    line++;
                }
            }
            throw bad(path, line, "byte " + in.position() + " is not valid UTF-8 text");
        }
    }

    /** Percent-decodes {@code s}, naming the file and line when it is malformed. */
    private static String decode(Path path, int line, String s) {
        try {
            return decode(s);
        } catch (IllegalArgumentException e) {
            throw bad(path, line, "malformed percent-encoded text: " + e.getMessage());
        }
    }

    private static int parseInt(Path path, int no, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw bad(path, no, "'" + s + "' is not a format version");
        }
    }

    private static IllegalArgumentException bad(Path path, int line, String what) {
        return new IllegalArgumentException("checkpoint " + path + " line " + line + ": " + what);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Collects entries; names must be unique, non-empty and free of white space. */
    public static final class Builder {
        private final String kind;
        private final Map<String, Object> entries = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = Functions.requireNonNull("kind", kind);
        }

        public Builder put(String name, double[] values) {
            return add(name, Functions.requireNonNull(name, values).clone());
        }

        /** Adds a single number, stored as a one-value {@code doubles} entry (read with {@link #doubleValue}). */
        public Builder putDouble(String name, double value) {
            return add(name, new double[] {value});
        }

        public Builder put(String name, long value) {
            return add(name, value);
        }

        public Builder put(String name, String text) {
            return add(name, Functions.requireNonNull(name, text));
        }

        /** Adds {@code trace} column by column (the format is in the class comment); names start with {@code trace.}. */
        public Builder putTrace(Trace trace) {
            Functions.requireNonNull("trace", trace);
            int n = trace.size();
            double[][] cols = new double[TRACE_COLUMNS.length][n];
            java.util.List<String> names = trace.extraNames();
            double[][] extra = new double[names.size()][n];
            for (int i = 0; i < n; i++) {
                IterationRecord r = trace.get(i);
                cols[0][i] = r.iteration();
                cols[1][i] = r.value();
                cols[2][i] = r.gradientNorm();
                cols[3][i] = r.stepNorm();
                cols[4][i] = r.stepSize();
                cols[5][i] = r.pointNorm();
                cols[6][i] = r.derivativeNorm();
                cols[7][i] = r.valueEvaluations();
                cols[8][i] = r.gradientEvaluations();
                cols[9][i] = r.secondOrderEvaluations();
                cols[10][i] = r.elapsedNanos();
                for (int e = 0; e < extra.length; e++) {
                    extra[e][i] = r.extra(names.get(e));
                }
            }
            add(TRACE_SIZE, (long) n);
            for (int c = 0; c < cols.length; c++) {
                add("trace." + TRACE_COLUMNS[c], cols[c]);
            }
            add("trace.extras", (long) names.size());
            for (int e = 0; e < extra.length; e++) {
                add("trace.extraName." + e, names.get(e));
                add("trace.extra." + e, extra[e]);
            }
            return this;
        }

        private Builder add(String name, Object v) {
            if (name == null || name.isEmpty() || !name.equals(name.replaceAll("\\s", ""))) {
                throw new IllegalArgumentException("name = '" + name + "', expected a non-empty name without white space");
            }
            if (entries.putIfAbsent(name, v) != null) {
                throw new IllegalArgumentException("name = '" + name + "' is already in this checkpoint");
            }
            return this;
        }

        public Checkpoint build() {
            return new Checkpoint(kind, entries);
        }
    }
}
