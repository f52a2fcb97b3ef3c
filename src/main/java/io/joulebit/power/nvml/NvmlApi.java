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

    /** nvmlDeviceGetTemperatureV, or nvmlDeviceGetTemperature on older drivers (NVML_TEMPERATURE_GPU): °C. */
    int temperatureCelsius(Device device) throws NvmlException;

    /** nvmlDeviceGetUtilizationRates().gpu: percent. */
    int utilizationGpuPercent(Device device) throws NvmlException;

    /** Where the library was loaded from; empty when not a shared library (fakes). */
    default String libraryPath() { return ""; }

    /** nvmlSystemGetDriverVersion, e.g. "550.54.15". */
    default String driverVersion() throws NvmlException { throw new NvmlException(NvmlReturn.FUNCTION_NOT_FOUND); }

    /** nvmlDeviceGetCurrentClocksEventReasons: bit mask of nvmlClocksEventReason* (see {@link ClockEvents}). */
    default long clocksEventReasons(Device device) throws NvmlException {
        throw new NvmlException(NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** nvmlDeviceGetMigMode: current mode is NVML_DEVICE_MIG_ENABLE. */
    default boolean migEnabled(Device device) throws NvmlException {
        throw new NvmlException(NvmlReturn.FUNCTION_NOT_FOUND);
    }

    void shutdown();
}
