package io.joulebit.progress.metricfile.tensorboard;

import java.io.IOException;
import java.nio.file.Path;

/** The file does not start with a TFRecord holding an Event with file_version "brain.Event:N". */
public final class NotAnEventFileException extends IOException {
    public NotAnEventFileException(Path file, String why) {
        super(file + " is not a TensorBoard event file: " + why);
    }
}
