package io.joulebit.power.rapl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one small sysfs attribute. Injectable so tests can simulate what a fake tree cannot: tests run as root, where
 * {@code chmod 000} does not deny, so EPERM is simulated by a reader that throws {@link java.nio.file.AccessDeniedException}.
 */
@FunctionalInterface
public interface SysfsReader {
    String read(Path file) throws IOException;

    SysfsReader FILES = file -> Files.readString(file, StandardCharsets.US_ASCII);
}
