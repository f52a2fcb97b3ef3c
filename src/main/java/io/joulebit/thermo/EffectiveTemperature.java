package io.joulebit.thermo;

/**
 * Effective SGD temperature of PHYSICS.md §6 (Smith &amp; Le 2018; Malladi et al. 2022): SGD lr/B, with momentum
 * lr/(B(1−m)), Adam/AdamW lr/√B, where B is sequences per optimizer step (global). Invalid inputs (lr &lt; 0 or
 * unknown, B ≤ 0, m outside [0, 1)) give an absent figure with {@link Flag#ZERO_TEMPERATURE}.
 */
public final class EffectiveTemperature {
    public enum Optimizer {
        SGD,
        /** Adam and AdamW. */
        ADAM
    }

    private EffectiveTemperature() {
    }

    public static Figure sgd(double learningRate, double batchSequences) {
        return sgd(learningRate, batchSequences, 0);
    }

    public static Figure sgd(double learningRate, double batchSequences, double momentum) {
        if (!valid(learningRate, batchSequences) || !(momentum >= 0 && momentum < 1)) {
            return Figure.absent(Flag.ZERO_TEMPERATURE);
        }
        return Figure.of(learningRate / (batchSequences * (1 - momentum)), Flag.ZERO_TEMPERATURE);
    }

    public static Figure adam(double learningRate, double batchSequences) {
        if (!valid(learningRate, batchSequences)) {
            return Figure.absent(Flag.ZERO_TEMPERATURE);
        }
        return Figure.of(learningRate / Math.sqrt(batchSequences), Flag.ZERO_TEMPERATURE);
    }

    /** momentum is used by SGD only. */
    public static Figure of(Optimizer optimizer, double learningRate, double batchSequences, double momentum) {
        return optimizer == Optimizer.SGD ? sgd(learningRate, batchSequences, momentum)
                : adam(learningRate, batchSequences);
    }

    private static boolean valid(double lr, double batch) {
        return lr >= 0 && Double.isFinite(lr) && batch > 0 && Double.isFinite(batch);
    }
}
