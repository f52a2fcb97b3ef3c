package io.joulebit.progress.metricfile.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.joulebit.yaml.YamlTree;
import io.joulebit.progress.metricfile.PointFile;
import io.joulebit.progress.metricfile.RunLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An MLflow file-store run ({@code mlruns/<experiment>/<run>/}: meta.yaml, metrics/, params/, tags/, artifacts/),
 * named by its own folder or by its experiment's folder (then the newest live run by meta.yaml's start_time, or the
 * one --run-id names). Both layouts MLflow has written are read: meta.yaml with run_uuid only (before 1.0) or with
 * run_id too, metric lines with or without a step. Only metrics/ is read: a TensorBoard folder among the run's
 * artifacts holds the same series again and is left alone, so the run is counted once. Metric keys with '/' are
 * nested folders under metrics/, and keep their '/'.
 */
public final class MlflowRun implements RunLayout {
    private final Path run;

    private MlflowRun(Path run) { this.run = run; }

    /** A run folder or an experiment folder (both hold meta.yaml). */
    public static boolean handles(Path p) { return Files.isDirectory(p) && Files.isRegularFile(p.resolve("meta.yaml")); }

    /**
     * @param runId the run to read inside an experiment folder; null for the newest
     * @throws IllegalArgumentException naming what is missing, when neither a run nor an experiment with runs
     */
    public static MlflowRun resolve(Path p, String runId) throws IOException {
        if (isRun(p)) {
            if (runId != null && !runId.equals(p.getFileName().toString())) {
                throw new IllegalArgumentException(p + " is MLflow run " + p.getFileName() + ", not --run-id " + runId);
            }
            return new MlflowRun(p);
        }
        if (runId != null) {
            Path r = p.resolve(runId);
            if (!isRun(r)) throw new IllegalArgumentException("no MLflow run " + runId + " in experiment folder " + p);
            return new MlflowRun(r);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(MlflowRun::isRun).filter(r -> !"deleted".equals(meta(r).path("lifecycle_stage").asText()))
                    .max(Comparator.comparingLong((Path r) -> meta(r).path("start_time").asLong(0))
                            .thenComparing(Path::toString))
                    .map(MlflowRun::new)
                    .orElseThrow(() -> new IllegalArgumentException("no MLflow run (a folder with meta.yaml and"
                            + " metrics/) in " + p));
        }
    }

    static boolean isRun(Path p) {
        return Files.isRegularFile(p.resolve("meta.yaml")) && Files.isDirectory(p.resolve("metrics"));
    }

    /** The run's meta.yaml; an empty node when unreadable (such a run sorts oldest). */
    static JsonNode meta(Path run) {
        try {
            JsonNode n = YamlTree.parse(Files.readString(run.resolve("meta.yaml")));
            return n == null ? JsonNodeFactory.instance.objectNode() : n;
        } catch (IOException | YamlTree.Malformed e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    /** The run id as meta.yaml states it (run_id, or run_uuid in the older layout). */
    public Optional<String> runId() {
        JsonNode m = meta(run);
        String id = m.path("run_id").asText(m.path("run_uuid").asText(""));
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    @Override public String kind() { return "mlflow"; }
    @Override public Path root() { return run; }

    @Override
    public List<Path> scan() throws IOException {
        try (Stream<Path> s = Files.find(run.resolve("metrics"), 8, (f, a) -> a.isRegularFile())) {
            return s.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public PointFile open(Path file, long offset) throws IOException {
        String key = run.resolve("metrics").relativize(file).toString().replace('\\', '/');
        return new MetricHistoryFile(file, key, offset);
    }
}
