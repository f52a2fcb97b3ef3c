package io.joulebit.demo.grok;

import java.util.Random;

/**
 * The data set of the grokking demo: every pair (a, b) of residues mod p with label (a + b) mod p, shuffled with the
 * seed and split into a training and a validation part. Inputs are two token ids per pair, a and p + b, so the model
 * sees which operand is which.
 */
final class ModularAddition {
    final int modulus;
    final long[] trainX;
    final long[] trainY;
    final long[] validX;
    final long[] validY;

    ModularAddition(int modulus, double trainFraction, long seed) {
        this.modulus = modulus;
        int n = modulus * modulus;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int train = (int) Math.round(trainFraction * n);
        trainX = new long[2 * train];
        trainY = new long[train];
        validX = new long[2 * (n - train)];
        validY = new long[n - train];
        for (int i = 0; i < n; i++) {
            boolean isTrain = i < train;
            int k = isTrain ? i : i - train;
            long[] x = isTrain ? trainX : validX;
            long[] y = isTrain ? trainY : validY;
            int a = order[i] / modulus;
            int b = order[i] % modulus;
            x[2 * k] = a;
            x[2 * k + 1] = modulus + b;
            y[k] = (a + b) % modulus;
        }
    }

    int trainSize() { return trainY.length; }

    int validSize() { return validY.length; }
}
