package io.joulebit.progress.metricfile;

/**
 * One logged scalar from a metric file.
 *
 * @param key         the series: the tag, prefixed with the writer's subfolder ("train/epoch_loss") or the MLflow key
 * @param step        the writer's step axis, as written
 * @param wallSeconds when the writer logged it (seconds since the epoch), to merge several files in time order
 * @param offsetAfter byte offset in its file just past the record or line that held it (the resume position)
 */
public record ScalarPoint(String key, long step, double value, double wallSeconds, long offsetAfter) {}
