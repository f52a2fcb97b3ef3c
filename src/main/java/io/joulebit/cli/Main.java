package io.joulebit.cli;

import io.joulebit.build.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The {@code joulebit} root command. The only class that calls System.exit. Exit codes: 0 ok, 1 runtime failure,
 * 2 usage or configuration error.
 */
@Command(name = "joulebit", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Energy per bit learned: a training-run energy monitor.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:runtime failure", "2:usage or configuration error"})
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int USAGE = 2;

    /**
     * Every subcommand, in help order: register new ones here and only here (a fresh instance per execution). Lambdas,
     * not constructor references: a reference loads its class when the list is built, a lambda when it is called.
     */
    static final List<Supplier<Object>> SUBCOMMANDS = List.of(() -> new CalcCommand(), () -> new RunCommand(), () -> new DemoCommand(), () -> new ProbeCommand(), () -> new ReplayLogCommand(), () -> new RunsCommand(), () -> new AuditCommand(), () -> new ImportCommand(), () -> new ValidateConfigCommand());

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Runs joulebit in-process (tests, embedding): never exits, returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(SUBCOMMANDS, out, err, args);
    }

    static int execute(List<Supplier<Object>> subcommands, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (Supplier<Object> s : subcommands) {
            cl.addSubcommand(s.get());
        }
        cl.setOut(out);
        cl.setErr(err);
        exitCodes(cl);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("joulebit " + cmd.getCommandName() + ": error: " + ex);
            return RUNTIME_FAILURE;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One line naming the problem, like calc's own checks; the root alone also shows its usage. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        if (cmd.getParent() == null) {
            cmd.usage(cmd.getErr());
        }
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** picocli's defaults already are 2 and 1; pinned here, on every command, because scripts rely on them. */
    private static void exitCodes(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(USAGE);
        cl.getCommandSpec().exitCodeOnExecutionException(RUNTIME_FAILURE);
        cl.getSubcommands().values().forEach(Main::exitCodes);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(commandsFor(args), out, err, args));
    }

    /**
     * The named command alone for replay-log and run, else every subcommand. replay-log has about a second for a big
     * file, and the sidecar's /metrics is budgeted at 0.5 s (issue 28): building the other commands' models would
     * reflect on their options and load their classes (demo, audit, import). Each parses, helps and fails exactly as
     * with its siblings registered.
     */
    static List<Supplier<Object>> commandsFor(String[] args) {
        if (args.length > 0 && args[0].equals("run")) return List.of(() -> new RunCommand());
        if (args.length == 0 || !args[0].equals("replay-log")) return SUBCOMMANDS;
        if (ReplayLogCommand.detects(args)) ReplayLogCommand.preload();
        return List.of(ReplayLogCommand::new);
    }
}
