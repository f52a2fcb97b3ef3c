package io.joulebit.progress.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.Loss;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The trainer's loss on one batch, read back from DJL's {@link BatchData}.
 *
 * <p>DJL's {@code EasyTrain} computes the loss inside its gradient collector and keeps only the labels and
 * predictions per device, so the value is evaluated again here (one loss evaluation on logits that already exist;
 * no forward pass). Splits over several devices are averaged weighted by their sample counts. Intermediate arrays
 * live in an {@link NDScope} and are freed at once, so a listener never grows the batch's memory.
 */
final class BatchLoss {
    private BatchLoss() {}

    /** Mean loss over the batch as the loss function defines it (nats for cross-entropy); empty if unreadable. */
    static OptionalDouble mean(Loss loss, BatchData data) {
        double weighted = 0;
        long samples = 0;
        for (Map.Entry<Device, NDList> e : data.getPredictions().entrySet()) {
            NDList labels = data.getLabels().get(e.getKey());
            if (labels == null || labels.isEmpty() || e.getValue().isEmpty()) {
                continue;
            }
            long n = sampleCount(labels.head());
            double value;
            try (NDScope ignored = new NDScope()) {
                NDArray l = loss.evaluate(labels, e.getValue());
                value = l.mean().toType(DataType.FLOAT64, false).getDouble();
            }
            weighted += value * n;
            samples += n;
        }
        return samples == 0 ? OptionalDouble.empty() : OptionalDouble.of(weighted / samples);
    }

    private static long sampleCount(NDArray labels) {
        return labels.getShape().dimension() == 0 ? 1 : Math.max(1, labels.getShape().get(0));
    }
}
