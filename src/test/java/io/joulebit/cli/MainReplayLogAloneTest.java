package io.joulebit.cli;

import io.joulebit.testing.ChildJava;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `run` and `replay-log` have a start-up budget (issue 28, issue 22): the launcher creates only the command argv
 * names, builds only its options and loads no other command's class.
 */
class MainReplayLogAloneTest {
    @ParameterizedTest
    @ValueSource(strings = {"replay-log --list-formats", "replay-log --help", "replay-log --bogus", "replay-log",
        "replay-log --seq-len x a.log", "replay-log a.log b.log", "run --help", "run --bogus", "run --config"})
    void onlyTheNamedCommandIsCreated(String line) {
        String[] args = line.split(" ");
        List<String> created = new ArrayList<>();
        List<Main.Verb> verbs = Main.SUBCOMMANDS.stream().map(v -> new Main.Verb(v.name(), counting(v, created)))
                .toList();
        CliRun counted = CliRun.of(verbs, args);
        assertThat(created).containsExactly(args[0]);
        CliRun plain = CliRun.of(args);
        assertThat(counted.code()).isEqualTo(plain.code());
        assertThat(counted.out()).isEqualTo(plain.out());
        assertThat(counted.err()).isEqualTo(plain.err());
    }

    private static Supplier<CliCommand> counting(Main.Verb v, List<String> created) {
        return () -> {
            created.add(v.name());
            return v.create().get();
        };
    }

    @Test
    @Timeout(60)
    void aChildJvmLoadsNoOtherCommandAndNoHelpForReplayLogAndRun() throws Exception {
        for (String command : List.of("replay-log --list-formats", "run --bogus")) {
            List<String> loaded = loadedClasses(command.split(" "));
            String own = command.startsWith("run") ? "RunCommand" : "ReplayLogCommand";
            assertThat(loaded).as(command).contains("io.joulebit.cli." + own, "io.joulebit.cli.Cli")
                    .noneMatch(c -> c.startsWith("io.joulebit.cli.") && c.endsWith("Command") && !c.endsWith("." + own)
                            && !c.endsWith(".CliCommand"))
                    .noneMatch(c -> c.startsWith("io.joulebit.cli.Help") || c.startsWith("org.apache.commons.cli.help."))
                    .noneMatch(c -> c.startsWith("picocli.") || c.startsWith("io.joulebit.audit.")
                            || c.startsWith("io.joulebit.demo.") || c.startsWith("ai.djl."));
        }
    }

    private static List<String> loadedClasses(String... args) throws IOException, InterruptedException {
        List<String> argv = ChildJava.command("-Xshare:auto", "-Xlog:class+load=info:stdout", Main.class.getName());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> classes = new ArrayList<>();
        Matcher m = Pattern.compile("\\[class,load\\s*\\] (\\S+) source").matcher(text);
        while (m.find()) classes.add(m.group(1));
        assertThat(classes).as(text).isNotEmpty();
        return classes;
    }
}
