package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a tailer's first file is read from: its start (default), its end, or a saved {@link TailPosition} — in the
 * file at the path if it still has that identity, else in the rotated sibling that does (e.g. train.log.1). Used
 * once: a file that appears later is new and read from its start.
 */
final class StartPoint {
    private static final Logger LOG = LoggerFactory.getLogger(StartPoint.class);

    private final boolean atEnd;
    private TailPosition resume;
    private boolean used;

    StartPoint(boolean atEnd, TailPosition resume) {
        this.atEnd = atEnd;
        this.resume = resume;
    }

    boolean used() { return used; }

    /** Opens and positions the first file; null while there is none yet. An IOException leaves it unused. */
    OpenedFile open(Path path, FileOpener opener, ByteBuffer buffer, LongAdder truncations) throws IOException {
        OpenedFile f = resume != null ? openResumed(path, opener, truncations) : null;
        if (f == null && resume == null) {
            f = OpenedFile.open(path, opener);
            if (f != null && atEnd) f.seek(f.lastLineStart(buffer));
            // Missing at start: when it appears it is a new file, to be read whole.
            if (f == null && FileIdentity.of(path).isEmpty()) used = true;
        }
        if (f != null) {
            used = true;
            resume = null;
        }
        return f;
    }

    private OpenedFile openResumed(Path path, FileOpener opener, LongAdder truncations) throws IOException {
        boolean same = FileIdentity.of(path).filter(resume.identity()::equals).isPresent();
        Optional<Path> source = same ? Optional.of(path) : RotatedFiles.find(path, resume.identity());
        if (source.isEmpty()) {
            LOG.warn("tailing {}: the file last read ({}) is gone; reading the current file from its start", path,
                    resume.identity());
            resume = null;
            return null;
        }
        OpenedFile f = OpenedFile.open(source.get(), opener);
        if (f == null) return null;
        if (!f.seek(resume.offset())) {
            truncations.increment();
            LOG.info("tailing {}: file shrank below the saved offset {} while down; reading from 0", path,
                    resume.offset());
        }
        if (!same) LOG.info("tailing {}: finishing rotated {} from offset {} first", path, source.get().getFileName(),
                resume.offset());
        return f;
    }
}
