package org.tandemopt.examples.bench.bilevel;

import java.util.Arrays;
import java.util.Locale;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.hypergradient.EstimatorSession;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;

/**
 * Memory and time of unrolling through {@code K} gradient steps with each memory strategy: the peak number of
 * stored inner states the estimator reports, the bytes they take ({@code states × p × 8}), the median wall time
 * of {@code reps} estimates after one warm-up, and the relative difference of the hypergradient from the
 * store-all one (recomputation must give the same numbers to rounding).
 *
 * <p>Usage: {@code java -cp examples/target/tandem.jar org.tandemopt.examples.bench.bilevel.CheckpointingReport
 * N P K REPS FORM STRATEGY...} with {@code FORM} data or gram and strategies among storeAll, sqrt,
 * recursive16; e.g. {@code 442 10 10000 5 gram storeAll sqrt recursive16}.
 */
public final class CheckpointingReport {

    private CheckpointingReport() {
    }

    public static void main(String[] args) {
        if (args.length < 6) {
            System.err.println("usage: CheckpointingReport N P K REPS data|gram STRATEGY...");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int p = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        RidgeData data = new RidgeData(n, p, 2026);
        BilevelProblem problem = ("gram".equals(args[4]) ? data.ridge.gramForm() : data.ridge).problem(data.t);
        double[] reference = null;
        System.out.printf(Locale.ROOT, "%-12s %8s %12s %10s %12s%n", "memory", "states", "bytes", "ms", "rel.diff");
        for (int a = 5; a < args.length; a++) {
            EstimatorSession s = UnrolledDifferentiation.with(CheckpointingBenchmark.strategy(args[a]))
                    .open(problem, GradientStep.fixed(data.step));
            double[] state = s.initialState(new double[p]);
            double[] times = new double[reps];
            Hypergradient h = null;
            for (int r = -1; r < reps; r++) {
                Arrays.fill(state, 0.0);
                long t0 = System.nanoTime();
                h = s.estimate(data.t, state, k, k, 0);
                if (r >= 0) {
                    times[r] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(times);
            double[] g = h.gradient();
            if (reference == null) {
                reference = g;
            }
            double d = 0;
            double nr = 0;
            for (int j = 0; j < p; j++) {
                d += (g[j] - reference[j]) * (g[j] - reference[j]);
                nr += reference[j] * reference[j];
            }
            int states = h.diagnostics().peakStoredStates();
            System.out.printf(Locale.ROOT, "%-12s %8d %12d %10.2f %12.2e%n", args[a], states, (long) states * p * 8,
                    times[reps / 2], Math.sqrt(d / nr));
        }
    }
}
