package io.joulebit.power.oshi;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.time.NanoClock;
import oshi.SystemInfo;
import oshi.hardware.GpuStats;
import oshi.hardware.GraphicsCard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Last-resort GPU readings through OSHI 7.5 {@link GraphicsCard#createStatsSession()} (source label "oshi"). On Linux
 * OSHI reads NVML when libnvidia-ml is present, else hwmon power1_average / temp1_input of the DRM card. OSHI answers
 * -1 (and sometimes 0 °C) for "unknown": those are absent here, never 0. Devices are labelled gpu&lt;n&gt; in OSHI's
 * list order, which need not match nvidia-smi's index.
 */
public final class OshiGpuSource implements PowerSource {
    public static final String NAME = "oshi";

    private record Card(String device, String name, GpuStats stats) {}

    private final Supplier<List<GraphicsCard>> cards;
    private final NanoClock clock;
    private List<Card> open;

    public OshiGpuSource(Supplier<List<GraphicsCard>> cards, NanoClock clock) {
        this.cards = cards;
        this.clock = clock;
    }

    public static OshiGpuSource system() {
        return new OshiGpuSource(() -> new SystemInfo().getHardware().getGraphicsCards(), NanoClock.SYSTEM);
    }

    @Override public String name() { return NAME; }

    @Override
    public synchronized Availability probe() {
        List<Card> list;
        try {
            list = open();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("OSHI could not list graphics cards: " + e);
        }
        if (list.isEmpty()) {
            return Availability.unavailable("OSHI found no graphics card");
        }
        List<String> withPower = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Card c : list) {
            (readWatts(c) >= 0 ? withPower : without).add(c.device() + " (" + c.name() + ")");
        }
        if (withPower.isEmpty()) {
            return Availability.unavailable("OSHI reports no power draw for " + String.join(", ", without)
                    + " (no NVML and no hwmon power sensor)");
        }
        return Availability.available("OSHI power draw for " + String.join(", ", withPower),
                list.stream().filter(c -> readWatts(c) >= 0).map(Card::device).toList());
    }

    @Override
    public synchronized List<PowerSample> sample() {
        List<PowerSample> out = new ArrayList<>();
        List<Card> list;
        try {
            list = open();
        } catch (RuntimeException | LinkageError e) {
            return out; // probe() says why
        }
        for (Card c : list) {
            double w = readWatts(c);
            PowerSample s = PowerSample.of(c.device(), DeviceKind.GPU, NAME, clock.nanoTime(), w >= 0 ? w : Double.NaN);
            double t = safe(() -> c.stats().getTemperature());
            if (t > 0) {
                s = s.withCelsius(t);
            }
            double u = safe(() -> c.stats().getGpuUtilization());
            if (u >= 0 && u <= 100) {
                s = s.withUtilization(u / 100.0);
            }
            out.add(s);
        }
        return out;
    }

    private List<Card> open() {
        if (open == null) {
            List<Card> list = new ArrayList<>();
            List<GraphicsCard> found = cards.get();
            for (int i = 0; i < found.size(); i++) {
                GraphicsCard g = found.get(i);
                list.add(new Card("gpu" + i, g.getName(), g.createStatsSession()));
            }
            open = List.copyOf(list);
        }
        return open;
    }

    private static double readWatts(Card c) {
        double w = safe(() -> c.stats().getPowerDraw());
        return Double.isFinite(w) ? w : -1;
    }

    private static double safe(DoubleSupplier read) {
        try {
            return read.getAsDouble();
        } catch (RuntimeException e) {
            return -1; // a closed session or a sensor read failure is "unknown"
        }
    }

    @Override
    public synchronized void close() {
        if (open != null) {
            open.forEach(c -> c.stats().close());
            open = null;
        }
    }
}
