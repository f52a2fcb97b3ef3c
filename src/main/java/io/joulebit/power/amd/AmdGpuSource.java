package io.joulebit.power.amd;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.DeviceMethod;
import io.joulebit.power.PowerSample;
import io.joulebit.power.gpu.DrmCard;
import io.joulebit.power.gpu.HwmonGpuSource;
import io.joulebit.power.rapl.SysfsReader;
import io.joulebit.time.NanoClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * AMD GPUs through amdgpu's hwmon (source label "amd"; kernel Documentation/gpu/amdgpu/thermal.rst):
 * power1_average (or power1_input where the ASIC reports only that) in µW, energy1_input in µJ where the kernel has
 * it (then the counter is the energy figure, else watts are integrated), temp2_input (junction) or temp1_input (edge)
 * in m°C, power1_cap in µW, and the device's gpu_busy_percent. An MI250/MI250X module is two dies, each its own card
 * and hwmon: each is listed once, and the module's power is read on the die that reports it (the other has none).
 * Visibility: ROCR_VISIBLE_DEVICES, then HIP_VISIBLE_DEVICES within what it leaves, as the ROCm runtime applies them.
 */
public final class AmdGpuSource extends HwmonGpuSource {
    public static final String NAME = "amd";
    private final Map<String, String> env;

    public AmdGpuSource(Path sysfsRoot, SysfsReader reader, Map<String, String> env, NanoClock clock) {
        super(sysfsRoot, reader, clock, LoggerFactory.getLogger(AmdGpuSource.class));
        this.env = Map.copyOf(env);
    }

    public static AmdGpuSource system(Map<String, String> env) {
        return new AmdGpuSource(Path.of("/sys"), SysfsReader.FILES, env, NanoClock.SYSTEM);
    }

    @Override public String name() { return NAME; }

    @Override protected Set<String> drivers() { return Set.of("amdgpu"); }

    @Override
    protected List<Gpu> visible(List<Gpu> all) {
        List<Gpu> rocr = select(all, env.get("ROCR_VISIBLE_DEVICES"), AmdGpuSource::uuid);
        return select(rocr, env.get("HIP_VISIBLE_DEVICES"), AmdGpuSource::uuid);
    }

    /** ROCm's "GPU-<unique_id>" where the card has a unique_id; empty otherwise. */
    private static String uuid(Gpu g) {
        String id = g.card().deviceText("unique_id");
        return id.isEmpty() ? "" : "GPU-" + id;
    }

    private static String powerFile(DrmCard c) {
        return c.hwmonHas("power1_average") ? "power1_average" : c.hwmonHas("power1_input") ? "power1_input" : null;
    }

    @Override
    protected PowerSample read(Gpu g, long now) throws IOException {
        DrmCard c = g.card();
        String power = powerFile(c);
        OptionalDouble watts = power == null ? OptionalDouble.empty() : c.scaled(power, 1e-6);
        PowerSample s = PowerSample.of(g.device(), DeviceKind.GPU, NAME, now, watts.orElse(Double.NaN));
        OptionalDouble energy = c.scaled("energy1_input", 1e-6);
        if (energy.isPresent()) s = s.withEnergyJoules(energy.getAsDouble());
        OptionalDouble celsius = c.hwmonHas("temp2_input") ? c.scaled("temp2_input", 1e-3) : c.scaled("temp1_input", 1e-3);
        if (celsius.isPresent()) s = s.withCelsius(celsius.getAsDouble());
        OptionalDouble cap = c.scaled("power1_cap", 1e-6);
        if (cap.isPresent() && cap.getAsDouble() > 0) s = s.withPowerLimitWatts(cap.getAsDouble());
        OptionalLong busy = c.deviceLong("gpu_busy_percent");
        if (busy.isPresent()) s = s.withUtilization(busy.getAsLong() / 100.0);
        return s;
    }

    @Override
    protected DeviceMethod method(Gpu g) {
        DrmCard c = g.card();
        if (c.hwmonHas("energy1_input")) return new DeviceMethod(g.device(), "counter", "");
        if (powerFile(c) == null) {
            return new DeviceMethod(g.device(), "none", "no power1_average/power1_input on this die (on MI250/MI250X"
                    + " the module's power is reported by its other die)");
        }
        return new DeviceMethod(g.device(), "integrated", "energy1_input missing: kernel too old");
    }

    @Override
    protected String productName(DrmCard c) {
        String product = c.deviceText("product_name");
        return product.isEmpty() ? AmdNames.of(c.deviceText("vendor"), c.deviceText("device")) : product;
    }

    @Override
    protected String noneFound(Path root) {
        return "no amdgpu hwmon under " + root.resolve("class/drm") + " (no AMD GPU, or the amdgpu driver is not loaded)";
    }
}
