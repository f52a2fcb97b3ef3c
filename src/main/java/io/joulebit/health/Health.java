package io.joulebit.health;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one component (a power source, the log tailer, the store) says about itself: whether it works now, how many
 * failures it counted by reason since start (source_errors_total{reason} and its kin), and the latest error message,
 * kept after recovery for diagnosis. Built by {@link HealthLog#health()}; immutable.
 *
 * @param up             false while the component knows it is not delivering what it should
 * @param errorsByReason failures since start by short low-cardinality reason; sorted, so exposition is stable
 * @param lastError      the latest error message; "" when none yet
 */
public record Health(boolean up, Map<String, Long> errorsByReason, String lastError) {
    /** Working, nothing counted: what a component that keeps no books reports. */
    public static final Health UP = new Health(true, Map.of(), "");

    public Health {
        errorsByReason = Collections.unmodifiableMap(new TreeMap<>(errorsByReason));
        lastError = lastError == null ? "" : lastError;
    }

    /** Failures counted for {@code reason}; 0 when none. */
    public long errors(String reason) { return errorsByReason.getOrDefault(reason, 0L); }

    /** Failures counted for every reason together. */
    public long errorsTotal() { return errorsByReason.values().stream().mapToLong(Long::longValue).sum(); }
}
