package io.joulebit.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** agent/systemd/joulebit.service: the agreed command line, a commented sandbox, and `systemd-analyze verify`. */
class SystemdUnitTest {
    private static final Path DIR = OpsFiles.root().resolve("agent/systemd");
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final Path HOST_UNITS = Path.of("/usr/lib/systemd/system");
    private static final List<String> SANDBOX = List.of("NoNewPrivileges", "CapabilityBoundingSet", "ProtectSystem",
            "ProtectHome", "ReadOnlyPaths", "ReadWritePaths", "PrivateTmp", "PrivateDevices", "ProtectKernelTunables",
            "ProtectKernelModules", "ProtectControlGroups", "RestrictAddressFamilies", "SystemCallFilter");

    record Line(int number, String key, String value, boolean explained) {}

    private final List<Line> service = section(read(DIR.resolve("joulebit.service")), "Service");

    @Test
    void runsTheLauncherWithTheSystemConfigAsADedicatedUser() {
        assertThat(value("ExecStart")).isEqualTo("/opt/joulebit/agent/joulebit run --config /etc/joulebit/joulebit.yaml");
        assertThat(OpsFiles.root().resolve("agent/joulebit")).as("the launcher ExecStart points at").isExecutable();
        assertThat(value("User")).isEqualTo("joulebit");
        assertThat(read(DIR.resolve("joulebit.sysusers.conf"))).anyMatch(l -> l.matches("u\\s+joulebit\\s.*"));
        assertThat(value("RestartPreventExitStatus")).as("exit 2 = bad config, no restart loop").isEqualTo("2");
    }

    @Test
    void sandboxIsStrictAndEveryDirectiveSaysWhy() {
        assertThat(value("NoNewPrivileges")).isEqualTo("yes");
        assertThat(value("ProtectSystem")).isEqualTo("strict");
        assertThat(value("ProtectHome")).isEqualTo("yes");
        assertThat(value("CapabilityBoundingSet")).isEmpty();
        assertThat(value("ReadOnlyPaths")).contains("/sys/class/powercap");
        assertThat(value("ReadWritePaths")).as("the store directory").isEqualTo(value("WorkingDirectory"))
                .isEqualTo("/var/lib/" + value("StateDirectory"));
        assertThat(value("PrivateDevices")).as("NVML needs /dev/nvidia*").isEqualTo("no");
        assertThat(service).extracting(Line::key).doesNotContain("MemoryDenyWriteExecute", "ProcSubset");
        for (String key : SANDBOX) {
            Line l = service.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
            assertThat(l.explained()).as("a comment above %s (line %d) says why", key, l.number()).isTrue();
        }
    }

    @Test
    void powercapRuleGrantsReadToTheServiceGroupOnly() {
        assertThat(value("ExecStartPre")).endsWith("systemd-tmpfiles --create joulebit-powercap.conf");
        List<String> rules = read(DIR.resolve("joulebit-powercap.conf")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(rules).isNotEmpty().allSatisfy(r -> assertThat(r.split("\\s+"))
                .satisfies(f -> assertThat(f[0]).isEqualTo("z"))
                .satisfies(f -> assertThat(f[1]).startsWith("/sys/class/powercap/").endsWith("/energy_uj"))
                .satisfies(f -> assertThat(f[2]).isEqualTo("0440"))
                .satisfies(f -> assertThat(f[4]).isEqualTo(value("Group"))));
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutWarnings(@TempDir Path root) throws IOException {
        if (!Files.isExecutable(ANALYZE)) {
            fail(ANALYZE + " not found: install systemd (`apt-get install -y systemd`) to verify the unit");
        }
        Path units = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> s = Files.list(HOST_UNITS)) {
            for (Path u : s.filter(Files::isRegularFile).toList()) Files.copy(u, units.resolve(u.getFileName()));
        }
        Path unit = Files.createDirectories(root.resolve("etc/systemd/system")).resolve("joulebit.service");
        Files.copy(DIR.resolve("joulebit.service"), unit);
        install(OpsFiles.root().resolve("agent/joulebit"), root, "opt/joulebit/agent/joulebit");
        install(null, root, value("ExecStartPre").substring(1).split(" ")[0].substring(1)); // "+/usr/bin/..."
        BoundedProcess.Result r = BoundedProcess.run(
                List.of(ANALYZE.toString(), "verify", "--root=" + root, "/etc/systemd/system/joulebit.service"),
                root, Duration.ofSeconds(60));
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).as("systemd-analyze warnings").isBlank();
    }

    private static void install(Path from, Path root, String relative) throws IOException {
        Path dst = root.resolve(relative);
        Files.createDirectories(dst.getParent());
        if (from != null) Files.copy(from, dst, StandardCopyOption.REPLACE_EXISTING);
        else Files.writeString(dst, "#!/bin/sh\n");
        Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String value(String key) {
        return service.stream().filter(l -> l.key().equals(key)).map(Line::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "= in [Service]"));
    }

    /** Key=value lines of one section; explained = a comment line sits above it in the same paragraph. */
    static List<Line> section(List<String> lines, String name) {
        List<Line> out = new ArrayList<>();
        boolean inside = false;
        boolean commented = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("[")) { inside = l.equals("[" + name + "]"); commented = false; continue; }
            if (l.isEmpty()) { commented = false; continue; }
            if (l.startsWith("#")) { commented = true; continue; }
            int eq = l.indexOf('=');
            if (inside && eq > 0) out.add(new Line(i + 1, l.substring(0, eq).strip(), l.substring(eq + 1).strip(), commented));
        }
        return out;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e, e);
        }
    }

}
