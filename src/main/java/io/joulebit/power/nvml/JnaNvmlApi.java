package io.joulebit.power.nvml;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.io.File;
import java.nio.charset.StandardCharsets;

/** {@link NvmlApi} bound to libnvidia-ml through JNA. Loading failures come back as NvmlException, never as Errors. */
public final class JnaNvmlApi implements NvmlApi {
    /** The name the driver package installs (the unversioned .so only comes with development packages). */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";
    private static final int NAME_BUFFER = 96; // NVML_DEVICE_UUID_V2_BUFFER_SIZE / NVML_DEVICE_NAME_V2_BUFFER_SIZE
    private static final int NVML_TEMPERATURE_GPU = 0;

    /** nvml.h signatures; unsigned ints are read as Java ints (mW values stay far below 2^31). */
    interface Lib extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

        int nvmlDeviceGetName(Pointer device, byte[] name, int length);

        int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference energy);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference power);

        int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference limit);

        int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference temp);

        int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

        int nvmlDeviceGetTemperatureV(Pointer device, Pointer temperature); // driver 530+

        int nvmlSystemGetDriverVersion(byte[] version, int length);

        int nvmlDeviceGetCurrentClocksEventReasons(Pointer device, LongByReference reasons); // driver 535+

        int nvmlDeviceGetMigMode(Pointer device, IntByReference current, IntByReference pending);
    }

    private record JnaDevice(Pointer pointer) implements Device {}

    @FunctionalInterface
    private interface Call {
        int invoke();
    }

    /** sizeof(nvmlTemperature_v1_t) | 1 << 24, as NVML_STRUCT_VERSION(Temperature, 1) makes it. */
    static final int TEMPERATURE_V1 = 12 | 1 << 24;

    private final Lib lib;
    private final String path;
    private volatile boolean temperatureV = true; // until the library says it has no nvmlDeviceGetTemperatureV

    private JnaNvmlApi(Lib lib, String path) {
        this.lib = lib;
        this.path = path;
    }

    public static NvmlApi load() throws NvmlException { return load(DEFAULT_LIBRARY); }

    public static NvmlApi load(String library) throws NvmlException {
        try {
            Lib lib = Native.load(library, Lib.class);
            File file = NativeLibrary.getInstance(library).getFile();
            return new JnaNvmlApi(lib, file == null ? library : file.getPath());
        } catch (LinkageError | RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            throw new NvmlException(NvmlReturn.LIBRARY_NOT_FOUND,
                    library + " could not be loaded (" + (nl < 0 ? msg : msg.substring(0, nl)).strip() + ")");
        }
    }

    @Override public void init() throws NvmlException { check(lib::nvmlInit_v2); }

    @Override
    public int deviceCount() throws NvmlException {
        IntByReference n = new IntByReference();
        check(() -> lib.nvmlDeviceGetCount_v2(n));
        return n.getValue();
    }

    @Override
    public Device handleByIndex(int index) throws NvmlException {
        PointerByReference ref = new PointerByReference();
        check(() -> lib.nvmlDeviceGetHandleByIndex_v2(index, ref));
        return new JnaDevice(ref.getValue());
    }

    @Override
    public String uuid(Device device) throws NvmlException {
        byte[] buf = new byte[NAME_BUFFER];
        check(() -> lib.nvmlDeviceGetUUID(ptr(device), buf, buf.length));
        return cString(buf);
    }

    @Override
    public String name(Device device) throws NvmlException {
        byte[] buf = new byte[NAME_BUFFER];
        check(() -> lib.nvmlDeviceGetName(ptr(device), buf, buf.length));
        return cString(buf);
    }

    @Override
    public long totalEnergyConsumptionMillijoules(Device device) throws NvmlException {
        LongByReference v = new LongByReference();
        check(() -> lib.nvmlDeviceGetTotalEnergyConsumption(ptr(device), v));
        return v.getValue();
    }

    @Override
    public long powerUsageMilliwatts(Device device) throws NvmlException {
        IntByReference v = new IntByReference();
        check(() -> lib.nvmlDeviceGetPowerUsage(ptr(device), v));
        return Integer.toUnsignedLong(v.getValue());
    }

    @Override
    public long enforcedPowerLimitMilliwatts(Device device) throws NvmlException {
        IntByReference v = new IntByReference();
        check(() -> lib.nvmlDeviceGetEnforcedPowerLimit(ptr(device), v));
        return Integer.toUnsignedLong(v.getValue());
    }

    /** nvmlDeviceGetTemperatureV where the driver has it (the plain call is deprecated), else the plain call. */
    @Override
    public int temperatureCelsius(Device device) throws NvmlException {
        if (temperatureV) {
            try (Memory m = new Memory(12)) { // nvmlTemperature_v1_t { unsigned version; sensorType; int temperature; }
                m.setInt(0, TEMPERATURE_V1);
                m.setInt(4, NVML_TEMPERATURE_GPU);
                m.setInt(8, 0);
                check(() -> lib.nvmlDeviceGetTemperatureV(ptr(device), m));
                return m.getInt(8);
            } catch (NvmlException e) {
                if (e.code() != NvmlReturn.FUNCTION_NOT_FOUND && e.code() != NvmlReturn.ARGUMENT_VERSION_MISMATCH) {
                    throw e;
                }
                temperatureV = false;
            }
        }
        IntByReference v = new IntByReference();
        check(() -> lib.nvmlDeviceGetTemperature(ptr(device), NVML_TEMPERATURE_GPU, v));
        return v.getValue();
    }

    @Override
    public int utilizationGpuPercent(Device device) throws NvmlException {
        try (Memory m = new Memory(8)) { // nvmlUtilization_t { unsigned int gpu; unsigned int memory; }
            check(() -> lib.nvmlDeviceGetUtilizationRates(ptr(device), m));
            return m.getInt(0);
        }
    }

    @Override public String libraryPath() { return path; }

    @Override
    public String driverVersion() throws NvmlException {
        byte[] buf = new byte[80]; // NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE
        check(() -> lib.nvmlSystemGetDriverVersion(buf, buf.length));
        return cString(buf);
    }

    @Override
    public long clocksEventReasons(Device device) throws NvmlException {
        LongByReference v = new LongByReference();
        check(() -> lib.nvmlDeviceGetCurrentClocksEventReasons(ptr(device), v));
        return v.getValue();
    }

    @Override
    public boolean migEnabled(Device device) throws NvmlException {
        IntByReference current = new IntByReference();
        IntByReference pending = new IntByReference();
        check(() -> lib.nvmlDeviceGetMigMode(ptr(device), current, pending));
        return current.getValue() == 1; // NVML_DEVICE_MIG_ENABLE
    }

    @Override
    public void shutdown() {
        try {
            lib.nvmlShutdown();
        } catch (LinkageError | RuntimeException e) {
            // nothing left to release
        }
    }

    private static void check(Call call) throws NvmlException {
        int rc;
        try {
            rc = call.invoke();
        } catch (UnsatisfiedLinkError e) { // symbol missing in an old driver
            throw new NvmlException(NvmlReturn.FUNCTION_NOT_FOUND, e.getMessage());
        }
        if (rc != NvmlReturn.SUCCESS) {
            throw new NvmlException(rc);
        }
    }

    private static Pointer ptr(Device d) { return ((JnaDevice) d).pointer(); }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
