package io.joulebit.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher finds its distribution however it is called (absolute, relative, with "." or "..", from inside
 * agent/, through a link) and its JVM by path or on PATH, without subshells where the path allows (agent/joulebit):
 * every form must run the same jar and make the same class-data archive.
 */
class LauncherLocationTest {
    @TempDir Path dir;

    @Test
    void everyWayOfCallingItRunsTheSameJarWithTheArchive() throws Exception {
        FakeDistribution dist = new FakeDistribution(dir.toRealPath().resolve("dist"));
        Path root = dist.root;
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("bin")).resolve("joulebit"),
                root.resolve("agent/joulebit"));
        String jar = root.resolve("joulebit.jar").toString();
        Map<String, String> none = Map.of();
        List<List<String>> runs = List.of(
                dist.launch(dir, root.resolve("agent/joulebit").toString(), none, "run"),
                dist.launch(root, "agent/joulebit", none, "run"),
                dist.launch(root, "./agent/joulebit", none, "run"),
                dist.launch(root.resolve("agent"), "./joulebit", none, "run"),
                dist.launch(root.resolve("lib"), "../agent/joulebit", none, "run"),
                dist.launch(dir, root.resolve("agent/../agent/joulebit").toString(), none, "run"),
                dist.launch(dir, link.toString(), none, "run"),
                // JAVA as a command name: found on PATH by bash's own hash
                dist.launch(root, "agent/joulebit", Map.of("JAVA", "java",
                        "PATH", dist.java.getParent() + ":" + System.getenv("PATH")), "run"));
        for (List<String> args : runs) {
            assertThat(args.get(args.indexOf("-jar") + 1)).isEqualTo(jar);
            assertThat(args).as("the archive is made for the jar and JVM found").anyMatch(a -> a.contains("run.jsa"));
        }
    }

    @Test
    void aJavaThatIsNotThereGetsNoArchive() throws Exception {
        FakeDistribution dist = new FakeDistribution(dir);
        Path missing = dir.resolve("no-such-java");
        ProcessBuilder pb = new ProcessBuilder(dist.root.resolve("agent/joulebit").toString(), "run")
                .redirectErrorStream(true);
        pb.environment().put("JAVA", missing.toString());
        pb.environment().put("CACHE_DIRECTORY", dist.cache.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isNotZero();   // exec of a missing JVM fails, with bash's message
        assertThat(out).contains("no-such-java");
        assertThat(dist.cache.resolve("run.jsa.id")).as("no archive id for a JVM that is not there").doesNotExist();
    }
}
