package io.joulebit.power.gpu;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import io.joulebit.power.Availability;
import io.joulebit.power.DeviceExtras;
import io.joulebit.power.DeviceMethod;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;
import io.joulebit.power.rapl.SysfsReader;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A GPU source over the kernel's DRM hwmon files (amdgpu, i915, xe): cards found under an injectable sysfs root, the
 * job's GPUs kept by a visibility selection, each card read on its own so that one unreadable card (fallen off the
 * bus: its files answer ENODEV) is skipped and counted while the others are measured. Device labels are gpu0, gpu1,
 * … in PCI order, the order the vendor runtimes number devices in.
 */
public abstract class HwmonGpuSource implements PowerSource {
    protected record Gpu(String device, DrmCard card) {}

    private final Path sysfsRoot;
    private final SysfsReader reader;
    protected final NanoClock clock;
    private final HealthLog health;
    private volatile List<Gpu> gpus = List.of();

    protected HwmonGpuSource(Path sysfsRoot, SysfsReader reader, NanoClock clock, Logger log) {
        this.sysfsRoot = sysfsRoot;
        this.reader = reader;
        this.clock = clock;
        this.health = new HealthLog(log);
    }

    /** hwmon {@code name}s of this vendor's driver. */
    protected abstract Set<String> drivers();

    /** Keeps the job's GPUs among all of this vendor's (visibility variables); input in PCI order. */
    protected abstract List<Gpu> visible(List<Gpu> all);

    /** One reading of one GPU; IOException when a present file cannot be read. */
    protected abstract PowerSample read(Gpu gpu, long now) throws IOException;

    /** How this GPU will be measured and why not better. */
    protected abstract DeviceMethod method(Gpu gpu);

    /** Product name for device_info. */
    protected abstract String productName(DrmCard card);

    /** What probe says when no card is found. */
    protected abstract String noneFound(Path sysfsRoot);

    @Override
    public synchronized Availability probe() {
        List<DrmCard> cards = DrmCard.scan(sysfsRoot, reader, drivers());
        List<Gpu> all = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) all.add(new Gpu("gpu" + i, cards.get(i)));
        gpus = List.copyOf(visible(all));
        if (cards.isEmpty()) return Availability.unavailable(noneFound(sysfsRoot));
        if (gpus.isEmpty()) return Availability.unavailable(cards.size() + " GPUs found, none visible to the job");
        long counters = gpus.stream().filter(g -> "counter".equals(method(g).method())).count();
        return Availability.available(gpus.size() + " GPUs via " + String.join("/", new TreeSet<>(drivers()))
                + " hwmon, energy counter on " + counters, gpus.stream().map(Gpu::device).toList());
    }

    @Override
    public synchronized List<PowerSample> sample() throws SourceException {
        if (gpus.isEmpty()) probe();
        List<PowerSample> out = new ArrayList<>();
        IOException last = null;
        for (Gpu g : gpus) {
            try {
                out.add(read(g, clock.nanoTime()));
                health.recovered(g.device(), "{} reads {} ({}) again", name(), g.device(), g.card().card());
            } catch (IOException e) {
                last = e;
                health.failure(g.device(), "io", name() + " cannot read " + g.device() + " (" + g.card().card() + "): " + e);
            }
        }
        // each GPU's failure is counted above: the sampler must not count the round again
        if (out.isEmpty() && last != null) throw new SourceException("io", last.toString(), last).counted();
        return out;
    }

    @Override
    public List<DeviceMethod> methods() { return gpus.stream().map(this::method).toList(); }

    @Override
    public Map<String, DeviceExtras> deviceExtras() {
        Map<String, DeviceExtras> out = new TreeMap<>();
        for (Gpu g : gpus) {
            out.put(g.device(), new DeviceExtras(Map.of("name", productName(g.card()), "pci", g.card().pciAddress()),
                    Map.of()));
        }
        return out;
    }

    /** Failed reads by reason ("io"); up even while one card fails, as long as sample() delivers the others. */
    @Override
    public Health health() { return health.health(true); }

    /** Devices kept by a CUDA_VISIBLE_DEVICES-syntax list, positions counted within {@code in}. */
    protected static List<Gpu> select(List<Gpu> in, String value, Function<Gpu, String> uuid) {
        if (value == null) return in;
        GpuSelection s = GpuSelection.parse(value);
        List<Gpu> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) if (s.includes(i, uuid.apply(in.get(i)))) out.add(in.get(i));
        return out;
    }
}
