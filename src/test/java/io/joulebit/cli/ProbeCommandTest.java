package io.joulebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.gpu.FakeDrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class ProbeCommandTest {
    /** A named source with a fixed probe answer; records closing. */
    static final class Stub implements PowerSource {
        final String name;
        final Availability availability;
        boolean closed;

        Stub(String name, Availability a) { this.name = name; this.availability = a; }

        @Override public String name() { return name; }
        @Override public Availability probe() { return availability; }
        @Override public List<PowerSample> sample() { return List.of(); }
        @Override public void close() { closed = true; }
    }

    record Run(int exit, String out, String err) {}

    private static Run run(ProbeCommand cmd, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Cli.execute(cmd, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private final List<Stub> stubs = new ArrayList<>(List.of(
            new Stub("rapl", Availability.unavailable("/sys/class/powercap does not exist")),
            new Stub("estimate", Availability.available("estimated, not measured", List.of("cpu"))),
            new Stub("oshi", Availability.available("utilization only", List.of("cpu"))),
            new Stub("simulated", Availability.available("simulated", List.of("gpu0")))));

    private ProbeCommand command() { return new ProbeCommand(() -> List.copyOf(stubs)); }

    @Test
    void jsonListsEverySourceWithAvailabilityReasonAndChoice() throws Exception {
        Run r = run(command(), "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("mode").asText()).isEqualTo("auto");
        JsonNode sources = root.get("sources");
        assertThat(sources).hasSize(4);
        for (JsonNode s : sources) {
            assertThat(s.has("available")).isTrue();
            assertThat(s.get("reason").asText()).isNotBlank();
            assertThat(s.has("chosen")).isTrue();
            assertThat(s.get("devices").isArray()).isTrue();
        }
        assertThat(sources).extracting(s -> s.get("name").asText())
                .containsExactly("rapl", "estimate", "oshi", "simulated");
        assertThat(sources.get(0).get("available").asBoolean()).isFalse();
        assertThat(sources.get(0).get("reason").asText()).contains("powercap does not exist");
        assertThat(sources.get(1).get("chosen").asBoolean()).isTrue();
        assertThat(sources.get(2).get("chosen").asBoolean()).isFalse();
        assertThat(sources.get(3).get("chosen").asBoolean()).isFalse();
        assertThat(sources.get(3).get("note").asText()).contains("explicitly");
        assertThat(root.get("devices").get("cpu").asText()).isEqualTo("estimate");
        assertThat(stubs).allMatch(s -> s.closed);
    }

    @Test
    void textSaysWhatWorksAndWhatIsChosen() {
        Run r = run(command());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rapl", "NOT AVAILABLE", "powercap does not exist",
                "estimate    available, CHOSEN for cpu", "oshi        available, not chosen",
                "Measured devices: cpu <- estimate");
    }

    @Test
    void explicitSourcesPickSimulatedAndUnknownNamesAreUsageErrors() throws Exception {
        Run r = run(command(), "--format=json", "--sources", "simulated");
        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("mode").asText()).isEqualTo("explicit");
        assertThat(root.get("devices").get("gpu0").asText()).isEqualTo("simulated");
        assertThat(root.get("devices").has("cpu")).isFalse();

        Run bad = run(command(), "--sources", "nvml,estimate");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown source 'nvml'");
    }

    @Test
    void nothingWorkingIsSaidPlainly() {
        stubs.clear();
        stubs.add(new Stub("rapl", Availability.unavailable("nope")));
        assertThat(run(command()).out()).contains("No power source works here");
    }

    @Test
    void defaultCandidatesOnAMachineWithoutPowercapChooseTheEstimate(@TempDir Path emptySysfs) throws Exception {
        Run r = run(new ProbeCommand(), "--format", "json", "--sysfs", emptySysfs.toString());
        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("sources")).extracting(s -> s.get("name").asText())
                .containsExactly("nvml", "amd", "intel", "nvidia-smi", "oshi", "rapl", "estimate", "oshi");
        JsonNode rapl = root.get("sources").get(5);
        assertThat(rapl.get("available").asBoolean()).isFalse();
        assertThat(rapl.get("reason").asText()).contains(emptySysfs.resolve("class/powercap").toString(),
                "does not exist");
        assertThat(root.get("devices").get("cpu").asText()).isEqualTo("estimate");
    }

    @Test
    void everyAcceleratorIsListedWithItsMethodAndWhyNotABetterOne(@TempDir Path sysfs) throws Exception {
        FakeDrm drm = new FakeDrm(sysfs);
        drm.card(0, "0000:c1:00.0", 2, Map.of("vendor", "0x1002", "device", "0x74a1"),
                Map.of("name", "amdgpu", "power1_average", "650000000", "temp2_input", "70000"));
        drm.card(1, "0000:c2:00.0", 3, Map.of("vendor", "0x1002", "device", "0x74a1"),
                Map.of("name", "amdgpu", "power1_input", "640000000", "energy1_input", "12"));
        Run r = run(new ProbeCommand(), "--format", "json", "--sysfs", sysfs.toString());
        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode acc = root.get("accelerators");
        assertThat(acc).hasSize(2);
        assertThat(acc.get(0).toString()).isEqualTo("{\"device\":\"gpu0\",\"source\":\"amd\",\"method\":"
                + "\"integrated\",\"why\":\"energy1_input missing: kernel too old\"}");
        assertThat(acc.get(1).get("method").asText()).isEqualTo("counter");
        assertThat(root.get("devices").get("gpu0").asText()).isEqualTo("amd");
        assertThat(run(new ProbeCommand(), "--sysfs", sysfs.toString()).out())
                .contains("gpu0        amd: integrated (energy1_input missing: kernel too old)");
    }
}
