package io.joulebit.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher in a fake sidecar distribution (agent/joulebit, joulebit.jar, lib/) with a fake {@code java} that
 * prints the options it was given, one per line: what the launcher would run, without a JVM.
 */
final class FakeDistribution {
    final Path root;
    final Path java;
    final Path cache;

    FakeDistribution(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("agent"));
        Files.createDirectories(root.resolve("lib"));
        Files.copy(OpsFiles.root().resolve("agent/joulebit"), root.resolve("agent/joulebit"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("joulebit.jar"), "not a jar");
        Files.writeString(root.resolve("lib/a.jar"), "not a jar");
        java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        cache = Files.createDirectories(root.resolve("cache"));
    }

    /** Runs {@code script} (as typed: absolute, relative or through a link) from {@code cwd}; the fake java's lines. */
    List<String> launch(Path cwd, String script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA", java.toString());
        pb.environment().put("CACHE_DIRECTORY", cache.toString());
        pb.environment().remove("JOULEBIT_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out).as("the launcher ran the fake java").contains("-jar");
        return out;
    }

    List<String> launch(String... args) throws Exception {
        return launch(root, root.resolve("agent/joulebit").toString(), Map.of(), args);
    }
}
