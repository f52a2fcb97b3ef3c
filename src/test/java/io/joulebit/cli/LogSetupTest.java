package io.joulebit.cli;

import io.joulebit.testing.ChildJava;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's logging as a deployed sidecar has it: a child JVM on SLF4J's simple provider (this test JVM logs through
 * logback), set up by {@link LogSetup#defaults()}, logs one line per level for a few loggers to stderr.
 */
class LogSetupTest {
    /** The child: LogSetup's defaults, then one message per level on each logger named in args. */
    public static final class Probe {
        public static void main(String[] args) {
            LogSetup.defaults();
            for (String name : args) {
                Logger log = LoggerFactory.getLogger(name);
                log.debug("debug from {}", name);
                log.info("info from {}", name);
                log.warn("warn from {}", name);
            }
        }
    }

    @Test
    void stderrLinesAtInfoWithDjlAndOshiAtWarn() throws Exception {
        List<String> lines = probe(Map.of(), List.of(), "io.joulebit.agent.Sidecar", "ai.djl.engine.Engine", "oshi.x");
        assertThat(lines).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO|WARN) \\S+ - \\w+ from \\S+"))
                .anyMatch(l -> l.endsWith("INFO io.joulebit.agent.Sidecar - info from io.joulebit.agent.Sidecar"))
                .noneMatch(l -> l.contains("debug from"))
                .noneMatch(l -> l.contains("info from ai.djl") || l.contains("info from oshi"))
                .anyMatch(l -> l.contains("WARN ai.djl.engine.Engine - warn from"));
    }

    @Test
    void theEnvironmentSetsTheLevelAndAPropertyOfTheUsersWins() throws Exception {
        assertThat(probe(Map.of("JOULEBIT_LOG_LEVEL", "WARN"), List.of(), "io.joulebit.a"))
                .noneMatch(l -> l.contains("info from")).anyMatch(l -> l.contains("warn from io.joulebit.a"));
        assertThat(probe(Map.of("JOULEBIT_LOG_LEVEL", "warn"),
                List.of("-Dorg.slf4j.simpleLogger.log.io.joulebit.power=debug"), "io.joulebit.power.x", "io.joulebit.a"))
                .anyMatch(l -> l.contains("DEBUG io.joulebit.power.x - debug from"))
                .noneMatch(l -> l.contains("from io.joulebit.a") && !l.contains("WARN"));
    }

    private static List<String> probe(Map<String, String> env, List<String> props, String... loggers) throws Exception {
        List<String> argv = ChildJava.command(props.toArray(String[]::new));
        argv.add(Probe.class.getName());
        argv.addAll(List.of(loggers));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JOULEBIT_LOG_LEVEL");
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> lines = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).as("something was logged").isNotEmpty();
        return lines;
    }
}
