package io.joulebit.demo;

import io.joulebit.time.NanoClock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the demo training job. Defaults train a 0.21 M parameter character model whose training loss falls from
 * ln(vocab) ≈ 4.1 nats to about 1.5 nats (held-out ≈ 2.2) within a minute on two CPU cores.
 *
 * @param maxSteps       optimizer steps to run; 0 = no step limit
 * @param maxDuration    training time to run (engine start and model setup not counted); ZERO = no time limit
 * @param seed           seeds the weight initialisation and the batch sampler
 * @param contextChars   characters the model sees before the one it predicts
 * @param batchSize      sequences per optimizer step
 * @param embedDim       embedding width per character
 * @param hiddenUnits    width of the two hidden layers
 * @param dropout        dropout rate after each hidden layer (slows memorising the small text); 0 = none
 * @param learningRate   Adam learning rate (fixed)
 * @param evalEverySteps run held-out validation batches every this many steps; 0 = never
 * @param evalBatches    held-out batches per validation
 * @param clock          times the duration limit
 */
public record DemoOptions(long maxSteps, Duration maxDuration, long seed, int contextChars, int batchSize,
                          int embedDim, int hiddenUnits, float dropout, float learningRate, int evalEverySteps,
                          int evalBatches, NanoClock clock) {
    public DemoOptions {
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(clock, "clock");
        atLeast("maxSteps", maxSteps, 0);
        if (maxDuration.isNegative()) {
            throw new IllegalArgumentException("maxDuration: Expecting duration >= 0. Found: " + maxDuration);
        }
        atLeast("contextChars", contextChars, 1);
        atLeast("batchSize", batchSize, 1);
        atLeast("embedDim", embedDim, 1);
        atLeast("hiddenUnits", hiddenUnits, 1);
        atLeast("evalEverySteps", evalEverySteps, 0);
        atLeast("evalBatches", evalBatches, 1);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout: Expecting 0 <= rate < 1. Found: " + dropout);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: Expecting > 0. Found: " + learningRate);
        }
    }

    /** Context 32, batch 128, embedding 16, two hidden layers of 256, dropout 0.4, Adam 3e-3, 60 s, eval every 100. */
    public static DemoOptions defaults() {
        return new DemoOptions(0, Duration.ofSeconds(60), 42, 32, 128, 16, 256, 0.4f, 3e-3f, 100, 2, NanoClock.SYSTEM);
    }

    public DemoOptions withDropout(float rate) {
        return new DemoOptions(maxSteps, maxDuration, seed, contextChars, batchSize, embedDim, hiddenUnits, rate,
                learningRate, evalEverySteps, evalBatches, clock);
    }

    public DemoOptions withMaxSteps(long steps) {
        return new DemoOptions(steps, maxDuration, seed, contextChars, batchSize, embedDim, hiddenUnits, dropout,
                learningRate, evalEverySteps, evalBatches, clock);
    }

    public DemoOptions withMaxDuration(Duration d) {
        return new DemoOptions(maxSteps, d, seed, contextChars, batchSize, embedDim, hiddenUnits, dropout,
                learningRate, evalEverySteps, evalBatches, clock);
    }

    public DemoOptions withSeed(long s) {
        return new DemoOptions(maxSteps, maxDuration, s, contextChars, batchSize, embedDim, hiddenUnits, dropout,
                learningRate, evalEverySteps, evalBatches, clock);
    }

    public DemoOptions withModel(int context, int batch, int embed, int hidden) {
        return new DemoOptions(maxSteps, maxDuration, seed, context, batch, embed, hidden, dropout, learningRate,
                evalEverySteps, evalBatches, clock);
    }

    public DemoOptions withEval(int everySteps, int batches) {
        return new DemoOptions(maxSteps, maxDuration, seed, contextChars, batchSize, embedDim, hiddenUnits, dropout,
                learningRate, everySteps, batches, clock);
    }

    public DemoOptions withLearningRate(float lr) {
        return new DemoOptions(maxSteps, maxDuration, seed, contextChars, batchSize, embedDim, hiddenUnits, dropout,
                lr, evalEverySteps, evalBatches, clock);
    }

    public DemoOptions withClock(NanoClock c) {
        return new DemoOptions(maxSteps, maxDuration, seed, contextChars, batchSize, embedDim, hiddenUnits, dropout,
                learningRate, evalEverySteps, evalBatches, c);
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": Expecting >= " + min + ". Found: " + value);
        }
    }
}
