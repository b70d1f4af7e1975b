package org.tandemopt.examples;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The command-line entry point of the examples jar: {@code java -jar examples/target/tandem.jar <command> [options]}.
 * Every command prints its own {@code --help}.
 */
public final class Tandem {

    private Tandem() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code (0 success, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "compare":
                return CompareOptimizers.run(rest, out, err);
            default:
                err.println("unknown command '" + args[0] + "'");
                usage(err);
                return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("Tandem examples");
        out.println();
        out.println("usage: java -jar tandem.jar <command> [options]");
        out.println();
        out.println("commands:");
        out.println("  compare   compare the optimizers on L2-regularized logistic regression (breast-cancer data)");
        out.println();
        out.println("'java -jar tandem.jar <command> --help' describes a command's options.");
    }
}
