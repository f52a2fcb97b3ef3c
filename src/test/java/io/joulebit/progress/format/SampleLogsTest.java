package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every sample log under src/test/resources/logs/&lt;format&gt;/: auto-detect names the directory's format, and the
 * whole file yields exactly the expected events ("phase step loss tokens", loss as logged before unit conversion).
 */
class SampleLogsTest {
    static final Path ROOT = Path.of("src/test/resources/logs");

    static Stream<Arguments> samples() {
        return Stream.of(
            arguments("hf-trainer/train.log", "train 1 2.3456 40960|train 2 2.1 81920|train 3 NaN 122880|eval 3 2.05 122880|train 4 1.9 163840"),
            arguments("lightning-csv/metrics.csv", "train 49 2.31 -|train 99 2.05 -|train 149 1.87 -|eval 149 1.95 -|train 199 1.7 -|train 249 NaN -"),
            arguments("nanogpt/train.log", "eval 0 10.9883 -|train 0 10.9872 -|train 10 9.5123 -|train 20 8.7001 -|eval 2000 3.2345 -|train 2000 3.13 -"),
            arguments("llm-c/stdout.log", "eval 0 11.00943 -|train 1 11.01018 -|train 2 10.542101 -|train 3 NaN -|eval 3 9.876543 -"),
            arguments("llm-c/main.log", "eval 0 10.9988 -|train 0 11.0101 -|train 1 10.5421 -|train 2 9.8765 -|eval 250 4.1234 -"),
            arguments("build-nanogpt/stdout.log", "eval 0 10.9876 -|train 0 10.955029 -|train 1 10.845201 -|train 2 10.701234 -"),
            arguments("build-nanogpt/log.txt", "eval 0 10.9876 -|train 0 10.955029 -|train 1 10.845201 -|train 2 10.701234 -|eval 250 6.1234 -"),
            arguments("megatron/train.log", "train 1 absent -|train 100 7.123456 -|train 200 6.54321 -|eval 200 6.6 -|train 300 NaN -"),
            arguments("megatron/deepspeed.log", "train 10 9.876543 10485760|train 20 8.765432 20971520"),
            arguments("deepspeed-pipe/train.log", "train 10 10.8765 -|train 20 9.1234 -|train 30 8.0012 -"),
            arguments("torchtitan/train.log", "train 200 6.1384 -|train 210 6.0388 -|eval 210 6.2 -|train 220 NaN -"),
            arguments("litgpt/pretrain.log", "train 10 10.846 -|train 20 9.75 -|eval 20 9.8123 -|train 30 8.815 -|eval 30 8.7 -"),
            arguments("olmo/train.log", "train 1 11.02 4194304|train 10 9.876 41943040|eval 10 9.9 -|train 20 8.765 83886080"),
            arguments("fairseq-json/train.log", "train 100 13.102 -|train 200 11.5 -|eval 200 10.6 -|train 21497 1.417 -"),
            arguments("fairseq-simple/train.log", "train 100 12.424 -|train 200 11.024 -|eval 200 10.5 -|train 445 10.881 -|eval 600 6.8834 -"),
            arguments("keras-csv/training.log", "train 0 0.4321 -|eval 0 0.3012 -|train 1 0.2987 -|eval 1 0.2756 -|train 2 0.2101 -|eval 2 NaN -"),
            arguments("keras-progress/fit.log", "train 100 0.5432 -|eval 100 0.3012 -|train 200 0.2987 -|eval 200 0.2756 -"),
            arguments("djl/train.log", "train 1 0.24 -|eval 1 0.3 -|train 2 0.00523 -"),
            arguments("jsonl/metrics.jsonl", "train 1 2.5 4096|train 2 NaN 8192|train 3 2.1 12288|eval 3 2.2 -"),
            arguments("csv/metrics.csv", "train 1 2.5 4096|train 2 2.4 8192|train 4 2.2 16384"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void autoDetectPicksTheFormatOfTheDirectory(String file, String ignored) throws IOException {
        List<String> lines = lines(file);
        String expected = file.substring(0, file.indexOf('/'));
        assertThat(LogFormats.detect(lines, FormatOptions.defaults())).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void wholeFileYieldsTheExpectedEvents(String file, String expected) throws IOException {
        String format = file.substring(0, file.indexOf('/'));
        StepFormat f = LogFormats.create(format, FormatOptions.defaults());
        double unit = format.startsWith("fairseq") ? Math.log(2) : 1.0;
        List<String> got = new ArrayList<>();
        for (String line : lines(file)) {
            for (StepEvent e : f.read(line).events()) got.add(describe(e, unit));
        }
        for (StepEvent e : f.finish()) got.add(describe(e, unit));
        List<String> want = new ArrayList<>();
        for (String w : expected.split("\\|")) {
            String[] p = w.split(" ");
            String loss = p[2].equals("absent") || p[2].equals("NaN") ? p[2] : fmt(Double.parseDouble(p[2]));
            want.add(p[0] + " " + p[1] + " " + loss + " " + p[3]);
        }
        assertThat(got).containsExactlyElementsOf(want);
    }

    private static String describe(StepEvent e, double unit) {
        String loss = e.lossNats().isEmpty() ? "absent"
                : Double.isNaN(e.lossNats().getAsDouble()) ? "NaN" : fmt(e.lossNats().getAsDouble() / unit);
        String tokens = e.tokens().isPresent() ? Long.toString(e.tokens().getAsLong()) : "-";
        return e.phase().label() + " " + e.step() + " " + loss + " " + tokens;
    }

    /** Split on '\n' only, as a log follower does: '\r' redraws stay inside their line. */
    static List<String> lines(String file) throws IOException {
        String text = Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.6g", v); }
}
