package io.joulebit.cli;

import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors, help and version of the root and every command, through the launcher as a user types them. */
class CliUsageTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            replay-log --seq-len abc x.log             | joulebit replay-log: --seq-len: 'abc' is not a whole number
            replay-log x.log --tokens-per-step 1.5     | joulebit replay-log: --tokens-per-step: '1.5' is not a whole number
            replay-log --format a --format b x.log     | joulebit replay-log: --format: given more than once ('a', 'b')
            replay-log a.log b.log                     | joulebit replay-log: 'b.log': unexpected argument (after [FILE])
            run --bogus                                | joulebit run: --bogus: unknown option
            run --bogus=1                              | joulebit run: --bogus: unknown option
            run --conf x.yaml                          | joulebit run: --conf: unknown option
            run -x                                     | joulebit run: -x: unknown option
            run --config                               | joulebit run: --config: missing its value FILE
            run extra                                  | joulebit run: 'extra': unexpected argument (this command takes options only)
            validate-config                            | joulebit validate-config: FILE: missing
            audit --out report                         | joulebit audit: --run: required, missing (--run ID)
            audit                                      | joulebit audit: --run, --out: required, missing (--run ID --out DIR)
            runs --format xml                          | joulebit runs: --format: 'xml' is not one of text, json
            probe --format yaml                        | joulebit probe: --format: 'yaml' is not one of text, json
            demo --steps many                          | joulebit demo: --steps: 'many' is not a whole number
            demo --batch 1e3                           | joulebit demo: --batch: '1e3' is not a whole number
            demo --weight-decay heavy                  | joulebit demo: --weight-decay: 'heavy' is not a number
            import --log a --prometheus http://p --energy dcgm --step abc | joulebit import: --step: 'abc' is not a number
            calc --tokens                              | joulebit calc: --tokens: missing its value N
            """)
    void aUsageErrorIsOneLineNamingTheOptionAndValueAndExits2(String line, String message) {
        CliRun run = CliRun.of(line.split(" "));
        assertThat(run.code()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                | joulebit: Missing subcommand: one of calc, run, demo, probe, replay-log, runs, audit, import, validate-config
            frobnicate        | joulebit: 'frobnicate': unknown command, expecting one of calc, run, demo, probe, replay-log, runs, audit, import, validate-config
            --bogus run       | joulebit: --bogus: unknown option
            """)
    void theRootNamesTheProblemThenShowsItsUsage(String line, String message) {
        CliRun run = CliRun.of(line.isEmpty() ? new String[0] : line.split(" "));
        assertThat(run.code()).isEqualTo(Main.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines().get(0)).isEqualTo(message);
        assertThat(run.errLines().get(1)).startsWith("Usage: joulebit ");
        assertThat(run.err()).contains("replay-log", "validate-config", "Exit codes:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "-h replay-log"})
    void rootHelpListsEveryCommandAndTheExitCodes(String line) {
        CliRun run = CliRun.of(line.split(" "));
        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: joulebit [-h] [-V] COMMAND").contains("-V, --version")
                .contains("2   usage or configuration error");
        Main.SUBCOMMANDS.forEach(v -> assertThat(run.out()).contains(v.name() + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "replay-log --version", "run -V", "audit -V", "calc --version"})
    void versionOnTheRootAndEachCommand(String line) {
        CliRun run = CliRun.of(line.split(" "));
        assertThat(run.code()).isZero();
        assertThat(run.out().strip()).matches("joulebit 0\\.1\\.0 \\(revision ([0-9a-f]{7,40}|unknown)\\)");
    }

    @Test
    void everyCommandHelpsWithEveryOptionEvenWithoutItsRequiredOnes() {
        for (Main.Verb v : Main.SUBCOMMANDS) {
            for (String help : new String[]{"--help", "-h"}) {
                CliRun run = CliRun.of(v.name(), help);
                assertThat(run.code()).as(v.name() + " " + run.err()).isZero();
                assertThat(run.out()).startsWith("Usage: joulebit " + v.name()).contains("-h, --help", "-V, --version");
                for (Option o : v.create().get().options().getOptions()) {
                    assertThat(run.out()).as(v.name()).contains("--" + o.getLongOpt());
                }
                assertThat(run.out().lines()).allMatch(l -> l.length() <= 80 && l.equals(l.stripTrailing()));
            }
        }
    }

    @Test
    void helpWinsOverOtherwiseBadArguments() {
        assertThat(CliRun.of("audit", "--out", "x", "--help").code()).isZero();
        assertThat(CliRun.of("validate-config", "-h").out()).contains("FILE");
    }
}
