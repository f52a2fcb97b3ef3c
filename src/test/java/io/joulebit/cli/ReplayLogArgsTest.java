package io.joulebit.cli;

import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-parsed argv shapes set exactly what picocli sets; every other shape is left to picocli. */
class ReplayLogArgsTest {
    private static ReplayLogCommand fresh() {
        return new ReplayLogCommand(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new ManualNanoClock());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.log", "a.log --format megatron", "--format megatron a.log --seq-len 2048",
        "--seq-len=2048 --tokens-per-step 4096 dir/b.log", "a.log --format=megatron", "a.log --tokens-per-step 0",
        "a.log --format auto --seq-len 999999999999999999"})
    void commonShapesMatchPicocli(String line) {
        String[] args = line.split(" ");
        ReplayLogCommand fast = fresh();
        assertThat(fast.parseCommon(args)).isTrue();
        ReplayLogCommand pico = fresh();
        new CommandLine(pico).parseArgs(args);
        assertThat(fast.file).isEqualTo(pico.file);
        assertThat(fast.format).isEqualTo(pico.format);
        assertThat(fast.seqLen).isEqualTo(pico.seqLen);
        assertThat(fast.tokensPerStep).isEqualTo(pico.tokensPerStep);
        assertThat(fast.listFormats).isEqualTo(pico.listFormats);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "-h", "--list-formats", "a.log --list-formats", "a.log b.log",
        "a.log --format", "a.log --format x --format y", "a.log --seq-len 0x10", "a.log --seq-len 010",
        "a.log --seq-len -5", "a.log --seq-len 1234567890123456789", "@args.txt", "-", "a.log --", "a.log --bogus 1",
        "--format megatron", "a.log --version"})
    void otherShapesGoToPicocli(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(fresh().parseCommon(args)).isFalse();
    }
}
