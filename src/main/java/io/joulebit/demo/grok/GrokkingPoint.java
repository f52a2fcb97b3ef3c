package io.joulebit.demo.grok;

/**
 * One step of the grokking demo as the agent saw it, with the accuracies it does not take: a training point, or a
 * validation point at the same step (eval = true).
 */
public record GrokkingPoint(long step, boolean eval, double loss, double accuracy) {
}
