package io.joulebit.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher names the native libraries a distribution has unpacked for this machine (native/ARCH/: SQLite's and
 * JNA's) to the JVM, so each loads in place instead of being extracted to a temp file; a library that is not there
 * gets no option, and extracts as before. The real loads are checked by SidecarDistributionIT.
 */
class LauncherNativeLibrariesTest {
    @TempDir Path dir;

    @Test
    void namesEachLibraryThisMachineHas() throws Exception {
        FakeDistribution dist = new FakeDistribution(dir.toRealPath());
        assertThat(nativeOptions(dist.launch("run"))).isEmpty();

        Path arch = Files.createDirectories(dist.root.resolve("native/" + hostType()));
        Files.createDirectories(dist.root.resolve("native/some-other-arch"));
        Files.writeString(arch.resolve("libjnidispatch.so"), "not a library");
        assertThat(nativeOptions(dist.launch("run"))).containsExactly("-Djna.boot.library.path=" + arch);

        Files.writeString(arch.resolve("libsqlitejdbc.so"), "not a library");
        assertThat(nativeOptions(dist.launch("run"))).containsExactly("-Dorg.sqlite.lib.path=" + arch,
                "-Dorg.sqlite.lib.name=libsqlitejdbc.so", "-Djna.boot.library.path=" + arch);
        assertThat(nativeOptions(dist.launch("probe"))).as("every command may open the store or OSHI").hasSize(3);
    }

    private static List<String> nativeOptions(List<String> javaArgs) {
        return javaArgs.stream().filter(a -> a.startsWith("-Dorg.sqlite.") || a.startsWith("-Djna.")).toList();
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
