package io.joulebit.demo.grok;

/**
 * The grokking demo's setting: a + b mod p on a seeded fraction of all p² pairs, a one-hidden-layer MLP, full-batch
 * AdamW. The defaults grok on two CPU cores in about a minute (docs/heat-capacity.md lists what was tried).
 *
 * @param modulus       p (97 in the grokking literature)
 * @param trainFraction share of the p² pairs trained on; the rest is the validation set
 * @param hidden        hidden units of the MLP
 * @param learningRate  AdamW learning rate (fixed)
 * @param weightDecay   AdamW decoupled weight decay; 0 gives the control run that memorises but does not generalise
 * @param steps         full-batch optimizer steps
 * @param evalEvery     validation every this many steps (an eval point for the agent)
 * @param seed          data split, weight initialisation and minibatch sampling
 * @param batch         training pairs per step, drawn with replacement; 0 = the whole training set (full batch)
 */
public record GrokkingOptions(int modulus, double trainFraction, int hidden, float learningRate, float weightDecay,
                              int steps, int evalEvery, long seed, int batch) {
    public GrokkingOptions {
        if (modulus < 3 || hidden < 1 || steps < 1 || evalEvery < 1 || batch < 0) {
            throw new IllegalArgumentException("modulus >= 3, hidden, steps and evalEvery >= 1, batch >= 0");
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1): " + trainFraction);
        }
        if (!(weightDecay >= 0) || !(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate > 0 and weightDecay >= 0");
        }
    }

    public static GrokkingOptions defaults() {
        return new GrokkingOptions(97, 0.5, 256, 3e-3f, 1.0f, 2000, 2, 1, 0);
    }

    public GrokkingOptions withSeed(long s) {
        return new GrokkingOptions(modulus, trainFraction, hidden, learningRate, weightDecay, steps, evalEvery, s, batch);
    }

    public GrokkingOptions withWeightDecay(float wd) {
        return new GrokkingOptions(modulus, trainFraction, hidden, learningRate, wd, steps, evalEvery, seed, batch);
    }

    public GrokkingOptions withSteps(int n) {
        return new GrokkingOptions(modulus, trainFraction, hidden, learningRate, weightDecay, n, evalEvery, seed, batch);
    }

    /**
     * Minibatches of b pairs, with the steps to go with them (a minibatch run needs more steps to grok) and validation
     * every 10 steps (on all held-out pairs it would otherwise cost more than the small training steps).
     */
    public GrokkingOptions withBatch(int b, int stepCount) {
        return new GrokkingOptions(modulus, trainFraction, hidden, learningRate, weightDecay, stepCount, 10, seed, b);
    }
}
