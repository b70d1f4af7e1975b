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
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
                    try {
                        v[j] = Double.parseDouble(parts[j].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(path + " line " + lineNo + " column " + (j + 1)
                                + ": '" + parts[j] + "' is not a number", e);
                    }
                    if (!Double.isFinite(v[j])) {
                        throw new IllegalArgumentException(path + " line " + lineNo + " column " + (j + 1)
                                + ": " + parts[j] + " is not finite");
                    }
                }
                lines.add(v);
            }
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(path + ": no data lines");
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
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
