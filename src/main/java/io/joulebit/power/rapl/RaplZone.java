package io.joulebit.power.rapl;

import io.joulebit.power.DeviceKind;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One powercap zone as found under {@code class/powercap}.
 *
 * @param id          the directory name, e.g. {@code intel-rapl:0}, {@code intel-rapl:0:2}
 * @param dir         the zone directory
 * @param zoneName    contents of {@code name}, e.g. {@code package-0}, {@code dram}, {@code psys}, {@code core}
 * @param role        what the zone measures
 * @param device      the device name it is reported as ({@code cpu0}, {@code dram0}, {@code system}); empty for parts
 * @param maxRangeUj  {@code max_energy_range_uj}, where {@code energy_uj} wraps; empty when unreadable
 */
public record RaplZone(String id, Path dir, String zoneName, Role role, String device, OptionalLong maxRangeUj) {

    /** Package includes core and uncore; dram is beside the package; psys is the platform (package + dram + more). */
    public enum Role { PACKAGE, DRAM, PSYS, PART }

    public DeviceKind kind() {
        return switch (role) {
            case PACKAGE, PART -> DeviceKind.CPU;
            case DRAM -> DeviceKind.DRAM;
            case PSYS -> DeviceKind.SYSTEM;
        };
    }

    public Path energyFile() { return dir.resolve("energy_uj"); }

    /** The wrap value in joules, when known. */
    public double maxRangeJoules() {
        return maxRangeUj.isPresent() ? maxRangeUj.getAsLong() / 1e6 : Double.NaN;
    }
}
