package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegexHintTest {
    @Test
    void theSuggestedRegexReadsTheFilesOwnStepLines() {
        RegexHint h = new RegexHint();
        h.offer("loading data ...");
        h.offer("epoch 3 it 120 | train loss 2.3456 | 0.31 s/it");
        h.offer("epoch 3 it 130 | train loss 2.25 | 0.31 s/it");
        assertThat(h.regex()).contains("it (?<step>\\d+).*?loss (?<loss>[-+0-9.eE]+|nan)");
        StepFormat f = LogFormats.create("regex", FormatOptions.defaults().withRegex(h.regex().orElseThrow()));
        List<StepEvent> ev = f.read("epoch 3 it 130 | train loss 2.25 | 0.31 s/it").events();
        assertThat(ev).extracting(StepEvent::step).containsExactly(130L);
        assertThat(ev.get(0).lossNats()).hasValue(2.25);
        String msg = h.message("run.log", 3, LogFormats.names());
        assertThat(msg).contains("epoch 3 it 120 | train loss 2.3456").contains("megatron")
                .contains("joulebit replay-log run.log --format regex --regex 'it (?<step>");
    }

    @Test
    void punctuationIsEscapedAndAFileWithoutAStepLikeLineGetsAGenericExample() {
        RegexHint h = new RegexHint();
        h.offer("[iter=42] (loss)=3.5");
        assertThat(h.regex()).hasValueSatisfying(re -> assertThat(re).startsWith("iter=(?<step>"));
        RegexHint none = new RegexHint();
        none.offer("Collecting torch==2.3.1");
        assertThat(none.regex()).isEmpty();
        assertThat(none.message("pip.log", 1, List.of("megatron"))).contains("step (?<step>\\d+)");
    }
}
