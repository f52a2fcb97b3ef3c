package io.joulebit.progress.metricfile;

import io.joulebit.progress.metricfile.mlflow.MlflowRun;
import io.joulebit.progress.metricfile.tensorboard.TensorBoardRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Is this path a metric-file run (MLflow run or experiment folder, TensorBoard event file or log directory)? */
public final class MetricRuns {
    private MetricRuns() {}

    /**
     * The layout that reads {@code p}, or empty when it is none of these (a text log). MLflow is asked first: a run
     * whose artifacts hold a TensorBoard folder is read from its metrics once.
     *
     * @param runId for an MLflow experiment folder, the run to read (null: the newest)
     * @throws IllegalArgumentException for an MLflow folder without the run asked for
     */
    public static Optional<RunLayout> layout(Path p, String runId) throws IOException {
        // a plain file is never MLflow: asking MlflowRun would load Jackson's YAML stack (~400 classes) for a text log
        if (Files.isDirectory(p) && MlflowRun.handles(p)) return Optional.of(MlflowRun.resolve(p, runId));
        // A directory is a TensorBoard log directory even before the writer's first file appears in it.
        if (Files.isDirectory(p) || TensorBoardRun.handles(p)) return Optional.of(new TensorBoardRun(p));
        return Optional.empty();
    }
}
