package io.joulebit.run;

import io.joulebit.power.DeviceExtras;
import java.util.Map;

/**
 * A power source's state as exported: source_up and source_errors_total{reason}, plus what the source knows per
 * device beyond its readings (info labels, throttle time).
 */
public record SourceHealth(String source, boolean up, Map<String, Long> errorsByReason, String lastError,
                           Map<String, DeviceExtras> devices) {
    public SourceHealth {
        errorsByReason = Map.copyOf(errorsByReason);
        lastError = lastError == null ? "" : lastError;
        devices = Map.copyOf(devices);
    }

    public SourceHealth(String source, boolean up, Map<String, Long> errorsByReason, String lastError) {
        this(source, up, errorsByReason, lastError, Map.of());
    }
}
