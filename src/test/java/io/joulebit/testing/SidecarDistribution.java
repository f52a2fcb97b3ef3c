package io.joulebit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sidecar tarball `mvn package` made (target/joulebit-VERSION-sidecar.tar.gz), unpacked as a user would. */
public final class SidecarDistribution {
    private SidecarDistribution() {}

    public static Path tarball() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(f -> f.getFileName().toString().matches("joulebit-.+-sidecar\\.tar\\.gz"))
                    .map(Path::toAbsolutePath).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/joulebit-*-sidecar.tar.gz: run mvn package"));
        }
    }

    /** `tar xzf` into the empty {@code dir}; the distribution's own directory in it (joulebit-VERSION). */
    public static Path unpack(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "xzf", tarball().toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tar finishes").isTrue();
        assertThat(p.exitValue()).as("tar exit code").isZero();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertThat(dirs).as("one directory in the tarball").hasSize(1);
            return dirs.get(0);
        }
    }
}
