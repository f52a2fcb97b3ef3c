package io.joulebit.cli;

import io.joulebit.build.BuildInfo;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code joulebit} root command. The only class that calls System.exit. Exit codes: 0 ok, 1 runtime failure,
 * 2 usage or configuration error.
 */
public final class Main {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int USAGE = 2;

    static final String DESCRIPTION = "Energy per bit learned: a training-run energy monitor.";
    static final String EXIT_CODES = """
            Exit codes:
              0   ok
              1   runtime failure
              2   usage or configuration error""";

    /** A command by name and how to create it: only the one argv names is ever created (and its class loaded). */
    record Verb(String name, Supplier<CliCommand> create) {
    }

    /**
     * Every subcommand, in help order: register new ones here and only here (a fresh instance per execution). Lambdas,
     * not constructor references: a reference loads its class when the list is built, a lambda when it is called.
     * `replay-log` has about a second for a big file and the sidecar's /metrics is budgeted at 0.5 s (issue 28): `run`
     * and `replay-log` build only their own options and load no other command's classes.
     */
    static final List<Verb> SUBCOMMANDS = List.of(
            new Verb("calc", () -> new CalcCommand()),
            new Verb("run", () -> new RunCommand()),
            new Verb("demo", () -> new DemoCommand()),
            new Verb("probe", () -> new ProbeCommand()),
            new Verb("replay-log", () -> new ReplayLogCommand()),
            new Verb("runs", () -> new RunsCommand()),
            new Verb("audit", () -> new AuditCommand()),
            new Verb("import", () -> new ImportCommand()),
            new Verb("validate-config", () -> new ValidateConfigCommand()));

    private Main() {
    }

    /** Runs joulebit in-process (tests, embedding): never exits, returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(SUBCOMMANDS, out, err, args);
    }

    static int execute(List<Verb> verbs, PrintWriter out, PrintWriter err, String... args) {
        try {
            if (args.length == 0) return rootUsage(verbs, err, "Missing subcommand: one of " + names(verbs));
            String first = args[0];
            if (Cli.isHelp(first)) {
                Help.printRoot(verbs, out);
                return OK;
            }
            if (Cli.isVersion(first)) {
                out.println(BuildInfo.CURRENT.versionLine());
                return OK;
            }
            if (first.startsWith("-")) return rootUsage(verbs, err, first + ": unknown option");
            for (Verb v : verbs) {
                if (v.name().equals(first)) {
                    String[] rest = Arrays.copyOfRange(args, 1, args.length);
                    return Cli.execute(v.create().get(), out, err, rest);
                }
            }
            return rootUsage(verbs, err, "'" + first + "': unknown command, expecting one of " + names(verbs));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One line naming the problem, then the root's usage. */
    private static int rootUsage(List<Verb> verbs, PrintWriter err, String problem) {
        err.println("joulebit: " + problem);
        Help.printRoot(verbs, err);
        return USAGE;
    }

    private static String names(List<Verb> verbs) {
        return verbs.stream().map(Verb::name).collect(Collectors.joining(", "));
    }

    public static void main(String[] args) {
        LogSetup.defaults();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }
}
