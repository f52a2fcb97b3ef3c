package io.joulebit.demo.grok;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

/**
 * Top-1 accuracy of the last training and the last validation batch, read from the predictions DJL hands every
 * listener (the agent takes losses only; grokking is defined by accuracy). Register it before the listener whose
 * sink reads it, so both see the same batch.
 */
final class AccuracyListener extends TrainingListenerAdapter {
    private volatile double train = Double.NaN;
    private volatile double valid = Double.NaN;

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData data) { train = accuracy(data); }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData data) { valid = accuracy(data); }

    double train() { return train; }

    double valid() { return valid; }

    private static double accuracy(BatchData data) {
        long right = 0;
        long total = 0;
        for (Device d : data.getPredictions().keySet()) {
            NDArray predicted = data.getPredictions().get(d).singletonOrThrow().argMax(1);
            NDArray labels = data.getLabels().get(d).singletonOrThrow();
            right += predicted.eq(labels.toType(predicted.getDataType(), false)).sum().getLong();
            total += labels.size();
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }
}
