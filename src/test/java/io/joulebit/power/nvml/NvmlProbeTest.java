package io.joulebit.power.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.cli.Cli;
import io.joulebit.cli.ProbeCommand;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.time.NanoClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `joulebit probe` on the compiled fake NVML: library path, driver version, and a GPU NVML may not open. */
class NvmlProbeTest {
    @TempDir Path dir;

    @Test
    void probeSaysWhereNvmlCameFromAndWhyAGpuIsSkipped() throws Exception {
        FakeNvmlLibrary lib = FakeNvmlLibrary.install(dir).driver("550.90.07");
        for (int i = 0; i < 4; i++) lib.h100(i, 1);
        lib.fail("DeviceGetHandleByIndex_v2", "2", NvmlReturn.NO_PERMISSION)
                .fail("DeviceGetTotalEnergyConsumption", "1", NvmlReturn.NOT_SUPPORTED);
        NvmlSource nvml = new NvmlSource(() -> JnaNvmlApi.load(lib.path()), GpuSelection.all(), NanoClock.SYSTEM);
        StringWriter out = new StringWriter();
        assertThat(Cli.execute(new ProbeCommand(() -> List.of(nvml)), new PrintWriter(out),
                new PrintWriter(new StringWriter()), "--format", "json")).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("sources").get(0).get("reason").asText()).isEqualTo("3 GPUs via NVML, energy counter "
                + "(driver 550.90.07, " + lib.path() + "); gpu2 skipped: NVML: NO_PERMISSION");
        assertThat(root.get("accelerators").toString()).isEqualTo("[{\"device\":\"gpu0\",\"source\":\"nvml\","
                + "\"method\":\"counter\",\"why\":\"\"},{\"device\":\"gpu1\",\"source\":\"nvml\",\"method\":"
                + "\"integrated\",\"why\":\"NVML energy counter: NOT_SUPPORTED (before Volta)\"},{\"device\":\"gpu3\","
                + "\"source\":\"nvml\",\"method\":\"counter\",\"why\":\"\"},{\"device\":\"gpu2\",\"source\":\"nvml\","
                + "\"method\":\"skipped\",\"why\":\"NVML: NO_PERMISSION\"}]");
    }
}
