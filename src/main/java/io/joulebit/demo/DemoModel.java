package io.joulebit.demo;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;

/**
 * The demo's next-character model (a Bengio-style neural n-gram): one-hot ids → bias-free linear embedding →
 * flatten the context → two ReLU layers with dropout → vocabulary logits. Input (batch, context) int64 ids,
 * output (batch, vocab).
 */
final class DemoModel {
    private DemoModel() {}

    static Block build(int vocab, int context, int embed, int hidden, float dropout) {
        SequentialBlock net = new SequentialBlock();
        // an embedding table is a bias-free linear map over one-hot rows; this keeps the block to plain DJL layers
        net.add(new LambdaBlock(
                in -> new NDList(in.singletonOrThrow().toType(DataType.INT64, false).oneHot(vocab)), "one_hot"));
        net.add(Linear.builder().setUnits(embed).optBias(false).build());
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(hidden).build());
        net.add(Activation.reluBlock());
        net.add(Dropout.builder().optRate(dropout).build());
        net.add(Linear.builder().setUnits(hidden).build());
        net.add(Activation.reluBlock());
        net.add(Dropout.builder().optRate(dropout).build());
        net.add(Linear.builder().setUnits(vocab).build());
        return net;
    }

    /** N_params of {@link #build} by arithmetic, known before the engine starts. */
    static long parameterCount(int vocab, int context, int embed, int hidden) {
        long v = vocab;
        long h = hidden;
        return v * embed + ((long) context * embed * h + h) + (h * h + h) + (h * v + v);
    }

    /** N_params of an initialised block, summed over its parameter arrays. */
    static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }
}
