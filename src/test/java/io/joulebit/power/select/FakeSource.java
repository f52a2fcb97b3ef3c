package io.joulebit.power.select;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;

import java.util.List;

/** A source with a fixed probe answer whose samples are one 1 W reading per offered device. */
final class FakeSource implements PowerSource {
    private final String name;
    private final Availability availability;
    boolean closed;

    FakeSource(String name, Availability availability) {
        this.name = name;
        this.availability = availability;
    }

    static FakeSource working(String name, String... devices) {
        return new FakeSource(name, Availability.available("works", List.of(devices)));
    }

    static FakeSource broken(String name, String why) {
        return new FakeSource(name, Availability.unavailable(why));
    }

    @Override public String name() { return name; }

    @Override public Availability probe() { return availability; }

    @Override
    public List<PowerSample> sample() {
        return availability.devices().stream()
                .map(d -> PowerSample.of(d, DeviceNames.kind(d).orElse(DeviceKind.SYSTEM), name, 0, 1.0)).toList();
    }

    @Override public void close() { closed = true; }
}
