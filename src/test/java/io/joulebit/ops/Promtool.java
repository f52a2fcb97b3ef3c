package io.joulebit.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * promtool as a bounded subprocess. Found through $JOULEBIT_PROMTOOL or /usr/bin/promtool (no PATH lookup); a missing
 * promtool FAILS the calling test with the command that installs it, so rule files are never silently untested.
 */
public final class Promtool {
    static final Path DEFAULT = Path.of("/usr/bin/promtool");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Result(int exitCode, boolean timedOut, String output) {
        public boolean ok() { return !timedOut && exitCode == 0; }
    }

    private final Path binary;

    Promtool(Path binary) { this.binary = binary; }

    Path binary() { return binary; }

    /** The promtool to test with, or a failed test that says how to install it. */
    public static Promtool locate() { return locate(System.getenv(), DEFAULT); }

    static Promtool locate(Map<String, String> env, Path fallback) {
        String configured = env.get("JOULEBIT_PROMTOOL");
        Path p = configured == null || configured.isBlank() ? fallback : Path.of(configured);
        if (!Files.isExecutable(p)) {
            fail("promtool not found at " + p + " (set JOULEBIT_PROMTOOL or install it): run "
                    + "`bash scripts/install-test-tools.sh` (Debian package prometheus)");
        }
        return new Promtool(p);
    }

    /** Runs `promtool args...` in {@code dir}, killing it (and its children) after {@code timeout}. */
    public Result run(Path dir, Duration timeout, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(args);
        BoundedProcess.Result r = BoundedProcess.run(argv, dir, timeout);
        return new Result(r.exitCode(), r.timedOut(), r.output());
    }

    public Result run(Path dir, List<String> args) { return run(dir, TIMEOUT, args); }
}
