package io.joulebit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar tarball `mvn package` made (target/joulebit-VERSION-sidecar.tar.gz), unpacked into a test's directory
 * as a user would, and its `agent/joulebit run` started, awaited and stopped there.
 */
public final class SidecarDistribution {
    private static final Pattern READY = Pattern.compile("ready: (https?://127\\.0\\.0\\.1:\\d+/metrics)");
    /** The distribution's own directory (joulebit-VERSION). */
    public final Path home;
    private final Path dir;

    private SidecarDistribution(Path home, Path dir) {
        this.home = home;
        this.dir = dir;
    }

    public static Path tarball() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(f -> f.getFileName().toString().matches("joulebit-.+-sidecar\\.tar\\.gz"))
                    .map(Path::toAbsolutePath).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/joulebit-*-sidecar.tar.gz: run mvn package"));
        }
    }

    /** `tar xzf` into the empty {@code dir}, where its commands then run. */
    public static SidecarDistribution unpack(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "xzf", tarball().toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tar finishes").isTrue();
        assertThat(p.exitValue()).as("tar exit code").isZero();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertThat(dirs).as("one directory in the tarball").hasSize(1);
            return new SidecarDistribution(dirs.get(0), dir);
        }
    }

    /** `agent/joulebit run --listen 127.0.0.1:0 ARGS`, as {@link #command} starts it. */
    public Process run(Path out, String javaOpts, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("run", "--listen", "127.0.0.1:0"));
        cmd.addAll(List.of(args));
        return command(out, javaOpts, cmd.toArray(String[]::new));
    }

    /**
     * `agent/joulebit ARGS` with {@code javaOpts}, its class-data archive in the test's directory (not the user's
     * cache) and no JOULEBIT_CONFIG of the caller's; its output to {@code out}.
     */
    public Process command(Path out, String javaOpts, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("agent/joulebit").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("JOULEBIT_JAVA_OPTS", javaOpts);
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().remove("JOULEBIT_CONFIG");
        return pb.start();
    }

    /** The /metrics URL (http or https) the sidecar logs once it serves; fails at once if it exits first. */
    public static String awaitReady(Path out, Process p) {
        return Await.until("the sidecar logs its /metrics address in " + out, Duration.ofSeconds(90), () -> {
            String text = read(out);
            if (!p.isAlive()) throw new AssertionError("sidecar exited " + p.exitValue() + ": " + text);
            Matcher m = READY.matcher(text);
            return m.find() ? m.group(1) : null;
        }, u -> u != null);
    }

    /** SIGTERM: the sidecar flushes and exits 0. */
    public static void stop(Process p, Path out) throws InterruptedException {
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("sidecar exits on SIGTERM").isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", read(out)).isZero();
    }

    public static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
