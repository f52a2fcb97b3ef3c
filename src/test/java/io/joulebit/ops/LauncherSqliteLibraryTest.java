package io.joulebit.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher names SQLite's unpacked native library (native/Linux/ARCH/ in a distribution) to the JVM when this
 * machine's is there, so sqlite-jdbc loads it in place instead of extracting a copy to /tmp; without it, no option,
 * and sqlite-jdbc extracts as before. The real load is checked by SidecarDistributionIT.
 */
class LauncherSqliteLibraryTest {
    @TempDir Path dir;

    @Test
    void namesThisMachinesLibraryWhenTheDistributionHasIt() throws Exception {
        FakeDistribution dist = new FakeDistribution(dir.toRealPath());
        assertThat(sqliteOptions(dist.launch("run"))).isEmpty();

        Path lib = Files.createDirectories(dist.root.resolve("native/Linux/" + hostType())).resolve("libsqlitejdbc.so");
        Files.writeString(lib, "not a library");
        Files.createDirectories(dist.root.resolve("native/Linux/some-other-arch"));
        assertThat(sqliteOptions(dist.launch("run")))
                .containsExactly("-Dorg.sqlite.lib.path=" + lib.getParent(), "-Dorg.sqlite.lib.name=libsqlitejdbc.so");
        assertThat(sqliteOptions(dist.launch("validate-config", "x.yaml"))).as("every command may open the store")
                .hasSize(2);
    }

    private static List<String> sqliteOptions(List<String> javaArgs) {
        return javaArgs.stream().filter(a -> a.startsWith("-Dorg.sqlite.")).toList();
    }

    /** What bash calls this machine's architecture (x86_64, aarch64): the launcher's own word for it. */
    private static String hostType() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "echo $HOSTTYPE").start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isNotBlank();
        return out;
    }
}
