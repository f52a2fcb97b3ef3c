package io.joulebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Bad input exits 2 with one stderr line per problem naming its flag; help, version and exit codes. */
class CalcErrorsTest {
    private static final String[] OK = {"--tokens", "1e9", "--energy", "1MWh", "--loss", "3", "--baseline-nats", "10"};

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("--tokens", List.of("--tokens", "-5")),
                Arguments.of("--tokens", List.of("--tokens", "many")),
                Arguments.of("--tokens", List.of("--tokens", "1.5")),
                Arguments.of("--energy", List.of("--energy", "5mWh")),
                Arguments.of("--energy", List.of("--energy", "5")),
                Arguments.of("--energy", List.of("--energy", "-5J")),
                Arguments.of("--energy", List.of("--energy", "NaNJ")),
                Arguments.of("--pue", List.of("--pue", "0.5")),
                Arguments.of("--loss", List.of("--loss", "-1")),
                Arguments.of("--loss", List.of("--loss", "NaN")),
                Arguments.of("--loss-unit", List.of("--loss-unit", "shannons")),
                Arguments.of("--perplexity", List.of("--perplexity", "0.5")),
                Arguments.of("--params", List.of("--params", "0")),
                Arguments.of("--params", List.of("--params", "1e30")),
                Arguments.of("--bits-per-param", List.of("--bits-per-param", "0")),
                Arguments.of("--model-bits-per-token", List.of("--model-bits-per-token", "-1")),
                Arguments.of("--temperature-kelvin", List.of("--temperature-kelvin", "-300")),
                Arguments.of("--inference-joules-per-token", List.of("--inference-joules-per-token", "0")),
                Arguments.of("--format", List.of("--format", "xml")),
                Arguments.of("--vocab-size", List.of("--vocab-size", "1")),
                Arguments.of("--bogus", List.of("--bogus", "1")));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void eachBadInputExits2NamingTheFlag(String flag, List<String> bad) {
        List<String> args = new ArrayList<>(List.of("calc"));
        args.addAll(List.of(OK));
        if (flag.equals("--vocab-size")) {
            args.removeAll(List.of("--baseline-nats", "10"));
        }
        args.addAll(bad);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).contains(flag);
    }

    @Test
    void allProblemsAreReportedOneLineEach() {
        CliRun run = CliRun.of("calc", "--tokens", "-1", "--energy", "3 furlongs", "--loss", "3", "--perplexity",
                "20", "--params", "x", "--format", "yaml");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(6);
        assertThat(run.errLines().get(0)).contains("--tokens");
        assertThat(run.errLines().get(1)).contains("--energy", "furlongs");
        assertThat(run.errLines().get(2)).contains("--loss", "--perplexity");
        assertThat(run.errLines().get(3)).contains("missing baseline");
        assertThat(run.errLines().get(4)).contains("--params");
        assertThat(run.errLines().get(5)).contains("--format");
    }

    @Test
    void twoBaselinesAreAProblem() {
        CliRun run = CliRun.of("calc", "--loss", "3", "--baseline-bits", "10", "--vocab-size", "50257");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--baseline-bits", "--vocab-size");
    }

    @Test
    void helpDocumentsEveryFlagWithItsUnitAndDefault() {
        CliRun run = CliRun.of("calc", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--tokens", "--energy", "--pue", "--loss", "--loss-unit", "--perplexity",
                "--baseline-bits", "--baseline-nats", "--vocab-size", "--params", "--bits-per-param",
                "--model-bits-per-token", "--temperature-kelvin", "--inference-joules-per-token", "--format");
        assertThat(run.out().replaceAll("\\s+", " ")).contains("kWh", "MWh", "bits/token", "(K, > 0)", "J/token")
                .contains("Default: 1.", "Default: nats.", "Default: 16.", "Default: 0.", "Default: 300.",
                        "Default: text.");
    }

    @Test
    void rootVersionAndMissingSubcommand() {
        CliRun version = CliRun.of("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out().strip()).matches("joulebit 0\\.1\\.0 \\(revision ([0-9a-f]{7,40}|unknown)\\)");
        CliRun none = CliRun.of();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing subcommand", "calc");
        assertThat(CliRun.of("frobnicate").code()).isEqualTo(2);
    }

    static final class Boom implements CliCommand {
        @Override public String name() { return "boom"; }
        @Override public List<String> description() { return List.of("fails"); }
        @Override public Options options() { return new Options(); }

        @Override
        public int run(Args args, PrintWriter out, PrintWriter err) {
            throw new IllegalStateException("sensor on fire");
        }
    }

    @Test
    void aRuntimeFailureExits1WithoutAStackTrace() {
        List<Main.Verb> subs = List.of(new Main.Verb("calc", CalcCommand::new), new Main.Verb("boom", Boom::new));
        CliRun run = CliRun.of(subs, "boom");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("boom", "sensor on fire");
    }
}
