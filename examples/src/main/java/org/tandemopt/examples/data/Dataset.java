package org.tandemopt.examples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small in-memory dataset: a row-major feature matrix and a target vector. Loaded from the bundled CSV files;
 * a malformed value is reported with the file, line and column.
 */
public final class Dataset {

    /** A plain decimal number: digits with an optional point, sign and exponent (no hex, no 'd'/'f' suffix). */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String name;
    private final int rows;
    private final int cols;
    private final double[] features;
    private final double[] targets;

    public Dataset(String name, int rows, int cols, double[] features, double[] targets) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("dataset " + name + " is empty: " + rows + " x " + cols);
        }
        if (features.length != rows * cols) {
            throw new IllegalArgumentException("features has length " + features.length + ", expected " + rows * cols);
        }
        if (targets.length != rows) {
            throw new IllegalArgumentException("targets has length " + targets.length + ", expected " + rows);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.features = features;
        this.targets = targets;
    }

    /**
     * Loads a bundled classification CSV ({@code breast_cancer.csv}, {@code wine_data.csv}, {@code iris.csv}):
     * a header line, then {@code features...,label} per line.
     */
    public static Dataset loadLabelledCsv(String resource) {
        String path = "/data/" + resource;
        try (InputStream in = Dataset.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("resource = " + path + " not found on the class path");
            }
            return parseLabelledCsv(resource, path,
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Parses a labelled CSV (a header line, then {@code features...,label} per line) read from {@code r};
     * {@code path} names the source in messages.
     *
     * @throws IllegalArgumentException naming the path, line and column of a malformed cell, or the line of a
     *                                  row of another width
     */
    static Dataset parseLabelledCsv(String resource, String path, BufferedReader r) throws IOException {
        String header = r.readLine();
        if (header == null) {
            throw new IllegalArgumentException(path + ": empty file");
        }
        List<double[]> lines = new ArrayList<>();
        String line;
        int lineNo = 1;
        int width = -1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",");
            if (width < 0) {
                width = parts.length;
            } else if (parts.length != width) {
                throw new IllegalArgumentException(path + " line " + lineNo + ": " + parts.length
                        + " columns, expected " + width);
            }
            double[] v = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                v[j] = cell(parts[j].trim(), path, lineNo, j);
            }
            lines.add(v);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(path + ": no data lines");
        }
        if (width < 2) {
            throw new IllegalArgumentException(path + ": " + width + " column, expected features and a label");
        }
        int n = lines.size();
        int p = width - 1;
        double[] x = new double[n * p];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(lines.get(i), 0, x, i * p, p);
            t[i] = lines.get(i)[p];
        }
        return new Dataset(resource, n, p, x, t);
    }

    /**
     * Loads a bundled regression set stored as two whitespace-separated files without header: one line of
     * features per row in {@code featuresResource}, one target per line in {@code targetResource} (for example
     * {@code diabetes_data_raw.csv} and {@code diabetes_target.csv}).
     */
    public static Dataset loadRegression(String featuresResource, String targetResource) {
        List<double[]> x = readNumbers(featuresResource);
        List<double[]> t = readNumbers(targetResource);
        if (x.size() != t.size()) {
            throw new IllegalArgumentException(targetResource + " has " + t.size() + " lines, expected " + x.size()
                    + " (the rows of " + featuresResource + ")");
        }
        int n = x.size();
        int p = x.get(0).length;
        double[] f = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (x.get(i).length != p || t.get(i).length != 1) {
                throw new IllegalArgumentException("row " + (i + 1) + " of " + featuresResource + "/" + targetResource
                        + ": " + x.get(i).length + " features and " + t.get(i).length + " targets, expected " + p
                        + " and 1");
            }
            System.arraycopy(x.get(i), 0, f, i * p, p);
            y[i] = t.get(i)[0];
        }
        return new Dataset(featuresResource, n, p, f, y);
    }

    /** Loads a bundled CSV without header whose last column is the target (for example {@code digits.csv}). */
    public static Dataset loadHeaderlessCsv(String resource) {
        List<double[]> rows = readNumbers(resource);
        int w = rows.get(0).length;
        if (w < 2) {
            throw new IllegalArgumentException(resource + ": " + w + " columns, expected features and a target");
        }
        int n = rows.size();
        double[] f = new double[n * (w - 1)];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            if (rows.get(i).length != w) {
                throw new IllegalArgumentException("/data/" + resource + " row " + (i + 1) + ": "
                        + rows.get(i).length + " columns, expected " + w);
            }
            System.arraycopy(rows.get(i), 0, f, i * (w - 1), w - 1);
            t[i] = rows.get(i)[w - 1];
        }
        return new Dataset(resource, n, w - 1, f, t);
    }

    private static List<double[]> readNumbers(String resource) {
        String path = "/data/" + resource;
        try (InputStream in = Dataset.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("resource = " + path + " not found on the class path");
            }
            return parseNumbers(path, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Parses lines of numbers separated by white space or commas, all as wide as the first; {@code path} names
     * the source in messages.
     */
    static List<double[]> parseNumbers(String path, BufferedReader r) throws IOException {
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("[\\s,]+");
            if (!rows.isEmpty() && parts.length != rows.get(0).length) {
                // a missing or split cell: report the line here, the callers only know row indices
                throw new IllegalArgumentException(path + " line " + lineNo + ": " + parts.length
                        + " columns, expected " + rows.get(0).length);
            }
            double[] v = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                v[j] = cell(parts[j], path, lineNo, j);
            }
            rows.add(v);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + ": no data lines");
        }
        return rows;
    }

    /**
     * Parses one cell (column {@code j}, 0-based). Java's {@link Double#parseDouble} also reads "1d", "2f",
     * "0x1p3", "NaN" and "Infinity", none of which is a number in a data file.
     */
    private static double cell(String text, String path, int lineNo, int j) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(path + " line " + lineNo + " column " + (j + 1) + ": '" + text
                    + "' is not a number");
        }
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(path + " line " + lineNo + " column " + (j + 1) + ": " + text
                    + " is not finite");
        }
        return v;
    }

    /** @return a copy whose targets are standardized (mean 0, standard deviation 1). */
    public Dataset standardizedTargets() {
        double mean = 0;
        for (double v : targets) {
            mean += v;
        }
        mean /= rows;
        double var = 0;
        for (double v : targets) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / rows);
        double[] t = new double[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = sd > 0 ? (targets[i] - mean) / sd : 0.0;
        }
        return new Dataset(name, rows, cols, features.clone(), t);
    }

    public String name() { return name; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    /** @return a copy of the row-major features. */
    public double[] features() { return features.clone(); }
    /** @return a copy of the targets. */
    public double[] targets() { return targets.clone(); }

    /** @return a copy whose every feature column has mean 0 and standard deviation 1 (constant columns left at 0). */
    public Dataset standardized() {
        double[] x = features.clone();
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += x[i * cols + j];
            }
            mean /= rows;
            double var = 0;
            for (int i = 0; i < rows; i++) {
                double d = x[i * cols + j] - mean;
                var += d * d;
            }
            double sd = Math.sqrt(var / rows);
            for (int i = 0; i < rows; i++) {
                x[i * cols + j] = sd > 0 ? (x[i * cols + j] - mean) / sd : 0.0;
            }
        }
        return new Dataset(name, rows, cols, x, targets.clone());
    }

    /** @return a copy with a constant column of ones appended (an intercept). */
    public Dataset withIntercept() {
        int c = cols + 1;
        double[] x = new double[rows * c];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(features, i * cols, x, i * c, cols);
            x[i * c + cols] = 1.0;
        }
        return new Dataset(name, rows, c, x, targets.clone());
    }

    /** @return the rows at {@code index}, in that order. */
    public Dataset subset(int[] index) {
        double[] x = new double[index.length * cols];
        double[] t = new double[index.length];
        for (int k = 0; k < index.length; k++) {
            System.arraycopy(features, index[k] * cols, x, k * cols, cols);
            t[k] = targets[index[k]];
        }
        return new Dataset(name, index.length, cols, x, t);
    }

    /** @return a seeded random permutation of the row indices. */
    public int[] permutation(long seed) {
        int[] p = new int[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
