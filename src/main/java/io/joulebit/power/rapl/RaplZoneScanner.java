package io.joulebit.power.rapl;

import io.joulebit.power.rapl.RaplZone.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds RAPL zones in the flat {@code class/powercap} listing, where every zone appears as {@code <type>:N} or
 * {@code <type>:N:M}. Intel and AMD (Zen, kernel 5.8+) both use the {@code intel-rapl} control type with zones named
 * {@code package-N} (AMD has a {@code core} subzone and no dram); some tools also mention {@code amd-rapl}, accepted
 * alike. {@code intel-rapl-mmio} repeats the package counter of {@code intel-rapl}, so duplicates keep the MSR zone
 * (Kepler does the same). Never throws: unreadable or odd zones become problems.
 */
public final class RaplZoneScanner {
    private static final Pattern ZONE_DIR = Pattern.compile("([a-z][a-z0-9_-]*rapl[a-z0-9_-]*):(\\d+)(?::(\\d+))?");
    private static final Pattern PACKAGE = Pattern.compile("package-(\\d+)(?:-die-(\\d+))?");

    /** What was found, plus one line per zone that could not be used. */
    public record Scan(boolean powercapPresent, List<RaplZone> zones, List<String> problems) {}

    private final SysfsReader reader;

    public RaplZoneScanner(SysfsReader reader) { this.reader = reader; }

    public Scan scan(Path powercapDir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(powercapDir)) return new Scan(false, List.of(), List.of());
        List<Matcher> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(powercapDir)) {
            s.map(p -> ZONE_DIR.matcher(p.getFileName().toString())).filter(Matcher::matches).forEach(dirs::add);
        } catch (IOException | RuntimeException e) {
            problems.add("cannot list " + powercapDir + ": " + e);
            return new Scan(true, List.of(), problems);
        }
        // Preferred control type first, top-level zones before their subzones, then numerically.
        dirs.sort(Comparator.comparingInt((Matcher m) -> typeRank(m.group(1))).thenComparing(m -> m.group(1))
                .thenComparingInt(m -> m.group(3) == null ? 0 : 1)
                .thenComparingInt(m -> Integer.parseInt(m.group(2)))
                .thenComparingInt(m -> m.group(3) == null ? -1 : Integer.parseInt(m.group(3))));

        Map<String, String> packageDevice = new HashMap<>(); // top-level id -> cpuN (to number its dram)
        Set<String> devices = new HashSet<>();
        List<RaplZone> zones = new ArrayList<>();
        int looseDram = 0;
        int psysCount = 0;
        for (Matcher m : dirs) {
            String id = m.group(0);
            Path dir = powercapDir.resolve(id);
            String name;
            try {
                name = reader.read(dir.resolve("name")).trim();
            } catch (IOException | RuntimeException e) {
                problems.add(id + ": unreadable name (" + e.getClass().getSimpleName() + ")");
                continue;
            }
            boolean sub = m.group(3) != null;
            Role role;
            String device;
            Matcher pkg = PACKAGE.matcher(name);
            if (!sub && pkg.matches()) {
                role = Role.PACKAGE;
                device = "cpu" + pkg.group(1) + (pkg.group(2) == null ? "" : "-die" + pkg.group(2));
                packageDevice.put(m.group(1) + ":" + m.group(2), pkg.group(1));
            } else if (!sub && name.equals("psys")) {
                role = Role.PSYS;
                device = psysCount++ == 0 ? "system" : "system" + (psysCount - 1);
            } else if (name.equals("dram")) {
                role = Role.DRAM;
                String parentPkg = sub ? packageDevice.get(m.group(1) + ":" + m.group(2)) : null;
                device = "dram" + (parentPkg != null ? parentPkg : String.valueOf(looseDram++));
            } else if (sub) {
                role = Role.PART; // core, uncore: already inside their package
                device = "";
            } else {
                problems.add(id + ": unknown top-level zone name '" + printable(name) + "', ignored");
                continue;
            }
            if (!device.isEmpty() && !devices.add(device)) continue; // e.g. intel-rapl-mmio repeating package-0
            zones.add(new RaplZone(id, dir, name, role, device, readMaxRange(dir, id, problems)));
        }
        return new Scan(true, List.copyOf(zones), List.copyOf(problems));
    }

    private OptionalLong readMaxRange(Path dir, String id, List<String> problems) {
        try {
            long v = Long.parseLong(reader.read(dir.resolve("max_energy_range_uj")).trim());
            if (v > 0) return OptionalLong.of(v);
            problems.add(id + ": max_energy_range_uj not positive; a decrease will be treated as a reset");
        } catch (IOException | RuntimeException e) {
            problems.add(id + ": max_energy_range_uj unusable (" + e.getClass().getSimpleName()
                    + "); a decrease will be treated as a reset");
        }
        return OptionalLong.empty();
    }

    private static int typeRank(String type) {
        return switch (type) {
            case "intel-rapl" -> 0;
            case "amd-rapl" -> 1;
            case "intel-rapl-mmio" -> 3;
            default -> 2;
        };
    }

    private static String printable(String s) {
        String t = s.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
