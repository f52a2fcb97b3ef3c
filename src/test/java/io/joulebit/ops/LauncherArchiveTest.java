package io.joulebit.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's class-data archive, seen through a fake distribution (agent/joulebit, joulebit.jar, lib/) and a fake
 * {@code java} that prints the options it was given: a real `run` writes the archive at exit and maps it later; a
 * --help or --version neither writes it (it would hold only the option parser) nor maps it.
 */
class LauncherArchiveTest {
    @TempDir Path dist;

    @Test
    void helpAndVersionNeitherWriteNorMapTheArchive() throws Exception {
        Path cache = setUp();
        assertThat(launch(cache, "run", "--help")).noneMatch(a -> a.contains("jsa"));
        assertThat(launch(cache, "replay-log", "-V")).noneMatch(a -> a.contains("jsa"));
        assertThat(cache.resolve("run.jsa.id")).doesNotExist();

        assertThat(launch(cache, "run", "--config", "x.yaml")).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        Files.writeString(cache.resolve("run.jsa"), "archive");   // what that JVM would have written at exit
        assertThat(launch(cache, "run", "--config", "x.yaml")).anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
        assertThat(launch(cache, "run", "-h")).noneMatch(a -> a.contains("jsa"));
    }

    private Path setUp() throws IOException {
        Files.createDirectories(dist.resolve("agent"));
        Files.createDirectories(dist.resolve("lib"));
        Files.copy(OpsFiles.root().resolve("agent/joulebit"), dist.resolve("agent/joulebit"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(dist.resolve("joulebit.jar"), "not a jar");
        Files.writeString(dist.resolve("lib/a.jar"), "not a jar");
        Path java = dist.resolve("fake-java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return Files.createDirectories(dist.resolve("cache"));
    }

    private List<String> launch(Path cache, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("agent/joulebit").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA", dist.resolve("fake-java").toString());
        pb.environment().put("CACHE_DIRECTORY", cache.toString());
        pb.environment().remove("JOULEBIT_CDS");
        Process p = pb.start();
        List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out).as("the launcher ran the fake java").contains("-jar");
        return out;
    }
}
