package io.joulebit.cli;

import io.joulebit.progress.format.ByteLine;
import io.joulebit.progress.format.FormatDetector;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.format.RegexHint;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.metricfile.MetricRuns;
import io.joulebit.progress.metricfile.TagOverrides;
import io.joulebit.progress.replay.ByteLineReader;
import io.joulebit.time.NanoClock;
import org.apache.commons.cli.Options;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code joulebit replay-log FILE [--format auto|NAME] [--tokens-per-step N] [--seq-len N] [--regex RE]}: parses the
 * whole file once, streaming, and prints one JSON object per step event on stdout; a summary goes to stderr. With
 * "auto" the file is first streamed through the {@link FormatDetector} that {@code run --log} uses, past any prelude,
 * until a format reads step lines. Exit 0 even with rejected lines; 2 for an unreadable file, an unknown or
 * undetectable format (then the formats and a regex for the file's own lines are printed).
 * FILE may also be a TensorBoard event file or log directory, or an MLflow run or experiment folder
 * ({@link MetricReplayReport}).
 */
public final class ReplayLogCommand implements CliCommand {
    private Path file;
    private String format;
    private Long tokensPerStep;
    private Long seqLen;
    private String regex;
    private boolean listFormats;
    private String lossTag;
    private String evalTag;
    private String tokensTag;
    private String runId;

    private final OutputStream out;
    private final PrintStream err;
    private final NanoClock clock;

    public ReplayLogCommand() { this(new FileOutputStream(FileDescriptor.out), System.err, NanoClock.SYSTEM); }

    public ReplayLogCommand(OutputStream out, PrintStream err, NanoClock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs on argv with this command's own streams (tests, embedding): help to its out, usage errors to its err. */
    public int execute(String... args) {
        return Cli.execute(this, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8)), args);
    }

    @Override
    public String name() {
        return "replay-log";
    }

    @Override
    public List<String> description() {
        return List.of("Parse a training log once and print its step events as JSON lines.");
    }

    @Override
    public List<String> parameters() {
        return List.of("[FILE]");
    }

    @Override
    public Options options() {
        return new OptionList()
                .value("format", "NAME", "auto or one of --list-formats (default: auto)")
                .value("tokens-per-step", "N", "tokens per optimizer step, when the log has no token count")
                .value("seq-len", "N", "tokens per sample, to turn consumed samples into tokens")
                .value("regex", "RE", "the step-line regex of --format regex (named groups step, loss)")
                .flag("list-formats", "list the format names and exit")
                .value("loss-tag", "TAG", "event files/MLflow: the loss series (default: the writer's)")
                .value("eval-tag", "TAG", "event files/MLflow: the eval loss series (default: the writer's)")
                .value("tokens-tag", "TAG", "event files/MLflow: a cumulative tokens series")
                .value("run-id", "ID", "MLflow experiment folder: the run to read (default: the newest)")
                .get();
    }

    @Override
    public int run(Args a, PrintWriter ignoredOut, PrintWriter ignoredErr) throws IOException {
        file = a.pathParameter(0, "FILE");
        format = a.string("format", "auto");
        tokensPerStep = a.wholeNumber("tokens-per-step");
        seqLen = a.wholeNumber("seq-len");
        regex = a.string("regex");
        listFormats = a.flag("list-formats");
        lossTag = a.string("loss-tag");
        evalTag = a.string("eval-tag");
        tokensTag = a.string("tokens-tag");
        runId = a.string("run-id");
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
            if (regex != null) opts = opts.withRegex(regex);
        } catch (IllegalArgumentException e) {
            return usage("--seq-len/--tokens-per-step " + e.getMessage());
        }
        try {     // TensorBoard event file or log directory, MLflow run or experiment folder
            var metric = MetricRuns.layout(file, runId);
            if (metric.isPresent()) return MetricReplayReport.replay(metric.get(), opts,
                    new TagOverrides(lossTag, evalTag, tokensTag), out, err, clock);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) return usage("cannot read file " + file);
        String name = format;
        if ("auto".equals(format)) {
            try {
                Optional<String> d = detect(opts);
                if (d.isEmpty()) return 2;
                name = d.get();
            } catch (IOException e) {
                return usage("cannot read file " + file + ": " + e.getMessage());
            }
        }
        StepFormat parser;
        try {
            parser = LogFormats.create(name, opts);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        return LogReplayReport.replay(file, parser, opts, out, err, clock);
    }

    /**
     * Streams the file through the shared detector until a format reads step lines (the whole file if need be); the
     * replay then reads it again from the start. Undecided at the end: the formats and a regex for the file's own
     * lines go to stderr (the file is read once more for that example, so a decided file pays nothing for it).
     */
    private Optional<String> detect(FormatOptions opts) throws IOException {
        FormatDetector d = new FormatDetector(opts);
        try (InputStream in = Files.newInputStream(file)) {
            ByteLineReader r = lineReader(in, opts);
            ByteLine line;
            while ((line = r.next()) != null) if (d.offer(line)) return d.name();
        }
        Optional<String> found = d.finish();
        if (found.isEmpty()) {
            RegexHint hint = new RegexHint();
            try (InputStream in = Files.newInputStream(file)) {
                ByteLineReader r = lineReader(in, opts);
                ByteLine line;
                while ((line = r.next()) != null) hint.offer(line.toString());
            }
            usage(hint.message(file.toString(), d.lines(), LogFormats.names()));
        }
        return found;
    }

    private static ByteLineReader lineReader(InputStream in, FormatOptions opts) {
        return new ByteLineReader(in, Math.max(1 << 16, 2 * (opts.maxLineChars() + 1)), opts.maxLineChars() + 1);
    }

    private int usage(String message) {
        err.println("joulebit replay-log: " + message);
        err.flush();
        return 2;
    }
}
