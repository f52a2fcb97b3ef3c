package io.joulebit.cli;

import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.metricfile.MetricReplay;
import io.joulebit.progress.metricfile.RunLayout;
import io.joulebit.progress.metricfile.TagOverrides;
import io.joulebit.progress.metricfile.WriterTags;
import io.joulebit.progress.metricfile.tensorboard.NotAnEventFileException;
import io.joulebit.time.NanoClock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * replay-log for a metric-file run: step JSON lines on stdout, then on stderr which series were chosen and why, and
 * what was read. Exit 2 when the path is not an event file, holds none, or no loss series could be chosen.
 */
final class MetricReplayReport {
    private MetricReplayReport() {}

    static int replay(RunLayout layout, FormatOptions opts, TagOverrides tags, OutputStream out, PrintStream err,
                      NanoClock clock) {
        long t0 = clock.nanoTime();
        MetricReplay.Stats s;
        try {
            s = MetricReplay.run(layout, opts, tags, out);
        } catch (NotAnEventFileException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, "cannot read " + layout.root() + ": " + e.getMessage());
        }
        s.refused().forEach(r -> err.println("replay-log: skipped " + r));
        if (s.files() == 0) {
            return fail(err, "no " + ("mlflow".equals(s.kind()) ? "metric files" : "event files (*tfevents*)")
                    + " in " + layout.root());
        }
        if (s.tags().isEmpty()) {
            return fail(err, "no known loss series in " + layout.root() + "; series present: "
                    + (s.seen().isEmpty() ? "none" : String.join(", ", s.seen())) + "; name one with --loss-tag"
                    + " (known: " + String.join(", ", WriterTags.lossTags()) + ")");
        }
        double secs = Math.max(1e-9, (clock.nanoTime() - t0) / 1e9);
        err.println("tags: " + s.tags().get().describe());
        err.printf(Locale.ROOT, "format=%s files=%d scalars=%d used=%d repeated=%d steps=%d corrupt=%d tokens=%s"
                        + " scalars_per_s=%.0f%n", s.kind(), s.files(), s.points(), s.used(), s.repeated(), s.steps(),
                s.corrupt(), s.tokenOrigin(), s.points() / secs);
        err.flush();
        return 0;
    }

    private static int fail(PrintStream err, String message) {
        err.println("replay-log: " + message);
        err.flush();
        return 2;
    }
}
