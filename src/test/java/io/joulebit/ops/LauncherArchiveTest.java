package io.joulebit.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's class-data archive, seen through a fake distribution (agent/joulebit, joulebit.jar, lib/) and a fake
 * {@code java} that prints the options it was given: a real `run` writes the archive at exit and maps it later; a
 * --help or --version neither writes it (it would hold only the option parser) nor maps it.
 */
class LauncherArchiveTest {
    @TempDir Path dir;

    @Test
    void helpAndVersionNeitherWriteNorMapTheArchive() throws Exception {
        FakeDistribution dist = new FakeDistribution(dir);
        assertThat(dist.launch("run", "--help")).noneMatch(a -> a.contains("jsa"));
        assertThat(dist.launch("replay-log", "-V")).noneMatch(a -> a.contains("jsa"));
        assertThat(dist.cache.resolve("run.jsa.id")).doesNotExist();

        assertThat(dist.launch("run", "--config", "x.yaml")).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        Files.writeString(dist.cache.resolve("run.jsa"), "archive");   // what that JVM would have written at exit
        assertThat(dist.launch("run", "--config", "x.yaml")).anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
        assertThat(dist.launch("run", "-h")).noneMatch(a -> a.contains("jsa"));
    }
}
