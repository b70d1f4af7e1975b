package org.tandemopt.examples.bench.autodiff;

import java.util.Arrays;
import java.util.Locale;

/**
 * A load-robust companion of {@link AutoDiffBenchmark}: runs the same operations <em>interleaved</em> in rounds
 * (value, gradient, hand-written gradient, HVP, value, …) and reports per-operation medians and the ratios the
 * AD budget is stated in. On a shared machine whose load drifts during a JMH run (which measures one benchmark
 * after another), interleaving keeps every ratio's numerator and denominator under the same load.
 *
 * <p>Run: {@code java -cp examples/target/tandem.jar org.tandemopt.examples.bench.autodiff.AutoDiffRatios [rounds]}
 * (default 41 rounds, the first 10 discarded as warm-up; about 30 s on an idle core).
 */
public final class AutoDiffRatios {

    private AutoDiffRatios() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
        int warm = Math.min(10, rounds / 4);
        AutoDiffBenchmark b = new AutoDiffBenchmark();
        AutoDiffBenchmark.Logistic l = new AutoDiffBenchmark.Logistic();
        l.setUp();
        AutoDiffBenchmark.Network n = new AutoDiffBenchmark.Network();
        n.setUp();
        String[] names = {"logisticValueAd", "logisticValueHand", "logisticGradientAd", "logisticGradientHand",
            "logisticHvpAd", "logisticHvpAdSamePoint", "networkValueAd", "networkGradientAd", "networkGradientHand",
            "networkHvpAd"};
        int[] reps = {200, 200, 200, 200, 200, 200, 5, 5, 5, 5};
        double[][] t = new double[names.length][rounds];
        double sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.length; k++) {
                long start = System.nanoTime();
                for (int r = 0; r < reps[k]; r++) {
                    switch (k) {
                        case 0 -> sink += b.logisticValueAd(l);
                        case 1 -> sink += b.logisticValueHand(l);
                        case 2 -> sink += b.logisticGradientAd(l);
                        case 3 -> sink += b.logisticGradientHand(l);
                        case 4 -> sink += b.logisticHvpAd(l)[0];
                        case 5 -> sink += b.logisticHvpAdSamePoint(l)[0];
                        case 6 -> sink += b.networkValueAd(n);
                        case 7 -> sink += b.networkGradientAd(n);
                        case 8 -> sink += b.networkGradientHand(n);
                        default -> sink += b.networkHvpAd(n)[0];
                    }
                }
                t[k][round] = (System.nanoTime() - start) / 1e3 / reps[k];
            }
        }
        double[] med = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            double[] x = Arrays.copyOfRange(t[k], warm, rounds);
            Arrays.sort(x);
            med[k] = x[x.length / 2];
            System.out.printf(Locale.ROOT, "%-24s %12.1f us/op (median of %d rounds)%n", names[k], med[k], x.length);
        }
        System.out.printf(Locale.ROOT, "logistic 1000x100: gradient/value %.2f, gradient/hand %.2f, HVP/value %.2f,"
                + " HVP at a repeated point/value %.2f%n", med[2] / med[0], med[2] / med[3], med[4] / med[0],
                med[5] / med[0]);
        System.out.printf(Locale.ROOT, "network 1000x100x32: gradient/value %.2f, gradient/hand %.2f, HVP/value %.2f%n",
                med[7] / med[6], med[7] / med[8], med[9] / med[6]);
        if (sink == 0.123456789) {
            System.out.println();
        }
    }
}
