package io.joulebit.power.nvidiasmi;

import io.joulebit.power.gpu.GpuSelection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the nvidia-smi source.
 *
 * @param command        argv prefix, e.g. ["nvidia-smi"] or ["sh", "fake-nvidia-smi.sh", "--capture", "x.csv"]
 * @param interval       the -lms loop period; a row older than 3 intervals is stale, and no row for 3 intervals kills it
 * @param startupTimeout how long a fresh process may take to print its first row (first queries are slow on
 *                       GPUs without persistence mode)
 * @param probeTimeout   limit for the one-shot runs (probe(), power-field probe)
 * @param backoffInitial first restart delay; doubles per consecutive failure up to backoffMax
 * @param selection      which GPUs belong to the job
 */
public record NvidiaSmiConfig(List<String> command, Duration interval, Duration startupTimeout, Duration probeTimeout,
                              Duration backoffInitial, Duration backoffMax, GpuSelection selection) {
    public NvidiaSmiConfig {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: expecting at least the program. Found: []");
        }
        Objects.requireNonNull(selection, "selection");
        positive("interval", interval);
        positive("startupTimeout", startupTimeout);
        positive("probeTimeout", probeTimeout);
        positive("backoffInitial", backoffInitial);
        positive("backoffMax", backoffMax);
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval: expecting >= 1ms. Found: " + interval);
        }
    }

    /** ["nvidia-smi"] every 1 s, GPUs chosen by CUDA_VISIBLE_DEVICES of {@code env}. */
    public static NvidiaSmiConfig defaults(Map<String, String> env) {
        return new NvidiaSmiConfig(List.of("nvidia-smi"), Duration.ofSeconds(1), Duration.ofSeconds(15),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1), GpuSelection.fromEnvironment(env));
    }

    public NvidiaSmiConfig withCommand(List<String> argv) {
        return new NvidiaSmiConfig(argv, interval, startupTimeout, probeTimeout, backoffInitial, backoffMax, selection);
    }

    public NvidiaSmiConfig withInterval(Duration d) {
        return new NvidiaSmiConfig(command, d, startupTimeout, probeTimeout, backoffInitial, backoffMax, selection);
    }

    public NvidiaSmiConfig withStartupTimeout(Duration d) {
        return new NvidiaSmiConfig(command, interval, d, probeTimeout, backoffInitial, backoffMax, selection);
    }

    public NvidiaSmiConfig withBackoff(Duration initial, Duration max) {
        return new NvidiaSmiConfig(command, interval, startupTimeout, probeTimeout, initial, max, selection);
    }

    public NvidiaSmiConfig withSelection(GpuSelection s) {
        return new NvidiaSmiConfig(command, interval, startupTimeout, probeTimeout, backoffInitial, backoffMax, s);
    }

    Duration staleAfter() { return interval.multipliedBy(3); }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": expecting duration > 0. Found: " + d);
        }
    }
}
