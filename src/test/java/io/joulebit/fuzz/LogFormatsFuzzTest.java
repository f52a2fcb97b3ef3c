package io.joulebit.fuzz;

import io.joulebit.progress.format.ByteLine;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LineKind;
import io.joulebit.progress.format.LineResult;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.replay.ByteLineReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log format, fed through the production line splitter ({@link ByteLineReader}) with a small line limit so
 * over-long lines happen often. Invariant: nothing is thrown (not by read, finish or detect), every line gets a
 * result, and a PARSED result carries events. Also exercises auto-detect on the same lines.
 */
class LogFormatsFuzzTest {
    private static final int MAX_LINE = 2048;
    private static final FormatOptions OPTS = FormatOptions.defaults().withMaxLineChars(MAX_LINE)
            .withRegex("step (?<step>\\d+) loss (?<loss>\\S+)(?: lr (?<lr>\\S+))?").withSeqLen(1024);
    private static final List<String> DICTIONARY = List.of("{", "}", "'loss': ", "\"loss\": ", "'epoch': ",
            "'learning_rate': ", "step ", "iter ", "loss ", "| ", " | ", "lr ", "tokens ", "train_loss", "val_loss",
            "epoch,loss,step\n", "step,train_loss\n", "\u001b[32m", "\r", "\n", "global_step", "elapsed time per iteration",
            "lm loss: ", "Epoch 1/3\n", "s/step - loss: ", "=>", "nan", "inf", "[", "]", "\"", ",", "\t", ": ");

    @Test
    void noFormatThrowsOnAnyInput() throws Exception {
        var stats = FuzzRunner.fuzz("log-formats", DICTIONARY, 3 * MAX_LINE, LogFormatsFuzzTest::everyFormat);
        assertThat(stats.seeds()).isGreaterThanOrEqualTo(LogFormats.names().size() - 1);
        assertThat(stats.mutants()).isPositive();
    }

    static void everyFormat(byte[] input) throws Exception {
        List<StepFormat> formats = new ArrayList<>();
        for (String name : LogFormats.names()) formats.add(LogFormats.create(name, OPTS));
        List<String> firstLines = new ArrayList<>();
        try (ByteLineReader lines = new ByteLineReader(new ByteArrayInputStream(input), 4 * MAX_LINE, MAX_LINE + 1)) {
            for (ByteLine line = lines.next(); line != null; line = lines.next()) {
                if (firstLines.size() < 20) firstLines.add(line.toString());
                for (StepFormat f : formats) check(f.read(line), f.name());
            }
        }
        for (StepFormat f : formats) assertThat(f.finish()).as(f.name()).isNotNull();
        LogFormats.detect(firstLines, OPTS);
        // The same text as one String, as replay-log and detect see it (no byte splitter in between).
        String text = new String(input, StandardCharsets.UTF_8);
        StepFormat fresh = LogFormats.create(LogFormats.names().get((text.length() * 31) % LogFormats.names().size()), OPTS);
        for (String l : text.split("\n", -1)) check(fresh.read(l), fresh.name());
    }

    private static void check(LineResult r, String format) {
        assertThat(r).as(format).isNotNull();
        if (r.kind() == LineKind.PARSED) assertThat(r.events()).as(format).isNotEmpty();
    }
}
