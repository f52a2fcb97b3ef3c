package io.joulebit.demo;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * What one demo run did.
 *
 * @param steps              optimizer steps taken
 * @param tokens             loss-bearing tokens trained on (one predicted character per sequence)
 * @param parameterCount     N_params, summed over the initialised model's parameter arrays
 * @param vocabSize          distinct characters of the corpus; log(vocabSize) is the uniform baseline
 * @param firstLossNats      training loss of the first batch
 * @param finalLossNats      mean training loss of the last (up to) 10 batches
 * @param lastEvalLossNats   mean held-out loss of the last validation, if any ran
 * @param trainingTime       time in the training loop (clock of the options)
 * @param stopped            true when stop() or an interrupt ended the run before its limits
 */
public record DemoSummary(long steps, long tokens, long parameterCount, int vocabSize, OptionalDouble firstLossNats,
                          OptionalDouble finalLossNats, OptionalDouble lastEvalLossNats, Duration trainingTime,
                          boolean stopped) {
    /** ln(vocabSize): the loss of a model that knows nothing but the alphabet. */
    public double uniformEntropyNats() { return Math.log(vocabSize); }
}
