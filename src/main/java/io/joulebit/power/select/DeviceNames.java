package io.joulebit.power.select;

import io.joulebit.power.DeviceKind;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The device naming convention the selector relies on: {@code <family><index>[-suffix]} with family gpu, cpu, dram or
 * system ("gpu0", "cpu1", "cpu0-die1", "dram0"), or the bare family ("cpu") for a source that sees all of that kind at
 * once (estimate, oshi). Two names conflict when counting both would count some energy twice.
 */
public final class DeviceNames {
    private static final Set<String> HOST = Set.of("cpu", "dram", "system");

    private DeviceNames() {}

    /** Leading letters: "cpu0-die1" → "cpu". */
    public static String family(String device) {
        int i = 0;
        while (i < device.length() && Character.isLetter(device.charAt(i))) i++;
        return device.substring(0, i).toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceKind> kind(String device) {
        return switch (family(device)) {
            case "gpu" -> Optional.of(DeviceKind.GPU);
            case "cpu" -> Optional.of(DeviceKind.CPU);
            case "dram" -> Optional.of(DeviceKind.DRAM);
            case "system" -> Optional.of(DeviceKind.SYSTEM);
            default -> Optional.empty();
        };
    }

    /**
     * Same name; or same family where one is the whole family ("cpu" vs "cpu0"); or one is the platform ("system",
     * RAPL psys, which contains the packages and dram) and the other is a host device. GPUs are not treated as part of
     * "system" (on servers psys is absent; on laptops psys may include a discrete GPU — a documented limitation).
     */
    public static boolean conflict(String a, String b) {
        if (a.equals(b)) return true;
        String fa = family(a), fb = family(b);
        if (fa.equals(fb) && !fa.isEmpty() && (a.equalsIgnoreCase(fa) || b.equalsIgnoreCase(fb))) return true;
        return (fa.equals("system") && HOST.contains(fb)) || (fb.equals("system") && HOST.contains(fa));
    }
}
