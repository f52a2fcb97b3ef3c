package io.joulebit.power;

/**
 * How a source will measure one accelerator, and why not a better way: for {@code joulebit probe}.
 *
 * @param method counter | integrated | skipped
 * @param why    empty when nothing better exists; e.g. "energy1_input missing: kernel too old", "NVML: NO_PERMISSION"
 */
public record DeviceMethod(String device, String method, String why) {
    public DeviceMethod {
        why = why == null ? "" : why;
    }
}
