package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which file a path names right now (device + inode). A rename, a re-create or a symlink swap gives the path a new
 * identity, which is how the tailer tells rotation from growth. Where the platform has no inode (no "unix" view and
 * an opaque file key) the identity is {@link #UNKNOWN}, and only truncation can be detected.
 */
public record FileIdentity(long device, long inode) {
    public static final FileIdentity UNKNOWN = new FileIdentity(-1, -1);

    // UnixFileKey.toString(): "(dev=803,ino=1234)", dev in hex.
    private static final Pattern FILE_KEY = Pattern.compile("dev=([0-9a-fA-F]+),ino=(\\d+)");

    /** The last file key seen and its identity: the tailer asks about the same file several times a second. */
    private static final AtomicReference<Known> LAST = new AtomicReference<>();

    private record Known(Object key, FileIdentity identity) {}

    /** Identity of the file {@code path} resolves to (symlinks followed); empty when there is no such file. */
    public static Optional<FileIdentity> of(Path path) throws IOException {
        Object key;
        try {
            key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Known last = LAST.get();
        if (key != null && last != null && key.equals(last.key())) return Optional.of(last.identity());
        // A plain stat: the "unix:dev,ino" view reads the same stat but builds a map each call (bench/README.md).
        if (key != null && FILE_KEY.matcher(key.toString()).find()) {
            FileIdentity id = fromKey(key);
            LAST.set(new Known(key, id));
            return Optional.of(id);
        }
        try {
            Map<String, Object> attrs = Files.readAttributes(path, "unix:dev,ino");
            return Optional.of(new FileIdentity(((Number) attrs.get("dev")).longValue(),
                    ((Number) attrs.get("ino")).longValue()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.of(fromKey(key));
        }
    }

    static Optional<FileIdentity> fromFileKey(Path path) throws IOException {
        try {
            return Optional.of(fromKey(Files.readAttributes(path, BasicFileAttributes.class).fileKey()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static FileIdentity fromKey(Object key) {
        if (key == null) return UNKNOWN;
        Matcher m = FILE_KEY.matcher(key.toString());
        if (m.find()) return new FileIdentity(Long.parseUnsignedLong(m.group(1), 16), Long.parseLong(m.group(2)));
        return new FileIdentity(0, key.hashCode());
    }

    /** "device:inode", the form {@link #parse} reads back (for storing a {@link TailPosition}). */
    @Override
    public String toString() { return device + ":" + inode; }

    public static FileIdentity parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("expected device:inode, got \"" + text + "\"");
        return new FileIdentity(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }
}
