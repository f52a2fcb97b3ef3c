package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** One real-shaped line per row: format, line, then the expected first event ("phase step loss") or kind. */
class FormatTableTest {
    private static final String E = "\u001b";
    private static final double LN2 = Math.log(2);

    static Stream<Arguments> lines() {
        return Stream.of(
            arguments("hf-trainer", "{'loss': 2.3456, 'grad_norm': 1.2, 'learning_rate': 4.9e-05, 'epoch': 0.01}", "train 1 2.3456"),
            arguments("hf-trainer", "  5%|5  | 10/200 [00:10<03:10]\r{'loss': nan, 'grad_norm': inf, 'learning_rate': 1e-05, 'epoch': 0.1}", "train 1 NaN"),
            arguments("hf-trainer", "{'loss': np.float32(1.5), 'step': 40, 'epoch': 0.1}", "train 40 1.5"),
            arguments("hf-trainer", "{'eval_loss': 2.05, 'eval_runtime': 6.26, 'epoch': 0.03}", "eval 0 2.05"),
            arguments("hf-trainer", "{'train_runtime': 408.6, 'train_loss': 3.0482, 'epoch': 1.0}", "ignored"),
            arguments("hf-trainer", "{'loss': oops, 'epoch': 1.0}", "rejected"),
            arguments("nanogpt", "iter 100: loss 2.3456, time 12.34ms, mfu 10.21%", "train 100 2.3456"),
            arguments("nanogpt", "step 2000: train loss 3.1234, val loss 3.2345", "eval 2000 3.2345"),
            arguments("nanogpt", "iter 100: loss ???, time 12.34ms", "rejected"),
            arguments("nanogpt", "saving checkpoint to out", "ignored"),
            arguments("llm-c", "step    1/74 | train loss 11.010180 | norm 15.4321 | lr 6.00e-06 | 1234.56 ms", "train 1 11.01018"),
            arguments("llm-c", "step 7/74: train loss 4.367631 (acc 4.367631) (1178.497 ms, 434472 tok/s)", "train 7 4.367631"),
            arguments("llm-c", "s:100 trl:3.21", "train 100 3.21"),
            arguments("llm-c", "s:100 tel:3.30", "eval 100 3.30"),
            arguments("llm-c", "s:100 eval:0.2509", "ignored"),
            arguments("build-nanogpt", "step     5 | loss: 9.123456 | lr 3.6000e-04 | norm: 1.2 | dt: 1012.00ms | tok/sec: 518071.00", "train 5 9.123456"),
            arguments("build-nanogpt", "250 val 3.2345", "eval 250 3.2345"),
            arguments("build-nanogpt", "250 hella 0.2955", "ignored"),
            arguments("megatron", " iteration      100/  500000 | consumed samples:        51200 | elapsed time per iteration (ms): 1234.5 | learning rate: 1.500000E-04 | global batch size:   512 | lm loss: 7.123456E+00 | loss scale: 1.0 |", "train 100 7.123456"),
            arguments("megatron", "[2024-05-01 12:00:00] iteration        1/  500000 | consumed samples:          512 | learning rate: 0.000E+00 | global batch size:   512 | loss scale: 4294967296.0 | number of skipped iterations:   1 |", "train 1 absent"),
            arguments("megatron", "[default3]: iteration  300/  500000 | consumed samples: 153600 | lm loss: nan |", "train 300 NaN"),
            arguments("megatron", " validation loss at iteration 1000 | lm loss value: 6.543210E+00 | lm loss PPL: 6.945E+02 | ", "eval 1000 6.54321"),
            arguments("megatron", " iteration      100/  500000 | consumed samples: x | lm loss: 7.1 |", "rejected"),
            arguments("megatron", "setting training iterations to 500000", "ignored"),
            arguments("deepspeed-pipe", "steps: 100 loss: 2.3456 iter time (s): 0.512 samples/sec: 250.12", "train 100 2.3456"),
            arguments("torchtitan", "[rank0]:[titan] 2025-06-16 22:30:50,322 - root - INFO - " + E + "[31mstep: 200  " + E + "[32mloss:  6.1384  " + E + "[33mmemory: 49.66GiB(52.28%)  tps: 5,856", "train 200 6.1384"),
            arguments("torchtitan", "[rank0]:[titan] 2025-06-16 22:31:18,934 - root - INFO - validate step: 210  loss:  6.2000  memory: 49.66GiB(52.28%)", "eval 210 6.2"),
            arguments("torchtitan", "[rank0]:[titan] 2025 - root - INFO - step: 220  loss:  oops  memory: 1GiB", "rejected"),
            arguments("litgpt", "Epoch 34 | iter 3050700 step 610140 | loss train: 2.846, val: 2.861 | iter time: 112.20 ms (step) remaining time: 0:01:54", "train 610140 2.846"),
            arguments("litgpt", "Epoch 1 | iter 46 step 1 | loss train: 3.724, val: n/a | iter time: 45.73 ms", "train 1 3.724"),
            arguments("fairseq-simple", "2020-10-18 02:34:53 | INFO | train_inner | epoch 001:    100 / 1975 loss=12.834, nll_loss=12.424, ppl=5496.24, num_updates=100, lr=1.009, gnorm=1.448", "train 100 " + 12.424 * LN2),
            arguments("fairseq-simple", "| epoch 001 | valid on 'valid' subset | valid_loss 8.11425 | valid_nll_loss 6.8834 | valid_ppl 118.06 | num_updates 600", "eval 600 " + 6.8834 * LN2),
            arguments("fairseq-simple", "| epoch 008 | loss 6.326 | nll_loss 5.193 | ppl 36.58 | num_updates 21896", "ignored"),
            arguments("fairseq-json", "{\"epoch\": 25, \"loss\": \"3.097\", \"nll_loss\": \"1.328\", \"ppl\": \"2.51\", \"num_updates\": 53749, \"lr\": 0.00019}", "train 53749 " + 1.328 * LN2),
            arguments("fairseq-json", "x | INFO | valid | {\"epoch\": 1, \"valid_loss\": \"10.9\", \"valid_num_updates\": \"200\"}", "eval 200 " + 10.9 * LN2),
            arguments("fairseq-json", "x | INFO | train_inner | {\"epoch\": 1, \"loss\": \"13.5\", \"num_updates\": ", "rejected"),
            arguments("keras-progress", "100/100 [==============================] - 1s 10ms/step - loss: 0.1234 - accuracy: 0.98", "train 100 0.1234"),
            arguments("keras-progress", " 10/100 [==>...] - ETA: 1s - loss: 0.5\r 20/100 [====>..] - ETA: 1s - loss: 0.4", "train 20 0.4"),
            arguments("djl", "[INFO ] - Train: Accuracy: 0.93, SoftmaxCrossEntropyLoss: 0.24", "train 1 0.24"),
            arguments("djl", "[INFO ] - Validate: Accuracy: 0.91, SoftmaxCrossEntropyLoss: 3.00E-03", "eval 0 0.003"),
            arguments("djl", "Training:     10% |====            | Accuracy: 0.52, SoftmaxCrossEntropyLoss: 1.43", "ignored"),
            arguments("jsonl", "{\"step\": 7, \"loss\": 1.25, \"tokens\": 4096, \"lr\": 0.001}", "train 7 1.25"),
            arguments("jsonl", "{\"step\": 7.5, \"loss\": 1.25}", "rejected"),
            arguments("jsonl", "{\"epoch\": 7}", "ignored"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lines")
    void readsLine(String format, String line, String expected) {
        StepFormat f = LogFormats.create(format, FormatOptions.defaults());
        LineResult r = f.read(line);
        if (expected.equals("ignored") || expected.equals("rejected")) {
            assertThat(r.kind().label()).isEqualTo(expected);
            assertThat(r.events()).isEmpty();
            return;
        }
        assertThat(r.kind()).isEqualTo(LineKind.PARSED);
        String[] want = expected.split(" ");
        StepEvent e = r.events().get(0);
        assertThat(e.phase()).isEqualTo(want[0].equals("eval") ? Phase.EVAL : Phase.TRAIN);
        assertThat(e.step()).isEqualTo(Long.parseLong(want[1]));
        if (want[2].equals("absent")) {
            assertThat(e.lossNats()).isEmpty();
        } else if (want[2].equals("NaN")) {
            assertThat(e.lossNats().getAsDouble()).isNaN();
        } else {
            assertThat(e.lossNats().getAsDouble()).isCloseTo(Double.parseDouble(want[2]), within(1e-12));
        }
        assertThat(LogFormats.create(format, FormatOptions.defaults()).parse(line)).contains(e);
    }

    @ParameterizedTest
    @MethodSource("lines")
    void configuredBitsAreConvertedExceptWhereTheFormatKnowsItsUnit(String format, String line, String expected) {
        if (expected.equals("ignored") || expected.equals("rejected") || expected.endsWith("absent")
                || expected.endsWith("NaN")) return;
        double nats = LogFormats.create(format, FormatOptions.defaults()).read(line).events().get(0).lossNats().getAsDouble();
        double asBits = LogFormats.create(format, FormatOptions.defaults().withLossUnit(LossUnit.BITS)).read(line)
                .events().get(0).lossNats().getAsDouble();
        double factor = format.startsWith("fairseq") ? 1.0 : LN2;
        assertThat(asBits).isCloseTo(nats * factor, within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void overLongLinesAreRejected(String format, String line, String expected) {
        StepFormat f = LogFormats.create(format, FormatOptions.defaults().withMaxLineChars(16));
        assertThat(f.read(line + " ".repeat(20)).kind()).isEqualTo(LineKind.REJECTED);
    }

}
