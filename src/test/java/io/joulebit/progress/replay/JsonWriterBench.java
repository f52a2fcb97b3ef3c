package io.joulebit.progress.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.json.StepEventJson;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Why replay-log keeps a hand-made JSON writer: 2M replay-shaped events through {@link StepJsonWriter} and through
 * Jackson's generator with its fast double writer, five rounds each, into a null stream. Usage (after
 * {@code mvn -o -B -DskipTests package}): {@code java -cp target/test-classes:target/classes:target/lib/*
 * io.joulebit.progress.replay.JsonWriterBench}.
 */
public final class JsonWriterBench {
    static final OutputStream NULL = OutputStream.nullOutputStream();
    private JsonWriterBench() {}

    public static void main(String[] a) throws Exception {
        int n = 2_000_000;
        StepEvent[] ev = new StepEvent[4096];
        for (int i = 0; i < ev.length; i++) ev[i] = StepEvent.train(i + 1, 2.0 + 8.0 / (1 + i / 1000.0)).withTokens(i * 512L * 2048).withLearningRate(1.5e-4 * (1 - i / 4e6));
        JsonFactory f = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            StepJsonWriter w = new StepJsonWriter(NULL);
            for (int i = 0; i < n; i++) w.write(ev[i & 4095]);
            w.flush();
            long t1 = System.nanoTime();
            JsonGenerator g = f.createGenerator(NULL);
            g.setRootValueSeparator(null);
            for (int i = 0; i < n; i++) {
                StepEvent e = ev[i & 4095];
                g.writeStartObject();
                g.writeNumberField(StepEventJson.STEP, e.step());
                g.writeStringField(StepEventJson.PHASE, e.phase().label());
                g.writeNumberField(StepEventJson.LOSS_NATS, e.lossNats().getAsDouble());
                g.writeNumberField(StepEventJson.TOKENS, e.tokens().getAsLong());
                g.writeNumberField(StepEventJson.LR, e.learningRate().getAsDouble());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.flush();
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: hand-made %.0f ms, jackson fast-double %.0f ms (2M events)%n", round, (t1-t0)/1e6, (t2-t1)/1e6);
        }
    }
}
