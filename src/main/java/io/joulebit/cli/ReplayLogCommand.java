package io.joulebit.cli;

import io.joulebit.progress.format.ByteLineReader;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LineKind;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.format.StepReplay;
import io.joulebit.time.NanoClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code joulebit replay-log FILE [--format auto|NAME] [--tokens-per-step N] [--seq-len N]}: parses the whole file
 * once, streaming, and prints one JSON object per step event on stdout; a summary goes to stderr. Exit 0 even with
 * rejected lines; 2 for an unreadable file, an unknown or undetectable format. FILE may also be a TensorBoard event
 * file or log directory, or an MLflow run or experiment folder ({@link MetricReplayReport}).
 */
@Command(name = "replay-log", mixinStandardHelpOptions = true,
        description = "Parse a training log once and print its step events as JSON lines.")
public final class ReplayLogCommand implements Callable<Integer> {
    static final int DETECT_LINES = 200;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the log file")
    Path file;

    @Option(names = "--format", defaultValue = "auto", description = "auto or one of --list-formats")
    String format;

    @Option(names = "--tokens-per-step", description = "tokens per optimizer step, when the log has no token count")
    Long tokensPerStep;

    @Option(names = "--seq-len", description = "tokens per sample, to turn consumed samples into tokens")
    Long seqLen;

    @Option(names = "--list-formats", description = "list the format names and exit")
    boolean listFormats;

    @Option(names = "--loss-tag", description = "event files/MLflow: the loss series (default: the writer's)")
    String lossTag;

    @Option(names = "--eval-tag", description = "event files/MLflow: the eval loss series (default: the writer's)")
    String evalTag;

    @Option(names = "--tokens-tag", description = "event files/MLflow: a cumulative tokens series")
    String tokensTag;

    @Option(names = "--run-id", description = "MLflow experiment folder: the run to read (default: the newest)")
    String runId;

    private final OutputStream out;
    private final PrintStream err;
    private final NanoClock clock;

    public ReplayLogCommand() { this(new FileOutputStream(FileDescriptor.out), System.err, NanoClock.SYSTEM); }

