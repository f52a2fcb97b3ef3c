package io.joulebit.power.nvidiasmi;

import java.util.Map;

/**
 * Health of the nvidia-smi stream, for {@code source_up{source}} and {@code source_errors_total{source,reason}}.
 * Reasons: spawn (binary missing/not executable), probe_timeout, probe_failed, exited, stalled (no row for 3
 * intervals: killed), partial (line cut off), garbage (unparseable line), overlong.
 *
 * @param restarts  processes started after the first one
 * @param rowsTotal rows parsed since start
 */
public record SmiHealth(boolean up, Map<String, Long> errorsByReason, long restarts, long rowsTotal) {
    public SmiHealth {
        errorsByReason = Map.copyOf(errorsByReason);
    }

    public long errors(String reason) { return errorsByReason.getOrDefault(reason, 0L); }
}
