package io.joulebit.e2e;

import io.joulebit.testing.Await;
import io.joulebit.testing.SidecarDistribution;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar distribution as a user gets it (issue 28): `mvn package` made target/joulebit-VERSION-sidecar.tar.gz;
 * unpacked into an empty directory it runs `agent/joulebit run` with no build, no DJL jar in lib/, and no DJL, demo
 * or audit class loaded (read from the JVM's own -Xlog:class+load), and /metrics answers with joulebit_source_up.
 * The store is on, as deployed, and its SQLite library is the distribution's native/ copy, mapped in place
 * (/proc/PID/maps), not one extracted to /tmp; `probe` (OSHI) finds JNA's there too.
 */
class SidecarDistributionIT {
    private static final long MAX_BYTES = 25L * 1024 * 1024;

    @TempDir Path dir;

    @Test
    void unpackedDistributionServesMetricsWithoutDjl() throws Exception {
        Path tarball = SidecarDistribution.tarball();
        assertThat(Files.size(tarball)).as("size of %s", tarball).isLessThanOrEqualTo(MAX_BYTES);
        SidecarDistribution dist = SidecarDistribution.unpack(dir);
        Path home = dist.home;
        assertThat(home.resolve("pom.xml")).doesNotExist();
        try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString()))
                    .isNotEmpty().noneMatch(n -> n.contains("djl") || n.contains("pytorch") || n.startsWith("api-"));
        }

        Path config = dir.resolve("sidecar.yaml");
        String bench = Files.readString(home.resolve("config/bench/sidecar.yaml"));
        Files.writeString(config, bench.replace("store:\n  enabled: false\n",
                "store:\n  enabled: true\n  path: " + dir.resolve("store/joulebit.db") + "\n"));
        assertThat(Files.readString(config)).as("the store turned on").isNotEqualTo(bench);
        Path classes = dir.resolve("classes.txt");
        Path out = dir.resolve("sidecar.out");
        Process p = dist.run(out, "-Xlog:class+load:file=" + classes, "--config", config.toString());
        try {
            String url = SidecarDistribution.awaitReady(out, p);
            HttpClient http = HttpClient.newHttpClient();
            String body = Await.until("/metrics answers 200", Duration.ofSeconds(30), () -> get(http, url),
                    b -> b != null);
            assertThat(body).contains("joulebit_source_up{").contains("joulebit_device_power_watts{");
            Await.until("the store is up", Duration.ofSeconds(30), () -> get(http, url),
                    b -> b != null && b.contains("\njoulebit_store_up 1"));
            Path maps = Path.of("/proc/" + p.pid() + "/maps");   // the launcher execs the JVM: same pid
            assertThat(Files.readString(maps)).as("SQLite's library, mapped from the distribution")
                    .contains(home.resolve("native").toRealPath() + "/").contains("/libsqlitejdbc.so")
                    .doesNotContain("/tmp/sqlite-");
        } finally {
            SidecarDistribution.stop(p, out);
        }
        String loaded = Files.readString(classes);
        assertThat(loaded).contains("io.joulebit.agent.Sidecar")
                .doesNotContain("ai.djl.").doesNotContain("io.joulebit.demo.").doesNotContain("io.joulebit.audit.");
        assertThat(probeWithJnaLog(dist)).as("JNA's library, found in the distribution")
                .containsPattern("Found jnidispatch at " + Pattern.quote(home.resolve("native").toRealPath() + "/")
                        + "[^/]+/libjnidispatch\\.so").doesNotContain("Extracting library");
    }

    @Test
    void defaultConfigMeasuresTheCpuThroughOshi() throws Exception {
        SidecarDistribution dist = SidecarDistribution.unpack(dir);
        Path out = dir.resolve("default.out");
        Process p = dist.run(out, "");
        try {
            String url = SidecarDistribution.awaitReady(out, p);
            HttpClient http = HttpClient.newHttpClient();
            // auto sources: the CPU through OSHI (and JNA's Linux mappings), RAPL where the machine has it
            String body = Await.until("the CPU is measured", Duration.ofSeconds(30), () -> get(http, url),
                    b -> b != null && b.contains("joulebit_device_power_watts{device=\"cpu\""));
            assertThat(body).doesNotContain("joulebit_source_up{source=\"estimate\"} 0");
        } finally {
            SidecarDistribution.stop(p, out);
        }
        assertThat(Files.readString(out)).doesNotContain("NoClassDefFoundError");
    }

    /** `agent/joulebit probe` (OSHI, hence JNA) with JNA's own log of where it loads its library from. */
    private String probeWithJnaLog(SidecarDistribution dist) throws IOException, InterruptedException {
        Path log = dir.resolve("probe.out");
        Process p = dist.command(log, "-Djna.debug_load=true -Djna.debug_load.jna=true", "probe");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finishes").isTrue();
        return Files.readString(log);
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
