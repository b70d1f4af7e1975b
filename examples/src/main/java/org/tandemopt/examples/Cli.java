package org.tandemopt.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.tandemopt.core.monitor.Interrupter;
import org.tandemopt.examples.compare.ComparisonReport;
import org.tandemopt.examples.compare.ConvergencePlots;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Shared plumbing of the subcommands: Ctrl-C handling and writing a report. */
final class Cli {

    private Cli() {
    }

    /**
     * A Ctrl-C (JVM shutdown) while a comparison runs interrupts it and waits up to 20 s for the finished runs
     * to be written. Call {@link Guard#close()} when done.
     */
    static final class Guard implements AutoCloseable {
        final Interrupter interrupter = new Interrupter();
        private final CountDownLatch done = new CountDownLatch(1);
        private final Thread hook;

        Guard() {
            ConvergencePlots.initialize(); // before any Ctrl-C: font loading adds shutdown hooks of its own
            hook = new Thread(() -> {
                interrupter.interrupt();
                try {
                    done.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tandem-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is waiting for done, which is now counted down
            }
        }
    }

    /**
     * Refuses an option value outside its documented range with a usage error naming the option, the value and
     * what was expected (picocli prints the message and the usage, exit code 2). Numbers must also be finite:
     * picocli reads "Infinity" and "1e400" as doubles.
     */
    static void require(CommandSpec spec, boolean ok, String option, Object value, String expected) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), option + " = " + value + ", expected " + expected);
        }
    }

    /** @return whether {@code v} is a finite number {@code > 0}. */
    static boolean positive(double v) {
        return v > 0 && Double.isFinite(v);
    }

    /** @return whether {@code v} is a finite number {@code >= 0}. */
    static boolean nonNegative(double v) {
        return v >= 0 && Double.isFinite(v);
    }

    /** Prints the report's Markdown and writes every file into {@code dir}; returns the files. */
    static List<Path> publish(ComparisonReport report, Path dir, int width, int height, PrintWriter out) {
        out.println(report.markdown());
        List<Path> files = report.writeAll(dir, width, height);
        out.println("Wrote " + files.size() + " files to " + dir.toAbsolutePath().normalize()
                + " (comparison.md, runs.csv, runs.json and the PNG convergence plots).");
        out.flush();
        return files;
    }
}
