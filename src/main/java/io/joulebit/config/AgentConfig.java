package io.joulebit.config;

import io.joulebit.progress.metricfile.TagOverrides;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The whole agent configuration, validated. config/joulebit.example.yaml documents every key and default. */
public record AgentConfig(Run run, Model model, Physics physics, Sampling sampling, Sources sources,
                          Progress progress, Export export, Store store) {

    public record Run(String id, Map<String, String> labels) {}

    /** @param params N_params, null when unknown (figures that need it are then null). */
    public record Model(Long params, double bitsPerParam, String modelTerm, double modelBitsPerToken) {}

    /**
     * @param baseline           initial-loss | uniform | fixed (PHYSICS.md §1)
     * @param landauerKelvin     fixed reservoir temperature; ignored when {@code landauerMeasured}
     * @param landauerMeasured   use the hottest measured device temperature (°C + 273.15) instead
     */
    public record Physics(String baseline, int baselinePoints, Double baselineBits, Long vocabSize,
                          double smoothingHalfLifePoints, double landauerKelvin, boolean landauerMeasured,
                          double ambientKelvin, double pue, Double gridIntensityGramsPerKwh, String optimizer,
                          double momentum, int heatCapacityWindow) {}

    public record Sampling(Duration interval, Duration maxGap) {}

    public record Sources(String mode, List<String> gpus, Simulated simulated, Estimate estimate, Rapl rapl,
                          NvidiaSmi nvidiaSmi, Nvml nvml, Toggle oshi, GpuSysfs amd, GpuSysfs intel) {
        /** Without the hwmon GPU sources' settings: both enabled at /sys. */
        public Sources(String mode, List<String> gpus, Simulated simulated, Estimate estimate, Rapl rapl,
                       NvidiaSmi nvidiaSmi, Nvml nvml, Toggle oshi) {
            this(mode, gpus, simulated, estimate, rapl, nvidiaSmi, nvml, oshi, new GpuSysfs(true, Path.of("/sys")),
                    new GpuSysfs(true, Path.of("/sys")));
        }
    }

    /** A GPU source over DRM hwmon files (amd, intel); sysfsRoot is injectable for tests and containers. */
    public record GpuSysfs(boolean enabled, Path sysfsRoot) {}

    public record Toggle(boolean enabled) {}

    public record SimulatedDevice(String name, String kind, double watts, double noiseWatts) {}

    public record Simulated(boolean enabled, long seed, List<SimulatedDevice> devices) {}

    /** @param idleWatts whole-machine idle watts; null (with maxWatts) = per-logical-CPU defaults */
    public record Estimate(boolean enabled, Double idleWatts, Double maxWatts) {}

    public record Rapl(boolean enabled, Path sysfsRoot) {}

    public record NvidiaSmi(boolean enabled, List<String> command, Duration interval) {}

    public record Nvml(boolean enabled, String library) {}

    public record Progress(Log log, Ingest ingest) {}

    /**
     * @param path         the log to follow; null when no log is followed
     * @param pollInterval how often the file is checked for new lines (each check is a wake-up of the agent)
     * @param tags         loss/eval/tokens series of a metric-file run (TensorBoard, MLflow); null each = writer table
     * @param mlflowRunId  the run to follow when path is an MLflow experiment folder; null = the newest
     */
    public record Log(Path path, String format, String lossUnit, Map<String, String> fields, String regex, Long seqLen,
                      Long tokensPerStep, Duration pollInterval,
                      TagOverrides tags, String mlflowRunId) {}

    /** @param token bearer token; ingest is disabled while it is null */
    public record Ingest(String token, long maxBodyBytes) {}

    /** @param jvmMetrics serve client_java's jvm_* families too (process_* are always served) */
    public record Export(String host, int port, boolean jvmMetrics, Otlp otlp) {}

    /** OTLP/HTTP push of the same figures; off while endpoint is null. */
    public record Otlp(String endpoint, Duration interval, Map<String, String> headers,
                       Map<String, String> resourceAttributes) {}

    public record Store(Path path, Duration checkpointInterval, boolean enabled) {}
}
