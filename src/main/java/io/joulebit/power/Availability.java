package io.joulebit.power;

import java.util.List;

/**
 * Whether a source works on this machine, and why not when it doesn't. A missing sensor is an
 * ordinary answer here, never an exception.
 *
 * @param devices the device names the source would report (empty when unavailable)
 */
public record Availability(boolean available, String reason, List<String> devices) {
    public Availability {
        reason = reason == null ? "" : reason;
        devices = List.copyOf(devices);
    }

    public static Availability available(String detail, List<String> devices) {
        return new Availability(true, detail, devices);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason, List.of());
    }
}
