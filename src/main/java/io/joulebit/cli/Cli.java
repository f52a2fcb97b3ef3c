package io.joulebit.cli;

import io.joulebit.build.BuildInfo;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs one {@link CliCommand} on its arguments: parse, --help, --version, usage errors (exit 2, one line naming the
 * option and the value), runtime failures (exit 1, one line), else the command's own exit code.
 * <p>
 * Why Apache Commons CLI and not picocli (measured 2026-12-06 on a quiet 2-core box, Java 17): picocli 4.7.6 was
 * the largest start-up cost of every command. Building one command's model cold took 190-290 ms and loaded ~750
 * classes (picocli's ~180 plus the JDK's reflection, proxy and java.time machinery); its Java 5 class files cannot
 * go into a class-data archive; and while building the model it looked up a class that exists nowhere, which made
 * the JVM open and index all 37 jars of the manifest Class-Path (~0.06 s). `replay-log` of a 5-line file took
 * 0.40-0.44 s against 0.10 s for a hello-world JVM. Commons CLI (one 110 KB jar, no dependencies) builds the same
 * ten options in 13 ms and parses them in 16 ms. Commands declare plain {@link Options}; values are converted by
 * {@link Args}, help is printed by commons-cli's help formatter ({@link Help}).
 */
public final class Cli {
    static final String HELP = "help";
    static final String VERSION = "version";

    private Cli() {
    }

    /** Runs the command, writing help, version and errors to out/err; never exits. */
    public static int execute(CliCommand command, PrintWriter out, PrintWriter err, String... args) {
        String who = "joulebit " + command.name();
        try {
            Options options = withStandard(command.options());
            CommandLine line;
            try {
                line = parser().parse(options, args);
            } catch (MissingOptionException e) {
                if (!asksHelpOrVersion(args)) throw new UsageException(missing(options, e));
                line = parser().parse(standard(), helpOrVersion(args));
            } catch (ParseException e) {
                throw new UsageException(message(e));
            }
            if (line.hasOption(HELP)) {
                Help.print(command, options, out);
                return Main.OK;
            }
            if (line.hasOption(VERSION)) {
                out.println(BuildInfo.CURRENT.versionLine());
                return Main.OK;
            }
            Args parsed = new Args(line);
            checkParameters(command.parameters(), parsed);
            return command.run(parsed, out, err);
        } catch (UsageException e) {
            err.println(who + ": " + e.getMessage());
            return Main.USAGE;
        } catch (Exception e) {
            err.println(who + ": error: " + e);
            return Main.RUNTIME_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Whole option names only: "--conf" is not --config (picocli did not abbreviate either). */
    private static DefaultParser parser() {
        return DefaultParser.builder().setAllowPartialMatching(false).get();
    }

    /** -h/--help and -V/--version, as on every command and the root. */
    static Options standard() {
        return withStandard(new Options());
    }

    private static Options withStandard(Options o) {
        o.addOption(Option.builder("h").longOpt(HELP).desc("Show this help message and exit.").get());
        o.addOption(Option.builder("V").longOpt(VERSION).desc("Print version information and exit.").get());
        return o;
    }

    static boolean isHelp(String arg) {
        return arg.equals("-h") || arg.equals("--help");
    }

    static boolean isVersion(String arg) {
        return arg.equals("-V") || arg.equals("--version");
    }

    private static boolean asksHelpOrVersion(String[] args) {
        return helpOrVersion(args).length > 0;
    }

    /** The help and version flags before any "--". */
    private static String[] helpOrVersion(String[] args) {
        return List.of(args).stream().takeWhile(a -> !a.equals("--")).filter(a -> isHelp(a) || isVersion(a))
                .toArray(String[]::new);
    }

    private static void checkParameters(List<String> labels, Args args) {
        int given = args.parameterCount();
        if (given > labels.size()) {
            throw new UsageException("'" + args.parameter(labels.size()) + "': unexpected argument"
                    + (labels.isEmpty() ? " (this command takes options only)" : " (after " + String.join(" ", labels) + ")"));
        }
        for (int i = given; i < labels.size(); i++) {
            if (!labels.get(i).startsWith("[")) throw new UsageException(labels.get(i) + ": missing");
        }
    }

    static String message(ParseException e) {
        if (e instanceof UnrecognizedOptionException u) {
            String opt = u.getOption() == null ? "" : u.getOption();
            int eq = opt.indexOf('=');
            return (eq > 0 ? opt.substring(0, eq) : opt) + ": unknown option";
        }
        if (e instanceof MissingArgumentException m && m.getOption() != null) {
            return display(m.getOption()) + ": missing its value " + m.getOption().getArgName();
        }
        return e.getMessage();
    }

    /** "--run, --out: required, missing (--run ID --out DIR)". */
    private static String missing(Options options, MissingOptionException e) {
        List<Option> opts = new ArrayList<>();
        for (Object key : e.getMissingOptions()) opts.add(options.getOption(String.valueOf(key))); // a raw List
        return opts.stream().map(Cli::display).collect(Collectors.joining(", ")) + ": required, missing ("
                + opts.stream().map(o -> display(o) + " " + o.getArgName()).collect(Collectors.joining(" ")) + ")";
    }

    static String display(Option o) {
        return o.getLongOpt() != null ? "--" + o.getLongOpt() : "-" + o.getOpt();
    }
}
