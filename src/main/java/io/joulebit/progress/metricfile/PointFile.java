package io.joulebit.progress.metricfile;

import io.joulebit.progress.tail.FileIdentity;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** One growing metric file read record by record from a byte offset (an event file, an MLflow metric file). */
public interface PointFile extends Closeable {
    Path path();

    /** Which file this is (device + inode), the first half of a resume position. */
    FileIdentity identity();

    /** The next complete scalar written so far, or null until more bytes arrive (a torn record waits). */
    ScalarPoint next() throws IOException;

    /** Records or lines that were damaged and skipped so far. */
    long corrupt();
}