    public ReplayLogCommand(OutputStream out, PrintStream err, NanoClock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Standalone entry point (the benchmark runs it without the main launcher). */
    public static void main(String[] args) {
        ReplayLogCommand fast = new ReplayLogCommand();
        System.exit(fast.parseCommon(args) ? fast.callReportingFailure()
                : new CommandLine(new ReplayLogCommand()).execute(args));
    }

    /**
     * Sets the options from the common argv shape (FILE plus --format, --seq-len, --tokens-per-step, each at most
     * once, numbers as plain digits) without building picocli's model, which costs a loaded machine 0.1-0.2 s of a
     * one-second budget. Anything else (help, --list-formats, unusual values, mistakes) returns false, so picocli
     * parses it and reports errors as always.
     */
    boolean parseCommon(String[] args) {
        String f = null;
        String fmt = null;
        String seq = null;
        String tps = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (f != null || a.isEmpty() || a.charAt(0) == '-' || a.charAt(0) == '@') return false;
                f = a;
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq >= 0 ? a.substring(0, eq) : a;
            if (eq < 0 && i + 1 >= args.length) return false;
            String value = eq >= 0 ? a.substring(eq + 1) : args[++i];
            if (value.startsWith("-")) return false;
            switch (name) {
                case "--format" -> { if (fmt != null) return false; fmt = value; }
                case "--seq-len" -> { if (seq != null || !plainDigits(value)) return false; seq = value; }
                case "--tokens-per-step" -> { if (tps != null || !plainDigits(value)) return false; tps = value; }
                default -> { return false; }
            }
        }
        if (f == null) return false;
        try {
            file = Path.of(f);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
        format = fmt == null ? "auto" : fmt;
        seqLen = seq == null ? null : Long.valueOf(seq);
        tokensPerStep = tps == null ? null : Long.valueOf(tps);
        return true;
    }

    private static boolean plainDigits(String v) {
        if (v.isEmpty() || v.length() > 18 || (v.length() > 1 && v.charAt(0) == '0')) return false;
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return false;
        return true;
    }

    /** What picocli's execute does with call(): its exit code, or 1 when it throws. */
    int callReportingFailure() {
        try {
            return call();
        } catch (Exception e) {
            err.println("replay-log: error: " + e);
            err.flush();
            return 1;
        }
    }

    @Override
    public Integer call() throws IOException {
        if (listFormats) {
            out.write((String.join("\n", LogFormats.names()) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
        if (file == null) return usage("missing FILE");
        FormatOptions opts = FormatOptions.defaults();
        try {
            if (seqLen != null) opts = opts.withSeqLen(seqLen);
            if (tokensPerStep != null) opts = opts.withTokensPerStep(tokensPerStep);
        } catch (IllegalArgumentException e) {
            return usage("--seq-len/--tokens-per-step " + e.getMessage());
        }
        try {     // TensorBoard event file or log directory, MLflow run or experiment folder
            var metric = io.joulebit.progress.metricfile.MetricRuns.layout(file, runId);
            if (metric.isPresent()) return MetricReplayReport.replay(metric.get(), opts,
                    new io.joulebit.progress.metricfile.TagOverrides(lossTag, evalTag, tokensTag), out, err, clock);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) return usage("cannot read file " + file);
        String name = format;
        if ("auto".equals(format)) {
            Optional<String> d;
            try {
                d = LogFormats.detect(firstLines(file), opts);
            } catch (IOException e) {
                return usage("cannot read file " + file + ": " + e.getMessage());
            }
            if (d.isEmpty()) return usage("could not detect the format of " + file + "; use --format, one of: "
                    + String.join(", ", LogFormats.names()));
            name = d.get();
        }
        StepFormat parser;
        try {
            parser = LogFormats.create(name, opts);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        return replay(parser, opts);
    }

    private int replay(StepFormat parser, FormatOptions opts) throws IOException {
        long t0 = clock.nanoTime();
        StepReplay replay = new StepReplay(parser, opts, out);
        try (InputStream in = Files.newInputStream(file)) {
            replay.run(new ByteLineReader(in, 1 << 20, opts.maxLineChars() + 1));
        } catch (IOException e) {
            return usage("cannot read file " + file + ": " + e.getMessage());
        }
        double secs = Math.max(1e-9, (clock.nanoTime() - t0) / 1e9);
        long lines = replay.lines();
        err.printf(Locale.ROOT, "format=%s lines=%d parsed=%d ignored=%d rejected=%d tokens=%s lines_per_s=%.0f%n",
                parser.name(), lines, replay.count(LineKind.PARSED), replay.count(LineKind.IGNORED),
                replay.count(LineKind.REJECTED), replay.tokenOrigin().label(), lines / secs);
        err.flush();
        return 0;
    }

    private static List<String> firstLines(Path f) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(f),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)))) {
            char[] cap = new char[FormatOptions.DEFAULT_MAX_LINE_CHARS];
            String l;
            while (lines.size() < DETECT_LINES && (l = readBounded(r, cap)) != null) lines.add(l);
        }
        return lines;
    }

    /** One line, cut at the cap (the rest skipped) so a file without newlines cannot exhaust memory. */
    private static String readBounded(BufferedReader r, char[] cap) throws IOException {
        int n = 0;
        int c;
        boolean any = false;
        while ((c = r.read()) >= 0) {
            any = true;
            if (c == '\n') break;
            if (n < cap.length) cap[n++] = (char) c;
        }
        if (!any) return null;
        if (n > 0 && cap[n - 1] == '\r') n--;
        return new String(cap, 0, n);
    }

    private int usage(String message) {
        err.println("replay-log: " + message);
        err.flush();
        return 2;
    }
}
