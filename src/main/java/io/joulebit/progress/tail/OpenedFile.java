package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The file a tailer holds open: its channel, its identity and how far it has been read. */
final class OpenedFile {
    final FileChannel channel;
    final FileIdentity identity;
    final Path openedAs;
    long readOffset; // bytes consumed from the channel
    long lineOffset; // just past the last complete line handed on (what a resume continues from)

    private OpenedFile(FileChannel channel, FileIdentity identity, Path openedAs) {
        this.channel = channel;
        this.identity = identity;
        this.openedAs = openedAs;
    }

    /**
     * Opens {@code path}, or returns null when there is no such file or it was swapped while being opened (the
     * identity read before and after differ; the next poll tries again).
     */
    static OpenedFile open(Path path, FileOpener opener) throws IOException {
        Optional<FileIdentity> before = FileIdentity.of(path);
        if (before.isEmpty()) return null;
        FileChannel channel;
        try {
            channel = opener.open(path);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!before.equals(FileIdentity.of(path))) {
            channel.close();
            return null;
        }
        return new OpenedFile(channel, before.get(), path);
    }

    /** Positions at {@code offset}; returns false when the file is now shorter (it was truncated) and starts at 0. */
    boolean seek(long offset) throws IOException {
        boolean fits = offset <= channel.size();
        readOffset = lineOffset = fits ? offset : 0;
        return fits;
    }

    /**
     * Start of the last (possibly unfinished) line, found within the last buffer-full of the file, so starting "at
     * the end" delivers whole lines. With no newline in that window: the end itself (or 0 if the window is the file).
     */
    long lastLineStart(ByteBuffer buffer) throws IOException {
        long size = channel.size();
        int window = (int) Math.min(size, buffer.capacity());
        long from = size - window;
        buffer.clear().limit(window);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, from + buffer.position()) <= 0) break;
        }
        byte[] bytes = buffer.array();
        for (int i = buffer.position() - 1; i >= 0; i--) {
            if (bytes[i] == '\n') return from + i + 1;
        }
        return from == 0 ? 0 : size;
    }

    TailPosition position() { return new TailPosition(identity, lineOffset); }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to read from it either way
        }
    }
}
