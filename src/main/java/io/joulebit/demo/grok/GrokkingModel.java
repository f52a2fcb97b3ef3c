package io.joulebit.demo.grok;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * The grokking MLP: the two operand ids as one 2p-wide two-hot row → one ReLU layer → p logits. Input (batch, 2)
 * int64 ids, output (batch, p). A single hidden layer is the smallest model reported to grok modular addition.
 */
final class GrokkingModel {
    private GrokkingModel() {}

    static Block build(int modulus, int hidden) {
        SequentialBlock net = new SequentialBlock();
        int width = 2 * modulus;
        net.add(new LambdaBlock(in -> new NDList(
                in.singletonOrThrow().toType(DataType.INT64, false).oneHot(width).sum(new int[] {1})), "two_hot"));
        net.add(Linear.builder().setUnits(hidden).build());
        net.add(Activation.reluBlock());
        net.add(Linear.builder().setUnits(modulus).build());
        return net;
    }

    /** N_params by arithmetic: (2p·h + h) + (h·p + p). */
    static long parameterCount(int modulus, int hidden) {
        long p = modulus;
        long h = hidden;
        return (2 * p * h + h) + (h * p + p);
    }
}
