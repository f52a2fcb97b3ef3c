package io.joulebit.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a command line for a child JVM on this JVM's java and test classpath, C1 only as agent/joulebit runs
 * the small commands. The test classpath holds two SLF4J providers: logback, which the tests' own JVM uses (surefire
 * and failsafe name it, so LogCapture can hold events), and slf4j-simple, the CLI's. A child names the CLI's, as the
 * launcher does, so it logs as a deployed sidecar does and SLF4J neither chooses nor says so. The build unpacks
 * SQLite's and JNA's native libraries to target/native before the tests (pom.xml, native-libs), and a child loads them
 * from there, as the launcher does: one that a test kills leaves no extracted copy behind.
 */
public final class ChildJava {
    private ChildJava() {}

    /** java, the classpath and the flags above, then {@code options}; the caller adds the main class and its args. */
    public static List<String> command(String... options) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider", "-Dslf4j.internal.verbosity=WARN"));
        argv.addAll(natives());
        argv.addAll(List.of(options));
        return argv;
    }

    private static List<String> natives() {
        String arch = System.getProperty("os.arch");
        Path dir = Path.of("target/native", arch.equals("amd64") ? "x86_64" : arch).toAbsolutePath();
        List<String> out = new ArrayList<>();
        if (!System.getProperty("os.name").equals("Linux")) return out;
        if (Files.isRegularFile(dir.resolve("libsqlitejdbc.so"))) {
            out.addAll(List.of("-Dorg.sqlite.lib.path=" + dir, "-Dorg.sqlite.lib.name=libsqlitejdbc.so"));
        }
        if (Files.isRegularFile(dir.resolve("libjnidispatch.so"))) out.add("-Djna.boot.library.path=" + dir);
        return out;
    }
}
