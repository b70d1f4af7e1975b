package org.tandemopt.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command-line entry point of the examples jar: {@code java -jar examples/target/tandem.jar <command>
 * [options]}. Commands: {@code compare} (the main job: bilevel tuning of per-feature L2 regularization of
 * logistic regression on breast-cancer data), {@code optimizers} (every single-level optimizer on the same
 * data), {@code minmax} (the min-max gallery), {@code ridge} (per-feature ridge regularization on diabetes), {@code lasso} (the
 * Lasso strength on diabetes through the nonsmooth estimators), {@code cleaning}, {@code gan}.
 * Every command has {@code --help}. Runs headless ({@code java.awt.headless=true}).
 */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "Tandem examples 0.1.0-SNAPSHOT",
        description = "Bilevel and min-max optimization examples of the Tandem library.",
        subcommands = {BilevelCompare.class, CompareOptimizers.class, MinMaxGallery.class, RidgeTuning.class, LassoTuning.class, HyperCleaningJob.class, GanGallery.class,
            
            CommandLine.HelpCommand.class})
public final class Tandem implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public Tandem() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Tandem());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        // bad input found while a command runs (the library refusing a value the options let through) is one
        // line naming the argument, exit code 1; any other exception keeps picocli's report with its stack trace
        cl.setExecutionExceptionHandler((ex, command, parsed) -> {
            if (!(ex instanceof IllegalArgumentException)) {
                throw ex;
            }
            command.getErr().println("tandem " + command.getCommandName() + ": " + ex.getMessage());
            command.getErr().flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** Without a command: print the usage and return 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
