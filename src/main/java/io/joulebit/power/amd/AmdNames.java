package io.joulebit.power.amd;

import java.util.Locale;
import java.util.Map;

/**
 * Product names of AMD data-centre GPUs by PCI device id (vendor 0x1002), for device_info when the card has no
 * product_name file. Ids from the kernel's amdgpu PCI table; unknown ids keep the raw vendor:device pair.
 */
final class AmdNames {
    private static final Map<String, String> NAMES = Map.of(
            "0x66a1", "AMD Instinct MI50/MI60",
            "0x738c", "AMD Instinct MI100",
            "0x7408", "AMD Instinct MI250X",
            "0x740c", "AMD Instinct MI250X/MI250",
            "0x740f", "AMD Instinct MI210",
            "0x74a0", "AMD Instinct MI300A",
            "0x74a1", "AMD Instinct MI300X",
            "0x74a5", "AMD Instinct MI325X");

    private AmdNames() {}

    static String of(String vendor, String device) {
        String d = device.toLowerCase(Locale.ROOT);
        return NAMES.getOrDefault(d, "AMD GPU " + vendor + ":" + d);
    }
}
