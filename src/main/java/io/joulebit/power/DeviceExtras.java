package io.joulebit.power;

import java.util.Map;

/**
 * What a source knows about one device besides its readings: identity and mode labels for an info metric (name,
 * uuid, mig) and cumulative seconds spent throttled, by reason. Low-cardinality by construction: one entry per device.
 */
public record DeviceExtras(Map<String, String> info, Map<String, Double> throttledSeconds) {
    public DeviceExtras {
        info = Map.copyOf(info);
        throttledSeconds = Map.copyOf(throttledSeconds);
    }
}
