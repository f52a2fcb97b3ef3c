package io.joulebit.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a checkout the launcher rebuilds (mvn package) when the jar is missing or older than the POM or any file under
 * src/main, hidden ones included, at any depth; otherwise it runs the jar as it is. A fake mvn and a fake java record
 * which happened.
 */
class LauncherStaleTest {
    @TempDir Path root;

    @Test
    void rebuildsExactlyWhenASourceIsNewerThanTheJar() throws Exception {
        Files.createDirectories(root.resolve("agent"));
        Files.copy(OpsFiles.root().resolve("agent/joulebit"), root.resolve("agent/joulebit"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Path deep = Files.createDirectories(root.resolve("src/main/java/io/x/y"));
        Path source = Files.writeString(deep.resolve("A.java"), "class A {}");
        Path hidden = Files.writeString(deep.resolve(".editorconfig"), "x");
        Path pom = Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("target/lib"));
        Files.createDirectories(root.resolve("target/demo-lib"));
        Path jar = Files.writeString(root.resolve("target/joulebit.jar"), "not a jar");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path log = root.resolve("calls");
        script(bin.resolve("mvn"), "echo mvn >> " + log);
        script(bin.resolve("java"), "echo java >> " + log);

        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        age(pom, t);
        try (var all = Files.walk(root.resolve("src/main"))) {
            for (Path p : all.toList()) age(p, t);
        }
        age(jar, t.plusSeconds(60));
        assertThat(launch(bin, log)).containsExactly("java");

        for (Path p : List.of(hidden, source, pom)) {
            age(p, t.plusSeconds(120));
            assertThat(launch(bin, log)).as(p + " newer than the jar").containsExactly("mvn", "java");
            age(p, t);
        }
        Files.delete(jar);
        assertThat(launch(bin, log)).as("no jar").containsExactly("mvn", "java");
    }

    private static void age(Path p, Instant when) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(when));
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        assertThat(p.toFile().setExecutable(true)).isTrue();
    }

    private List<String> launch(Path bin, Path log) throws Exception {
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(root.resolve("agent/joulebit").toString(), "calc", "--help")
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("JOULEBIT_CDS", "0");
        pb.environment().remove("JAVA");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.readAllLines(log);
    }
}
