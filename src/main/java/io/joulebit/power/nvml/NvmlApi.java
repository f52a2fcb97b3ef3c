package io.joulebit.power.nvml;

/**
 * The slice of NVML this agent uses, in NVML's own units; every failure is an {@link NvmlException} carrying the
 * nvmlReturn_t code (NOT_SUPPORTED=3 is how a device says "no such sensor"). Implemented by {@link JnaNvmlApi} and by
 * fakes in tests.
 */
public interface NvmlApi {
    /** Opaque nvmlDevice_t. */
    interface Device {}

    void init() throws NvmlException;

    int deviceCount() throws NvmlException;

    Device handleByIndex(int index) throws NvmlException;

    String uuid(Device device) throws NvmlException;

    String name(Device device) throws NvmlException;

    /** nvmlDeviceGetTotalEnergyConsumption: mJ since the driver was loaded (Volta and newer). */
    long totalEnergyConsumptionMillijoules(Device device) throws NvmlException;

    /** nvmlDeviceGetPowerUsage: mW. */
    long powerUsageMilliwatts(Device device) throws NvmlException;

    /** nvmlDeviceGetEnforcedPowerLimit: mW. */
    long enforcedPowerLimitMilliwatts(Device device) throws NvmlException;

    /** nvmlDeviceGetTemperature(NVML_TEMPERATURE_GPU): °C. */
    int temperatureCelsius(Device device) throws NvmlException;

    /** nvmlDeviceGetUtilizationRates().gpu: percent. */
    int utilizationGpuPercent(Device device) throws NvmlException;

    void shutdown();
}
