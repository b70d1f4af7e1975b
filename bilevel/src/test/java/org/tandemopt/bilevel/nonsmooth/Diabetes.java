package org.tandemopt.bilevel.nonsmooth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled diabetes data (src/test/resources/data, see its README): 442 × 10. Rows {@code i ≡ 0 (mod 3)}
 * form the validation set (148), the others the training set (294). Features are standardised and the target
 * centred and scaled with the training mean and standard deviation.
 */
final class Diabetes {

    final double[][] train;
    final double[] trainTarget;
    final double[][] validation;
    final double[] validationTarget;

    private Diabetes(double[][] train, double[] trainTarget, double[][] validation, double[] validationTarget) {
        this.train = train;
        this.trainTarget = trainTarget;
        this.validation = validation;
        this.validationTarget = validationTarget;
    }

    static Diabetes load() {
        List<double[]> rows = read("/data/diabetes_data_raw.csv");
        List<double[]> target = read("/data/diabetes_target.csv");
        int total = rows.size();
        int p = rows.get(0).length;
        int nv = (total + 2) / 3;
        int nt = total - nv;
        double[][] tr = new double[nt][];
        double[] tt = new double[nt];
        double[][] va = new double[nv][];
        double[] vt = new double[nv];
        int a = 0;
        int b = 0;
        for (int i = 0; i < total; i++) {
            if (i % 3 == 0) {
                va[b] = rows.get(i).clone();
                vt[b++] = target.get(i)[0];
            } else {
                tr[a] = rows.get(i).clone();
                tt[a++] = target.get(i)[0];
            }
        }
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (double[] r : tr) {
                mean += r[j];
            }
            mean /= nt;
            double var = 0;
            for (double[] r : tr) {
                var += (r[j] - mean) * (r[j] - mean);
            }
            double sd = Math.sqrt(var / nt);
            for (double[] r : tr) {
                r[j] = (r[j] - mean) / sd;
            }
            for (double[] r : va) {
                r[j] = (r[j] - mean) / sd;
            }
        }
        double mean = 0;
        for (double t : tt) {
            mean += t;
        }
        mean /= nt;
        double var = 0;
        for (double t : tt) {
            var += (t - mean) * (t - mean);
        }
        double sd = Math.sqrt(var / nt);
        for (int i = 0; i < nt; i++) {
            tt[i] = (tt[i] - mean) / sd;
        }
        for (int i = 0; i < nv; i++) {
            vt[i] = (vt[i] - mean) / sd;
        }
        return new Diabetes(tr, tt, va, vt);
    }

    private static List<double[]> read(String resource) {
        try (InputStream in = Diabetes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<double[]> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                double[] row = new double[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    row[j] = Double.parseDouble(parts[j]);
                }
                out.add(row);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ‖Aᵀb‖_∞ / N}: the smallest λ with the zero Lasso solution for {@code h = ‖Ay − b‖²/(2N)}. */
    double lambdaMax() {
        double best = 0;
        for (int j = 0; j < train[0].length; j++) {
            double s = 0;
            for (int i = 0; i < train.length; i++) {
                s += train[i][j] * trainTarget[i];
            }
            best = Math.max(best, Math.abs(s) / train.length);
        }
        return best;
    }

    LeastSquaresLoss lower(int n) {
        return LeastSquaresLoss.of(train, trainTarget, 1.0 / train.length, n);
    }

    LeastSquaresLoss upper(int n) {
        return LeastSquaresLoss.of(validation, validationTarget, 1.0 / validation.length, n);
    }
}
