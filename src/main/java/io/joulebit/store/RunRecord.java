package io.joulebit.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One run as stored.
 *
 * @param configYaml     the effective agent config, as YAML text ("" when none)
 * @param labels         the run's static labels
 * @param parameterCount the model's parameter count N_params, when configured
 */
public record RunRecord(String id, Instant created, Optional<Instant> started, Optional<Instant> ended,
                        String configYaml, Map<String, String> labels, OptionalLong parameterCount) {
    public RunRecord {
        RunIds.validate(id);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(parameterCount, "parameterCount");
        configYaml = configYaml == null ? "" : configYaml;
        labels = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
    }

    /** A run that starts now: created = started = {@code at}. */
    public static RunRecord started(String id, Instant at, String configYaml, Map<String, String> labels,
                                    OptionalLong parameterCount) {
        return new RunRecord(id, at, Optional.of(at), Optional.empty(), configYaml, labels, parameterCount);
    }
}
