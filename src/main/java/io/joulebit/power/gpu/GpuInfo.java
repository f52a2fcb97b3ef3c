package io.joulebit.power.gpu;

import java.util.Objects;

/**
 * Who a GPU is: the driver index (nvidia-smi / NVML order, PCI bus order), its UUID ("GPU-…") and product name.
 * The device label is {@code gpu<index>}; uuid and name are kept for run_info-style labels, never per sample.
 */
public record GpuInfo(int index, String uuid, String name) {
    public GpuInfo {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
    }

    /** The `device` label used in every PowerSample of this GPU. */
    public String device() { return "gpu" + index; }
}
