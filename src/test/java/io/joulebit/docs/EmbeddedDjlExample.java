package io.joulebit.docs;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import io.joulebit.agent.Agent;
import io.joulebit.progress.djl.JoulebitTrainingListener;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;

import java.time.Duration;
import java.util.Map;

/**
 * The example of docs/embedding.md, kept compiling and running by EmbeddedDjlExampleTest: a DJL training JVM whose
 * joulebit figures go into the application's PrometheusMeterRegistry and out over OTLP.
 */
public final class EmbeddedDjlExample {
    private EmbeddedDjlExample() {}

    /** Trains a small classifier for {@code batches} steps; returns the Prometheus registry's scrape afterwards. */
    public static String train(String otlpUrl, int batches) throws Exception {
        // The application's registries (Spring Boot would hand you its MeterRegistry instead).
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OtlpMeterRegistry otlp = new OtlpMeterRegistry(new OtlpConfig() {
            @Override public String get(String key) { return null; }
            @Override public String url() { return otlpUrl; }          // e.g. http://collector:4318/v1/metrics
            @Override public Duration step() { return Duration.ofSeconds(1); }
            @Override public Map<String, String> resourceAttributes() { return Map.of("service.name", "trainer"); }
        }, Clock.SYSTEM);

        // An agent in this JVM (no HTTP port of its own: -1), bound into both registries.
        try (Agent agent = Agent.embedded("djl-example", 5 * 3 + 5, "127.0.0.1", -1, prometheus)) {
            agent.bindTo(otlp);
            JoulebitTrainingListener listener = JoulebitTrainingListener.builder(agent.stepSink())
                    .tokensPerSample(16).learningRate(Tracker.fixed(0.01f)).build();
            Engine.getEngine("PyTorch").setRandomSeed(7);
            try (Model model = Model.newInstance("example", "PyTorch");
                 NDManager data = NDManager.newBaseManager("PyTorch")) {
                model.setBlock(Linear.builder().setUnits(5).build());
                NDArray x = data.randomNormal(new Shape(batches * 8L, 3));
                NDArray y = data.randomInteger(0, 5, new Shape(batches * 8L), DataType.INT64);
                ArrayDataset train = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(8, false).build();
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .addTrainingListeners(new EvaluatorTrainingListener(), listener);
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(8, 3));
                    EasyTrain.fit(trainer, 1, train, null);
                }
            }
            waitForSteps(agent, prometheus, batches);
            return prometheus.scrape();
        } finally {
            otlp.close(); // pushes once more, then stops
        }
    }

    /**
     * The agent applies steps on its own thread; wait (bounded) until it has seen them all and the registry has the
     * meters of that publication: a figure's meter is registered just after the snapshot that first has it, so a
     * scrape in between would still lack it (six fast steps arrive as one batch, one publication).
     */
    private static void waitForSteps(Agent agent, MeterRegistry registry, long steps) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((agent.latest().progress().trainSteps() < steps || registry.find("joulebit.loss").meter() == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
