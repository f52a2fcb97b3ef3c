package io.joulebit.power.intel;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.DeviceMethod;
import io.joulebit.power.PowerSample;
import io.joulebit.power.gpu.DrmCard;
import io.joulebit.power.gpu.HwmonGpuSource;
import io.joulebit.power.rapl.SysfsReader;
import io.joulebit.time.NanoClock;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Intel discrete GPUs through the i915 or xe hwmon (source label "intel"; kernel Documentation/ABI/testing/
 * sysfs-driver-intel-i915-hwmon and -xe-hwmon): energy1_input in µJ (the card's energy counter; the drivers give no
 * instantaneous power, so device_power_watts stays absent: rate() the energy counter), power1_max (the sustained
 * limit, PL1) or else power1_rated_max in µW as the power limit, temp1_input/temp2_input in m°C where the driver has
 * them. Integrated GPUs have no hwmon. Visibility: ZE_AFFINITY_MASK's device indices (sub-devices are not split).
 */
public final class IntelGpuSource extends HwmonGpuSource {
    public static final String NAME = "intel";
    private final Map<String, String> env;

    public IntelGpuSource(Path sysfsRoot, SysfsReader reader, Map<String, String> env, NanoClock clock) {
        super(sysfsRoot, reader, clock, LoggerFactory.getLogger(IntelGpuSource.class));
        this.env = Map.copyOf(env);
    }

    public static IntelGpuSource system(Map<String, String> env) {
        return new IntelGpuSource(Path.of("/sys"), SysfsReader.FILES, env, NanoClock.SYSTEM);
    }

    @Override public String name() { return NAME; }

    @Override protected Set<String> drivers() { return Set.of("i915", "xe"); }

    @Override
    protected List<Gpu> visible(List<Gpu> all) {
        String mask = env.get("ZE_AFFINITY_MASK");
        if (mask == null) return all;
        // "0,1.1,2": the device index before any ".sub-device"; the whole card is measured either way.
        String devices = String.join(",", Arrays.stream(mask.split(",", -1))
                .map(t -> t.strip().replaceFirst("\\..*", "")).distinct().toList());
        return select(all, devices, g -> "");
    }

    @Override
    protected PowerSample read(Gpu g, long now) throws IOException {
        DrmCard c = g.card();
        PowerSample s = PowerSample.of(g.device(), DeviceKind.GPU, NAME, now, Double.NaN);
        OptionalDouble energy = c.scaled("energy1_input", 1e-6);
        if (energy.isPresent()) s = s.withEnergyJoules(energy.getAsDouble());
        OptionalDouble limit = c.scaled(c.hwmonHas("power1_max") ? "power1_max" : "power1_rated_max", 1e-6);
        if (limit.isPresent() && limit.getAsDouble() > 0) s = s.withPowerLimitWatts(limit.getAsDouble());
        OptionalDouble celsius = c.hwmonHas("temp2_input") ? c.scaled("temp2_input", 1e-3) : c.scaled("temp1_input", 1e-3);
        if (celsius.isPresent()) s = s.withCelsius(celsius.getAsDouble());
        return s;
    }

    @Override
    protected DeviceMethod method(Gpu g) {
        if (g.card().hwmonHas("energy1_input")) return new DeviceMethod(g.device(), "counter", "");
        return new DeviceMethod(g.device(), "none", "energy1_input missing: kernel too old (i915 hwmon energy since"
                + " Linux 6.2, xe since 6.8) or not readable by this user");
    }

    @Override
    protected String productName(DrmCard c) {
        return "Intel GPU " + c.deviceText("vendor") + ":" + c.deviceText("device");
    }

    @Override
    protected String noneFound(Path root) {
        return "no i915/xe hwmon under " + root.resolve("class/drm") + " (no Intel discrete GPU, or a kernel before 6.2)";
    }
}
