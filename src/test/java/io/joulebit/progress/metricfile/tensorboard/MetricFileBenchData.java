package io.joulebit.progress.metricfile.tensorboard;

import io.joulebit.progress.metricfile.tensorboard.proto.Event;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * bench/metricfile-replay.sh's input: an HF-Trainer-shaped event file with N train/loss scalars (simple_value, as
 * SummaryWriter writes them) and a JSON-lines text log with the same steps and values.
 * Usage: MetricFileBenchData N EVENT_FILE TEXT_LOG
 */
public final class MetricFileBenchData {
    private MetricFileBenchData() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path events = Path.of(args[1]);
        Path text = Path.of(args[2]);
        try (OutputStream ev = new BufferedOutputStream(Files.newOutputStream(events), 1 << 20);
             OutputStream tx = new BufferedOutputStream(Files.newOutputStream(text), 1 << 20)) {
            ev.write(EventWriter.record(Event.newBuilder()
                    .setWallTime(1765000000).setFileVersion("brain.Event:2").build().toByteArray()));
            for (int s = 1; s <= n; s++) {
                float loss = (float) (2.0 + 8.0 / (1 + s / 1000.0));
                ev.write(EventWriter.record(EventWriter.simple("train/loss", s, loss, 1765000000 + s * 0.1)
                        .toByteArray()));
                tx.write(String.format(Locale.ROOT, "{\"step\": %d, \"loss\": %s}%n", s, Float.toString(loss))
                        .getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
