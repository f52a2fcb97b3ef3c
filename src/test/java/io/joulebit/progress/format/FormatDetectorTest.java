package io.joulebit.progress.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.StepEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

class FormatDetectorTest {
    private static final FormatOptions O = FormatOptions.defaults();
    private static final String MEGATRON = " iteration %d/ 1000 | consumed samples: %d | learning rate: 1.0E-04 | "
            + "global batch size: 8 | lm loss: %s | loss scale: 1.0 |";

    private static String iteration(int it, double loss) {
        return String.format(Locale.ROOT, MEGATRON, it, it * 8, Double.toString(loss));
    }

    /** A "general" format reading every "step N loss X" line and a "specific" one reading those that say "nemo". */
    private static Map<String, StepFormat> family() {
        Map<String, StepFormat> m = new LinkedHashMap<>();
        m.put("general", new RegexFormat(O.withRegex("step (?<step>\\d+) loss (?<loss>[0-9.]+)")));
        m.put("specific", new RegexFormat(O.withRegex("nemo step (?<step>\\d+) loss (?<loss>[0-9.]+)")));
        return m;
    }

    @Test
    void everyRegisteredNameMakesAFreshParserOfThatName() {
        FormatOptions withRegex = O.withRegex("step (?<step>\\d+) loss (?<loss>[0-9.]+)");
        for (String name : LogFormats.names()) {
            StepFormat f = LogFormats.create(name, withRegex);
            assertThat(f.name()).isEqualTo(name);
            assertThat(LogFormats.create(name, withRegex)).isNotSameAs(f);
        }
        assertThat(LogFormats.names()).hasSize(30).startsWith("unsloth").endsWith("jsonl", "csv", "regex");
        assertThat(LogFormats.refines("nemo", "megatron")).isTrue();
        assertThat(LogFormats.refines("megatron", "nemo")).isFalse();
    }

    @Test
    void decidesOnStepLinesPastAPreludeOfAnyLength() {
        FormatDetector d = new FormatDetector(O);
        for (int i = 0; i < 5000; i++) assertThat(d.offer("  arg_" + i + " ........ " + i)).isFalse();
        assertThat(d.offer(iteration(10, 7.5))).isFalse();
        assertThat(d.offer(iteration(20, 7.25))).isFalse();
        assertThat(d.offer(iteration(30, 7.0))).isTrue();
        assertThat(d.name()).contains("megatron");
        assertThat(d.lines()).isEqualTo(5003);
        assertThat(d.held()).hasSize(3);
        assertThat(d.format().read(iteration(40, 6.5)).events()).extracting(StepEvent::step).containsExactly(40L);
    }

    @Test
    void theFormatThatRefinesAnotherWinsThoughTheGeneralOneReadsMore() {
        FormatDetector d = new FormatDetector(family(), (a, b) -> a.equals("specific") && b.equals("general"));
        d.offer("step 1 loss 2.5");
        d.offer("nemo step 2 loss 2.4");
        d.offer("nemo step 3 loss 2.3");
        assertThat(d.name()).contains("specific");
        // without the declaration the one that read more wins
        FormatDetector plain = new FormatDetector(family(), (a, b) -> false);
        plain.offer("step 1 loss 2.5");
        plain.offer("nemo step 2 loss 2.4");
        plain.offer("nemo step 3 loss 2.3");
        assertThat(plain.name()).contains("general");
    }

    @Test
    void aStrayLineOfTheSpecificFormatDoesNotBeatTheGeneralOne() {
        FormatDetector d = new FormatDetector(family(), (a, b) -> a.equals("specific") && b.equals("general"));
        d.offer("nemo step 1 loss 2.5");
        for (int i = 2; i < 5; i++) d.offer("step " + i + " loss 2.4");
        assertThat(d.finish()).contains("general");
    }

    @Test
    void aPauseDecidesOnlyWhenOneFormatReadsTheLines() {
        FormatDetector d = new FormatDetector(O);
        d.offer("loading model ...");
        assertThat(d.pause()).isEmpty();
        d.offer(iteration(10, 7.5));
        assertThat(d.pause()).contains("megatron");
    }

    @Test
    void theEndOfInputDecidesOnASingleStepAndNothingMeansEmpty() {
        FormatDetector one = new FormatDetector(O);
        one.offer("banner");
        one.offer(iteration(10, 7.5));
        assertThat(one.finish()).contains("megatron");
        FormatDetector none = new FormatDetector(O);
        none.offer("Collecting torch==2.3.1");
        assertThat(none.finish()).isEmpty();
    }

    @Test
    void rankPrefixesAreStrippedAndAStepPrintedByEveryRankCountsOnce() {
        StepFormat f = LogFormats.create("megatron", O);
        List<Long> steps = new ArrayList<>();
        String[] lines = {
            "[rank0]: " + iteration(10, 7.5).strip(), "[rank1]: " + iteration(10, 7.5).strip(),
            "0: " + iteration(20, 7.25), "  1: " + iteration(20, 7.25),
            "[default3]:" + iteration(30, 7.0), "[default0]:" + iteration(40, 6.75),
            "[default3]:" + iteration(40, 6.75), "[default1]:" + iteration(30, 7.0),   // a late rank: not re-counted
        };
        for (String l : lines) for (StepEvent e : f.read(l).events()) steps.add(e.step());
        assertThat(steps).containsExactly(10L, 20L, 30L, 40L);
    }

    @Test
    void unprefixedCopiesOfAStepAreDroppedButAResumedRunWithNewLossesIsKept() {
        StepFormat f = LogFormats.create("megatron", O);
        List<String> got = new ArrayList<>();
        for (String l : List.of(iteration(10, 7.5), iteration(10, 7.5), iteration(20, 7.25), iteration(10, 7.5),
                iteration(20, 7.25), iteration(10, 7.4))) {
            for (StepEvent e : f.read(l).events()) got.add(e.step() + " " + e.lossNats().getAsDouble());
        }
        assertThat(got).containsExactly("10 7.5", "20 7.25", "10 7.4");
    }

    @Test
    void rankPrefixShapes() {
        assertThat(RankPrefix.length("[rank12]:x")).isEqualTo(9);
        assertThat(RankPrefix.length("[rank0]: x")).isEqualTo(9);
        assertThat(RankPrefix.length("[default7]:x")).isEqualTo(11);
        assertThat(RankPrefix.length("3: x")).isEqualTo(3);
        assertThat(RankPrefix.length("  15: x")).isEqualTo(6);
        assertThat(RankPrefix.length("12:30:01 x")).isZero();
        assertThat(RankPrefix.length("3:loss")).isZero();
        assertThat(RankPrefix.length("[2024-05-01 12:00:00] iteration")).isZero();
        assertThat(RankPrefix.length("[rank]: x")).isZero();
    }
}
