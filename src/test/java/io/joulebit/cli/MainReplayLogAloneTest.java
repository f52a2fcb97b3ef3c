package io.joulebit.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher registers replay-log (and run) alone when argv names it, and it behaves as with all nine registered.
 */
class MainReplayLogAloneTest {
    @ParameterizedTest
    @ValueSource(strings = {"replay-log --list-formats", "replay-log --help", "replay-log --bogus", "replay-log",
        "replay-log --seq-len x a.log", "replay-log a.log b.log", "run --help", "run --bogus", "run --config"})
    void replayLogAloneAnswersAsAmongAll(String line) {
        String[] args = line.split(" ");
        List<Supplier<Object>> one = Main.commandsFor(args);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get().getClass().getAnnotation(picocli.CommandLine.Command.class).name())
                .isEqualTo(args[0]);
        CliRun alone = CliRun.of(one, args);
        CliRun among = CliRun.of(args);
        assertThat(alone.code()).isEqualTo(among.code());
        assertThat(alone.out()).isEqualTo(among.out());
        assertThat(alone.err()).isEqualTo(among.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "--version", "bogus", "-h replay-log", "-h run", "calc --help"})
    void anythingElseGetsEverySubcommand(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(Main.commandsFor(args)).isSameAs(Main.SUBCOMMANDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay-log a.log:true", "replay-log a.log --format auto:true",
        "replay-log --format=auto a.log:true", "replay-log a.log --format megatron:false", "replay-log --format=hf-trainer a.log:false", "replay-log a.log --format:false"})
    void parsersAreLoadedAheadOnlyForDetection(String row) {
        String[] cells = row.split(":");
        assertThat(ReplayLogCommand.detects(cells[0].split(" "))).isEqualTo(Boolean.parseBoolean(cells[1]));
    }
}
