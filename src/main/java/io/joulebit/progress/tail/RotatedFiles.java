package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds where a file went while the agent was down: the entry of the log's directory that has its identity. */
final class RotatedFiles {
    private RotatedFiles() {}

    /** The file in {@code log}'s directory (e.g. train.log.1) whose identity is {@code wanted}; the log itself excluded. */
    static Optional<Path> find(Path log, FileIdentity wanted) throws IOException {
        if (wanted.equals(FileIdentity.UNKNOWN)) return Optional.empty();
        Path dir = log.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return Optional.empty();
        Path self = log.toAbsolutePath().normalize();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (entry.normalize().equals(self) || !Files.isRegularFile(entry)) continue;
                if (FileIdentity.of(entry).filter(wanted::equals).isPresent()) return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
