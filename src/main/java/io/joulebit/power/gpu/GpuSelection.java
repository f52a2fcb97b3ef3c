package io.joulebit.power.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which GPUs belong to the monitored job. Built from {@code CUDA_VISIBLE_DEVICES} the way the CUDA runtime reads it,
 * or from a configured list of the same syntax.
 *
 * <ul>
 *   <li>unset: every GPU;</li>
 *   <li>"" or "NoDevFiles" (what Slurm/Torque set when no GPU was granted): none;</li>
 *   <li>a comma list of indices or UUID prefixes ("GPU-8932f937"); like CUDA, reading stops at the first entry that
 *       is neither (so "0,1,-1,2" selects 0 and 1, and "-1" selects none).</li>
 * </ul>
 * Caveat: CUDA numbers devices fastest-first unless {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}; nvidia-smi/NVML indices are
 * PCI order. On the usual node of identical GPUs the two agree; on mixed nodes prefer UUIDs. MIG instance UUIDs
 * ("MIG-…") cannot be resolved to a parent GPU here and select nothing; see {@link #unresolved()}.
 */
public final class GpuSelection {
    public static final String ENV = "CUDA_VISIBLE_DEVICES";

    private final boolean all;
    private final List<Integer> indices;
    private final List<String> uuidPrefixes;
    private final List<String> unresolved;
    private final String description;

    private GpuSelection(boolean all, List<Integer> indices, List<String> uuidPrefixes, List<String> unresolved,
                         String description) {
        this.all = all;
        this.indices = List.copyOf(indices);
        this.uuidPrefixes = List.copyOf(uuidPrefixes);
        this.unresolved = List.copyOf(unresolved);
        this.description = description;
    }

    public static GpuSelection all() {
        return new GpuSelection(true, List.of(), List.of(), List.of(), "all");
    }

    /** From the environment of the monitored job (injected, never read from System.getenv here). */
    public static GpuSelection fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        return value == null ? all() : parse(value);
    }

    /** A configured list, each entry an index or a UUID prefix. */
    public static GpuSelection of(List<String> ids) {
        return parse(String.join(",", ids));
    }

    /** Parses the CUDA_VISIBLE_DEVICES syntax; never throws. */
    public static GpuSelection parse(String value) {
        Objects.requireNonNull(value, "value");
        String trimmed = value.trim();
        List<Integer> indices = new ArrayList<>();
        List<String> uuids = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        if (!trimmed.isEmpty() && !trimmed.equals("NoDevFiles")) {
            for (String raw : trimmed.split(",", -1)) {
                String token = raw.trim();
                if (token.matches("\\d{1,6}")) {
                    indices.add(Integer.parseInt(token));
                } else if (token.regionMatches(true, 0, "GPU-", 0, 4) && token.length() > 4) {
                    uuids.add(token.toLowerCase(Locale.ROOT));
                } else if (token.regionMatches(true, 0, "MIG-", 0, 4)) {
                    unresolved.add(token);
                } else {
                    break; // CUDA ignores this entry and everything after it
                }
            }
        }
        return new GpuSelection(false, indices, uuids, unresolved, ENV + "=\"" + value + "\"");
    }

    public boolean includes(GpuInfo gpu) { return includes(gpu.index(), gpu.uuid()); }

    public boolean includes(int index, String uuid) {
        if (all) {
            return true;
        }
        if (indices.contains(index)) {
            return true;
        }
        String lower = uuid == null ? "" : uuid.toLowerCase(Locale.ROOT);
        return !lower.isEmpty() && uuidPrefixes.stream().anyMatch(lower::startsWith);
    }

    public boolean selectsAll() { return all; }

    /** Entries that name a device this selection cannot match (MIG instances). */
    public List<String> unresolved() { return unresolved; }

    @Override public String toString() { return description; }
}
