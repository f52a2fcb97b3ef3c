package io.joulebit.cli;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.ByteLine;
import io.joulebit.progress.format.ByteLineReader;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LineCounter;
import io.joulebit.progress.format.LineKind;
import io.joulebit.progress.format.LineResult;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.format.StepJsonWriter;
import io.joulebit.progress.format.TokenDeriver;
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
 * rejected lines; 2 for an unreadable file, an unknown or undetectable format.
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
        System.exit(new CommandLine(new ReplayLogCommand()).execute(args));
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
        TokenDeriver tokens = new TokenDeriver(opts);
        LineCounter counter = new LineCounter();
        long t0 = clock.nanoTime();
        StepJsonWriter json = new StepJsonWriter(out);
        try (InputStream in = Files.newInputStream(file)) {
            ByteLineReader reader = new ByteLineReader(in, 1 << 20, opts.maxLineChars() + 1);
            ByteLine line;
            while ((line = reader.next()) != null) {
                LineResult r = parser.read(line);
                counter.add(r.kind());
                if (r.kind() == LineKind.PARSED) for (StepEvent e : tokens.apply(r)) json.write(e);
            }
        } catch (IOException e) {
            json.flush();
            return usage("cannot read file " + file + ": " + e.getMessage());
        }
        for (StepEvent e : parser.finish()) json.write(tokens.apply(e, -1));
        json.flush();
        double secs = Math.max(1e-9, (clock.nanoTime() - t0) / 1e9);
        long lines = counter.total();
        err.printf(Locale.ROOT, "format=%s lines=%d parsed=%d ignored=%d rejected=%d tokens=%s lines_per_s=%.0f%n",
                parser.name(), lines, counter.count(LineKind.PARSED), counter.count(LineKind.IGNORED),
                counter.count(LineKind.REJECTED), tokens.origin().label(), lines / secs);
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
