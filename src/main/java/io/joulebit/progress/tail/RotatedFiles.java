package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds rotated files in the log's directory by identity (dev:inode): where a file went while the agent was down, and
 * the files a fast rotation moved past the tailer between two polls (rotated twice: the middle file was never at the
 * path when the tailer looked).
 */
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

    /** Compressed rotations are not text to follow (logrotate's delaycompress keeps the newest one plain). */
    private static final List<String> COMPRESSED = List.of(".gz", ".xz", ".zst", ".bz2", ".zip");

    /**
     * Rotated siblings of {@code log} (names starting with its name: train.log.1, train.log-20261206) that are not in
     * {@code known} (files already read, and the one at the path now) and were written at or after {@code since}:
     * a file written after the tailer last saw another file at the path was at the path meanwhile. Oldest first.
     */
    static List<Path> writtenSince(Path log, Set<FileIdentity> known,
                                             FileTime since) throws IOException {
        Path dir = log.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        String name = log.getFileName().toString();
        Path self = log.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        Map<Path, FileTime> times = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, name + "?*")) {
            for (Path entry : entries) {
                String n = entry.getFileName().toString();
                if (entry.normalize().equals(self) || COMPRESSED.stream().anyMatch(n::endsWith)) continue;
                try {
                    var attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                    if (!attrs.isRegularFile() || attrs.lastModifiedTime().compareTo(since) < 0) continue;
                    Optional<FileIdentity> id = FileIdentity.of(entry);
                    if (id.isEmpty() || id.get().equals(FileIdentity.UNKNOWN) || known.contains(id.get())) continue;
                    found.add(entry);
                    times.put(entry, attrs.lastModifiedTime());
                } catch (NoSuchFileException gone) {
                    // rotated away (or deleted) while we looked: the next poll sees where it went
                }
            }
        }
        found.sort(Comparator.comparing(times::get));
        return found;
    }
}
