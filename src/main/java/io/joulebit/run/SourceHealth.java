package io.joulebit.run;

import java.util.Map;

/** A power source's state as exported: source_up and source_errors_total{reason}. */
public record SourceHealth(String source, boolean up, Map<String, Long> errorsByReason, String lastError) {
    public SourceHealth {
        errorsByReason = Map.copyOf(errorsByReason);
        lastError = lastError == null ? "" : lastError;
    }
}
