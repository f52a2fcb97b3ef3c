package io.joulebit.power.select;

import io.joulebit.health.Health;
import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;

import java.util.List;
import java.util.Set;

/** A chosen source limited to the devices it was chosen for, so a device claimed elsewhere is never counted twice. */
final class FilteredSource implements PowerSource {
    private final PowerSource delegate;
    private final Set<String> devices;

    FilteredSource(PowerSource delegate, Set<String> devices) {
        this.delegate = delegate;
        this.devices = Set.copyOf(devices);
    }

    @Override public String name() { return delegate.name(); }

    @Override
    public Availability probe() {
        Availability a = delegate.probe();
        return new Availability(a.available(), a.reason(), a.devices().stream().filter(devices::contains).toList());
    }

    @Override
    public List<PowerSample> sample() throws SourceException {
        return delegate.sample().stream().filter(s -> devices.contains(s.device())).toList();
    }

    @Override public Health health() { return delegate.health(); }

    @Override public void close() { delegate.close(); }

    @Override public String toString() { return name() + devices; }
}
