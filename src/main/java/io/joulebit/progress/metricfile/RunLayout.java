package io.joulebit.progress.metricfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where a run keeps its metric files, and how to open one: a TensorBoard log directory or an MLflow run. */
public interface RunLayout {
    /** "tensorboard" or "mlflow", for messages and replay-log's summary. */
    String kind();

    /** The file or directory the run was named by. */
    Path root();

    /** The metric files present now, in a stable order (called on every poll: a writer rolls to new files). */
    List<Path> scan() throws IOException;

    PointFile open(Path file, long offset) throws IOException;
}
