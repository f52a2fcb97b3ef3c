package io.joulebit.power.rapl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fake {@code <sysfs>/class/powercap} tree (flat, like the real class directory). */
final class FakePowercap {
    final Path sysfsRoot;
    final Path powercap;

    FakePowercap(Path tempDir) {
        this.sysfsRoot = tempDir;
        this.powercap = tempDir.resolve("class/powercap");
        mkdirs(powercap.resolve("intel-rapl")); // the control-type directory: has no name file
    }

    FakePowercap zone(String id, String name, long energyUj, long maxRangeUj) {
        Path dir = powercap.resolve(id);
        mkdirs(dir);
        write(dir.resolve("name"), name + "\n");
        write(dir.resolve("energy_uj"), energyUj + "\n");
        write(dir.resolve("max_energy_range_uj"), maxRangeUj + "\n");
        return this;
    }

    FakePowercap energy(String id, long uj) { return raw(id, "energy_uj", uj + "\n"); }

    FakePowercap raw(String id, String file, String contents) {
        write(powercap.resolve(id).resolve(file), contents);
        return this;
    }

    FakePowercap delete(String id, String file) {
        try {
            Files.delete(powercap.resolve(id).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
