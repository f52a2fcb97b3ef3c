package io.joulebit.progress.format;

import io.joulebit.progress.TokenOrigin;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenDeriverTest {
    private static final String MEGATRON = " iteration      100/  500000 | consumed samples:        51200 | learning rate: 1.5E-04 | global batch size:   512 | lm loss: 7.1E+00 |";

    @Test
    void consumedSamplesTimesSeqLen() {
        FormatOptions o = FormatOptions.defaults().withSeqLen(2048).withTokensPerStep(999);
        LineResult r = LogFormats.create("megatron", o).read(MEGATRON);
        TokenDeriver d = new TokenDeriver(o);
        StepEvent e = d.apply(r).get(0);
        assertThat(e.tokens()).hasValue(51200L * 2048);
        assertThat(e.batchSequences()).hasValue(512L);
        assertThat(e.learningRate()).hasValue(1.5e-4);
        assertThat(d.origin()).isEqualTo(TokenOrigin.SAMPLES_X_SEQ_LEN);
    }

    @Test
    void stepsTimesTokensPerStepWhenNoSamples() {
        FormatOptions o = FormatOptions.defaults().withTokensPerStep(4096);
        TokenDeriver d = new TokenDeriver(o);
        StepEvent e = d.apply(LogFormats.create("nanogpt", o).read("iter 10: loss 2.5, time 1ms, mfu 1%")).get(0);
        assertThat(e.tokens()).hasValue(40960L);
        assertThat(d.origin()).isEqualTo(TokenOrigin.STEPS_X_TOKENS_PER_STEP);
    }

    @Test
    void loggedTokensWinAndEvalCarriesTheTrainCount() {
        FormatOptions o = FormatOptions.defaults().withTokensPerStep(1);
        TokenDeriver d = new TokenDeriver(o);
        StepEvent t = d.apply(StepEvent.train(5, 2.0).withTokens(777), -1);
        assertThat(t.tokens()).hasValue(777L);
        assertThat(d.origin()).isEqualTo(TokenOrigin.LOG);
        TokenDeriver plain = new TokenDeriver(FormatOptions.defaults());
        plain.apply(StepEvent.train(5, 2.0).withTokens(777), -1);
        assertThat(plain.apply(StepEvent.train(5, 2.1).withPhase(Phase.EVAL), -1).tokens()).hasValue(777L);
    }

    @Test
    void noSourceMeansNoTokensNeverAGuess() {
        TokenDeriver d = new TokenDeriver(FormatOptions.defaults());
        LineResult r = LogFormats.create("megatron", FormatOptions.defaults()).read(MEGATRON);
        assertThat(d.apply(r).get(0).tokens()).isEmpty();
        assertThat(d.apply(StepEvent.train(3, 1.0).withPhase(Phase.EVAL), -1).tokens()).isEmpty();
        assertThat(d.origin()).isEqualTo(TokenOrigin.NONE);
    }

    @Test
    void anOverflowingProductIsNoCountAndNoCrash() {
        FormatOptions o = FormatOptions.defaults().withSeqLen(1L << 40).withTokensPerStep(1L << 40);
        TokenDeriver d = new TokenDeriver(o);
        assertThat(d.apply(StepEvent.train(5, 2.0), 1L << 30).tokens()).isEmpty();
        assertThat(d.apply(StepEvent.train(1L << 30, 2.0), -1).tokens()).isEmpty();
        assertThat(d.apply(StepEvent.train(3, 2.0), -1).tokens()).hasValue(3L << 40);
        assertThat(d.origin()).isEqualTo(TokenOrigin.STEPS_X_TOKENS_PER_STEP);
    }
}
