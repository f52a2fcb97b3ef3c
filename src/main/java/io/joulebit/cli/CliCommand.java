package io.joulebit.cli;

import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.util.List;

/**
 * One joulebit verb: its name, help text and options, run on parsed values by {@link Cli#execute}. Options are built
 * on each call (a command builds only its own: {@link Main}'s registry creates the one argv names).
 */
public interface CliCommand {
    String name();

    /** Paragraphs under the usage line; the first is the one-line summary in the root's command list. */
    List<String> description();

    /** The command's own options, by long name; {@link Cli} adds -h/--help and -V/--version. */
    Options options();

    /**
     * Labels of the positional parameters after the options, e.g. "FILE" (required) or "[FILE]" (optional): more
     * arguments than labels, or a missing required one, is a usage error.
     */
    default List<String> parameters() {
        return List.of();
    }

    /** Paragraphs after the options: exit codes, an example. */
    default List<String> footer() {
        return List.of();
    }

    /**
     * Runs on the parsed values; returns the exit code. A {@link UsageException} (the typed getters of {@link Args}
     * raise one) exits 2 with its one line; any other exception exits 1 with one line.
     */
    int run(Args args, PrintWriter out, PrintWriter err) throws Exception;
}
