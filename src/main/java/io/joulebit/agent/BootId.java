package io.joulebit.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's boot id: a hardware counter reading is only comparable with one taken in the same boot (a reboot
 * restarts RAPL and reloads the GPU driver). Read from a path so tests can fake a reboot.
 */
public final class BootId {
    public static final Path DEFAULT_PATH = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {}

    /** The boot id, or "unknown" when the file cannot be read (then no stored counter is ever trusted). */
    public static String read(Path path) {
        try {
            String id = Files.readString(path).trim();
            return id.isEmpty() ? "unknown" : id;
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
