package io.joulebit.progress.metricfile;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.StepJsonWriter;
import io.joulebit.progress.format.TokenDeriver;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * replay-log over a metric-file run: every file read to its end once, the chosen series' steps written as the same
 * JSON lines a text log gives (tokens derived by the same {@link TokenDeriver}).
 */
public final class MetricReplay {
    /**
     * @param tags      the chosen series; empty when no known loss tag appeared ({@code seen} lists what did)
     * @param refused   files found that are not event files, each with why
     */
    public record Stats(String kind, int files, long points, long used, long repeated, long steps, long corrupt,
                        long dropped, Optional<TagSet> tags, SortedSet<String> seen, List<String> refused,
                        String tokenOrigin) {}

    private MetricReplay() {}

    /** Receives each step event in order. */
    public interface Sink { void step(StepEvent e) throws IOException; }

    /** Writes the steps as replay-log's JSON lines; the output is flushed even when reading fails. */
    public static Stats run(RunLayout layout, FormatOptions opts, TagOverrides overrides, OutputStream out)
            throws IOException {
        StepJsonWriter json = new StepJsonWriter(out);
        try {
            return run(layout, opts, overrides, json::write);
        } finally {
            json.flush();
        }
    }

    public static Stats run(RunLayout layout, FormatOptions opts, TagOverrides overrides, Sink sink)
            throws IOException {
        TokenDeriver tokens = new TokenDeriver(opts);
        long[] steps = new long[1];
        IOException[] failed = new IOException[1];
        StepAssembler a = new StepAssembler(overrides, opts.lossUnit(), (e, samples, at) -> {
            if (failed[0] != null) return;
            try {
                sink.step(tokens.apply(e, samples));
                steps[0]++;
            } catch (IOException x) {
                failed[0] = x;
            }
        });
        try (MetricRunReader reader = new MetricRunReader(layout, Optional.empty())) {
            reader.pump(a::point);
            a.flush();
            if (failed[0] != null) throw failed[0];
            return new Stats(layout.kind(), reader.files(), a.points(), a.used(), a.repeated(), steps[0],
                    reader.corrupt(), a.dropped(), Optional.ofNullable(a.tags()), a.heldKeys(), reader.refused(),
                    tokens.origin().label());
        }
    }
}
