package io.joulebit.power.select;

import io.joulebit.power.DeviceKind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to choose. AUTO: per device kind, the first working source of that kind's priority list wins; sources in no
 * list (simulated, and oshi for CPUs since it gives no CPU power) are never chosen. EXPLICIT: only the named sources,
 * the list order being the priority, whatever the kind; the only way to get "simulated".
 */
public record SelectionPolicy(Mode mode, List<String> explicit, Map<DeviceKind, List<String>> priority) {
    public enum Mode { AUTO, EXPLICIT }

    public SelectionPolicy {
        Objects.requireNonNull(mode, "mode");
        explicit = List.copyOf(explicit);
        priority = Map.copyOf(priority);
        if (mode == Mode.EXPLICIT && explicit.isEmpty()) {
            throw new IllegalArgumentException("an explicit source list must name at least one source");
        }
    }

    /** GPU: nvml > amd > intel > nvidia-smi > oshi; CPU: rapl > estimate; DRAM and platform (system): rapl only. */
    public static Map<DeviceKind, List<String>> defaultPriority() {
        Map<DeviceKind, List<String>> p = new EnumMap<>(DeviceKind.class);
        p.put(DeviceKind.GPU, List.of("nvml", "amd", "intel", "nvidia-smi", "oshi"));
        p.put(DeviceKind.CPU, List.of("rapl", "estimate"));
        p.put(DeviceKind.DRAM, List.of("rapl"));
        p.put(DeviceKind.SYSTEM, List.of("rapl"));
        return p;
    }

    public static SelectionPolicy auto() { return new SelectionPolicy(Mode.AUTO, List.of(), defaultPriority()); }

    public static SelectionPolicy explicit(List<String> sourceNames) {
        return new SelectionPolicy(Mode.EXPLICIT, sourceNames, defaultPriority());
    }
}
