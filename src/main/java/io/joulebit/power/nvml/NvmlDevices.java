package io.joulebit.power.nvml;

import io.joulebit.power.gpu.GpuInfo;
import io.joulebit.power.gpu.GpuSelection;
import java.util.ArrayList;
import java.util.List;

/**
 * What one NVML initialisation found: the selected GPUs it could open, and those it could not. A GPU whose handle
 * cannot be had (nvmlDeviceGetHandleByIndex_v2 answering NO_PERMISSION for a device this process may not see, or
 * GPU_IS_LOST for one fallen off the bus) is skipped and reported, and the others are measured: one bad GPU must not
 * blind a node of eight.
 */
record NvmlDevices(List<Gpu> gpus, List<Skipped> skipped, String driverVersion, String libraryPath) {
    record Gpu(GpuInfo info, NvmlApi.Device handle, boolean mig) {}

    /** A GPU that could not be opened or identified: its driver index and the NVML code name. */
    record Skipped(int index, String code) {
        String device() { return "gpu" + index; }
    }

    static final NvmlDevices NONE = new NvmlDevices(List.of(), List.of(), "", "");

    NvmlDevices {
        gpus = List.copyOf(gpus);
        skipped = List.copyOf(skipped);
    }

    /**
     * Enumerates after a successful init. Codes that void every handle (UNINITIALIZED, DRIVER_NOT_LOADED...) or a
     * failing device count fail the whole enumeration; anything else skips only that device.
     */
    static NvmlDevices enumerate(NvmlApi api, GpuSelection selection) throws NvmlException {
        List<Gpu> found = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int n = api.deviceCount();
        for (int i = 0; i < n; i++) {
            try {
                NvmlApi.Device h = api.handleByIndex(i);
                GpuInfo info = new GpuInfo(i, api.uuid(h), api.name(h));
                if (selection.includes(info)) found.add(new Gpu(info, h, mig(api, h)));
            } catch (NvmlException e) {
                if (NvmlReturn.needsReinit(e.code())) throw e;
                // Unknown UUID: it cannot be matched against a UUID selection, so only an index selection claims it.
                if (selection.includes(i, "")) skipped.add(new Skipped(i, NvmlReturn.name(e.code())));
            }
        }
        return new NvmlDevices(found, skipped, driver(api), api.libraryPath());
    }

    private static boolean mig(NvmlApi api, NvmlApi.Device h) {
        try {
            return api.migEnabled(h);
        } catch (NvmlException e) {
            return false; // NOT_SUPPORTED before Ampere, FUNCTION_NOT_FOUND in old drivers: no MIG
        }
    }

    private static String driver(NvmlApi api) {
        try {
            return api.driverVersion();
        } catch (NvmlException e) {
            return "";
        }
    }
}
