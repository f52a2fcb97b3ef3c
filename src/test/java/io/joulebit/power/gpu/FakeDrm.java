package io.joulebit.power.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A sysfs tree shaped as the kernel lays out DRM cards: the PCI device under /sys/devices, its drm/cardN with a
 * {@code device} link back to it, /sys/class/drm/cardN linking to that, connectors (cardN-DP-1) and render nodes
 * beside the cards, and the driver's hwmon under the PCI device.
 */
public final class FakeDrm {
    private final Path root;

    public FakeDrm(Path root) { this.root = root; }

    public Path root() { return root; }

    /** Adds cardN at PCI address {@code pci}; returns its hwmon directory (hwmon{@code hwmonIndex}). */
    public Path card(int n, String pci, int hwmonIndex, Map<String, String> deviceFiles, Map<String, String> hwmonFiles)
            throws IOException {
        Path dev = Files.createDirectories(root.resolve("devices/pci0000:00/0000:00:01.1/" + pci));
        for (var e : deviceFiles.entrySet()) Files.writeString(dev.resolve(e.getKey()), e.getValue() + "\n");
        Path hwmon = Files.createDirectories(dev.resolve("hwmon/hwmon" + hwmonIndex));
        for (var e : hwmonFiles.entrySet()) Files.writeString(hwmon.resolve(e.getKey()), e.getValue() + "\n");
        Path card = Files.createDirectories(dev.resolve("drm/card" + n));
        Files.createSymbolicLink(card.resolve("device"), Path.of("../../../" + pci));
        Files.createDirectories(dev.resolve("drm/card" + n + "-DP-1"));
        Files.createDirectories(dev.resolve("drm/renderD" + (128 + n)));
        Path cls = Files.createDirectories(root.resolve("class/drm"));
        String up = "../../devices/pci0000:00/0000:00:01.1/" + pci + "/drm/";
        Files.createSymbolicLink(cls.resolve("card" + n), Path.of(up + "card" + n));
        Files.createSymbolicLink(cls.resolve("card" + n + "-DP-1"), Path.of(up + "card" + n + "-DP-1"));
        Files.createSymbolicLink(cls.resolve("renderD" + (128 + n)), Path.of(up + "renderD" + (128 + n)));
        return hwmon;
    }

    /** Rewrites one attribute (a new reading). */
    public static void write(Path dir, String file, Object value) throws IOException {
        Files.writeString(dir.resolve(file), value + "\n");
    }
}
