package io.joulebit.power.gpu;

import io.joulebit.power.rapl.SysfsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One GPU as the kernel's DRM + hwmon sysfs shows it: {@code <root>/class/drm/cardN/device} (the PCI device) and the
 * hwmon directory under it whose {@code name} is the driver's (amdgpu, i915, xe). Cards are listed once per PCI device
 * (connectors such as card0-DP-1 and render nodes are not cards; two cardN links to one device count once) and in PCI
 * address order, which is the order ROCm and oneAPI number devices in.
 */
public record DrmCard(String card, Path device, Path hwmon, String pciAddress, SysfsReader reader) {
    private static final Pattern CARD = Pattern.compile("card\\d+");

    /** Every card whose device has a hwmon directory named one of {@code drivers}; never throws on a missing tree. */
    public static List<DrmCard> scan(Path sysfsRoot, SysfsReader reader, Set<String> drivers) {
        Path drm = sysfsRoot.resolve("class/drm");
        List<DrmCard> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        try (Stream<Path> cards = Files.list(drm)) {
            for (Path c : cards.filter(p -> CARD.matcher(p.getFileName().toString()).matches()).sorted().toList()) {
                Path device = c.resolve("device");
                Path real;
                try {
                    real = device.toRealPath();
                } catch (IOException e) {
                    continue; // no device behind this card
                }
                if (!seen.add(real)) continue;
                Path hwmon = hwmon(device, reader, drivers);
                if (hwmon != null) out.add(new DrmCard(c.getFileName().toString(), device, hwmon,
                        real.getFileName().toString(), reader));
            }
        } catch (IOException e) {
            return List.of(); // no DRM here
        }
        out.sort(Comparator.comparing(DrmCard::pciAddress));
        return List.copyOf(out);
    }

    private static Path hwmon(Path device, SysfsReader reader, Set<String> drivers) {
        try (Stream<Path> dirs = Files.list(device.resolve("hwmon"))) {
            for (Path h : dirs.sorted().toList()) {
                try {
                    if (drivers.contains(reader.read(h.resolve("name")).strip())) return h;
                } catch (IOException e) {
                    // no name: not a driver hwmon
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    public boolean hwmonHas(String attribute) { return Files.exists(hwmon.resolve(attribute)); }

    /** A hwmon attribute as a number; empty when absent. Throws when present but unreadable (the GPU is gone). */
    public OptionalLong hwmonLong(String attribute) throws IOException {
        return readLong(hwmon.resolve(attribute));
    }

    /** A device attribute (gpu_busy_percent, vendor, device, unique_id...) as text; empty when absent. */
    public String deviceText(String attribute) {
        try {
            return reader.read(device.resolve(attribute)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    public OptionalLong deviceLong(String attribute) throws IOException { return readLong(device.resolve(attribute)); }

    /** A µ-unit hwmon attribute (µW, µJ, m°C × 1000...) scaled to base units. */
    public OptionalDouble scaled(String attribute, double scale) throws IOException {
        OptionalLong v = hwmonLong(attribute);
        return v.isPresent() ? OptionalDouble.of(v.getAsLong() * scale) : OptionalDouble.empty();
    }

    private OptionalLong readLong(Path file) throws IOException {
        if (!Files.exists(file)) return OptionalLong.empty();
        String text = reader.read(file).strip();
        try {
            return OptionalLong.of(text.startsWith("0x") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number: \"" + text.toLowerCase(Locale.ROOT) + "\"");
        }
    }
}
