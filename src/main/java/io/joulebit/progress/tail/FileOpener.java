package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a file for reading; injectable so tests can simulate permission errors (root ignores chmod 000). */
@FunctionalInterface
public interface FileOpener {
    FileChannel open(Path path) throws IOException;

    FileOpener DEFAULT = path -> FileChannel.open(path, StandardOpenOption.READ);
}
