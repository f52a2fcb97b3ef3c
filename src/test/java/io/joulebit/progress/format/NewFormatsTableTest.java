package io.joulebit.progress.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.joulebit.progress.StepEvent;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The formats added for issue 22, one row per case: format, the lines fed in order to one parser ('\n' between
 * lines), and every event they yield ("phase step loss tokens" joined by '|'; loss "absent", "NaN" or a number in
 * nats; tokens "-" when none), or "ignored"/"rejected" for a single line that yields none.
 */
class NewFormatsTableTest {
    private static final String E = "\u001b";

    static Stream<Arguments> rows() {
        return Stream.of(
            arguments("mlx-lm", "Iter 10: Train loss 2.614, Learning Rate 1.000e-05, It/sec 0.372, Tokens/sec 296.548, Trained Tokens 7971, Peak mem 17.118 GB", "train 10 2.614 7971"),
            arguments("mlx-lm", "Iter 1: Val loss 2.736, Val took 41.502s", "eval 1 2.736 -"),
            arguments("mlx-lm", "Iter 130: Train loss nan, Learning Rate 1.000e-05, It/sec 0.4, Tokens/sec 3.0, Trained Tokens 99, Peak mem 1 GB", "train 130 NaN 99"),
            arguments("mlx-lm", "Iter 100: Saved adapter weights to adapters/adapters.safetensors.", "ignored"),
            arguments("mlx-lm", "Iter 10: Train loss ??, Learning Rate 1e-05", "rejected"),
            arguments("mlx-lm", "  iter   train_loss     tok/s     tokens\n     1    val 2.912    12.41s\n    10    2.701 \u25bc    1,523     15.2k\n    20    2.755 \u25b2    1,498     30.4k",
                    "eval 1 2.912 -|train 10 2.701 -|train 20 2.755 -"),
            arguments("mlx-lm", "250 val 3.2345", "ignored"),       // build-nanogpt's log.txt, not an MLX table row
            arguments("mlx-lm", "  " + E + "[2m  10" + E + "[0m    " + E + "[1;32m2.701 \u25bc" + E + "[0m    1,523    15.2k", "train 10 2.701 -"),
            arguments("torchtune", "Step 3 | loss:1.1732845306396484 lr:2e-05 tokens_per_second_per_gpu:655.93 ", "train 3 1.1732845306396484 -"),
            arguments("torchtune", "1|3|Loss: 1.17:   0%|  | 3/1617 [00:07<1:02:51,  2.34s/it]Step 3 | loss:1.17 lr:2e-05 ", "train 3 1.17 -"),
            arguments("torchtune", "Step 100 | val_loss:1.2345 ", "eval 100 1.2345 -"),
            arguments("torchtune", "Step 1 | lr:2e-05", "ignored"),
            arguments("torchtune", "Step 1 | loss:oops lr:2e-05", "rejected"),
            arguments("torchtune", "INFO:torchtune.utils._logging:Validation loss: 1.2345", "ignored"),
            arguments("maxtext", "completed step: 0, seconds: 44.923, TFLOP/s/device: 17.022, Tokens/s/device: 1094.129, total_weights: 196608, loss: 12.038\n"
                    + "completed step: 1, seconds: 0.319, TFLOP/s/device: 2400.734, Tokens/s/device: 154316.608, total_weights: 196000, loss: 12.038, lm_loss: 12.030, perplexity: 167853.1",
                    "train 0 12.038 196608|train 1 12.03 392608"),
            arguments("maxtext", "completed step: 1000, seconds: 1.341, TFLOP/s/device: 257.929, Tokens/s/device: 36653.244, total_weights: 393216, loss: 3.310", "train 1000 3.31 -"),
            arguments("maxtext", "[Rampup Batch Size Phase], completed step: 0, seconds: 2.1, total_weights: 8192, loss: 10.9\ncompleted profiler activation/deactivation step: 1, total_weights: 8192, loss: 10.5",
                    "train 0 10.9 8192|train 1 10.5 16384"),
            arguments("maxtext", "Completed eval after train step 19, loss=7.105, perplexity=1218.3, total_weights=589824, avg_z_loss=0.000", "eval 19 7.105 -"),
            arguments("maxtext", "eval metrics after step: 1019, loss=3.305, total_weights=1572864", "eval 1019 3.305 -"),
            arguments("maxtext", "Completed eval step: 0, seconds: 0.410, running loss=7.2, running perplexity=1339.4", "ignored"),
            arguments("modded-nanogpt", "step:1/6200 train_loss:10.9184 train_time:74701ms step_avg:nanms", "train 1 10.9184 -"),
            arguments("modded-nanogpt", "step:1/1393 train_time:17608ms step_avg:nanms", "train 1 absent -"),
            arguments("modded-nanogpt", "step:0/1393 val_loss:10.8258 train_time:0ms step_avg:nanms", "eval 0 10.8258 -"),
            arguments("modded-nanogpt", "step:1750/1750 val_loss:3.2770 val_bpb:0.9988 train_time:600123ms step_avg:342.93ms", "eval 1750 3.277 -"),
            arguments("modded-nanogpt", "            print0(f\"step:{step}/{train_steps} val_loss:{val_loss:.4f} train_time:{t:.0f}ms\", console=True)", "ignored"),
            arguments("modded-nanogpt", "step:5/100 train_loss:?? train_time:1ms", "rejected"),
            arguments("nemo", "Training epoch 0, iteration 120/149 | lr: 3e-05 | consumed_samples: 121 | global_batch_size: 1 | global_step: 120 | reduced_train_loss: 1.233 | train_step_timing in s: 0.03146 | val_loss: 4.106\n"
                    + "Training epoch 0, iteration 121/149 | lr: 3e-05 | consumed_samples: 122 | global_batch_size: 1 | global_step: 121 | reduced_train_loss: 1.288 | train_step_timing in s: 0.03163 | val_loss: 4.106",
                    "train 120 1.233 -|eval 120 4.106 -|train 121 1.288 -"),
            arguments("nemo", "Epoch 0: :  10%|\u2588         | 100/1000 [01:40<15:00, reduced_train_loss=3.210, global_step=99.00, consumed_samples=3.2e+3, train_step_timing in s=0.950]", "train 99 3.21 -"),
            arguments("nemo", "Epoch 0: :  50%|\u2588\u2588\u2588\u2588\u2588     | 1200/2400 [20:00<20:00, reduced_train_loss=2.470, global_step=1.2e+3, consumed_samples=3.07e+5]", "train 1199 2.47 -"),
            arguments("nemo", "Epoch 0, global step 400: 'val_loss' reached 5.56995 (best 5.56995), saving model to '/r/x.ckpt' as top 10", "eval 400 5.56995 -"),
            arguments("nemo", "Epoch 0, global step 800: 'val_loss' was not in top 10", "ignored"),
            arguments("nemo", "Training epoch 0, iteration 49/99 | global_step: 49 | reduced_train_loss: 2.2\n"
                    + "Epoch 0, global step 50: 'val_loss' reached 2.40117 (best 2.40117), saving model to '/r/a.ckpt' as top 3\n"
                    + "Training epoch 0, iteration 50/99 | global_step: 50 | reduced_train_loss: 2.1 | val_loss: 2.401\n"
                    + "Epoch 0, global step 100: 'val_loss' was not in top 3\n"
                    + "Training epoch 0, iteration 51/99 | global_step: 51 | reduced_train_loss: 2.0 | val_loss: 2.455",
                    "train 49 2.2 -|eval 50 2.40117 -|train 50 2.1 -|train 51 2.0 -|eval 51 2.455 -"),
            arguments("nemo", "Training epoch 0, iteration 3/99 | global_step: 3 | reduced_train_loss: ?? |", "rejected"),
            arguments("composer", "[batch=10/4800]:\n\t Train time/batch: 9\n\t Train time/token: 4718592\n\t Train loss/train/total: 7.1234\n\t Train metrics/train/LanguageCrossEntropy: 7.1234\n"
                    + "[Eval batch=6/6] Eval on eval data:\n\t Eval metrics/eval/LanguageCrossEntropy: 6.9\n\t Eval metrics/eval/LanguagePerplexity: 992.27",
                    "train 10 7.1234 4718592|eval 10 6.9 -"),
            arguments("composer", "[epoch=2][batch=25/98]:\n\t Train time/batch: 122\n\t Train loss/train/total: 1.05", "train 123 1.05 -"),
            arguments("composer", "[batch=7]:\n\t Train loss/train/total: nan", "train 7 NaN -"),
            arguments("composer", "\t Train loss/train/total: 1.0", "ignored"),       // no header yet: no step
            arguments("nanotron", "12/04/2024 10:00:10 [INFO|DP=0|PP=0|TP=0|GPU:0]: iteration: 10 / 2000 | consumed_tokens: 5.24M | time_per_iteration_ms: 1.01K | global_batch_size: 524K | lm_loss: 9.88 | lr: 3e-05 | eta: 0:33:10",
                    "train 10 9.88 5240000"),
            arguments("nanotron", E + "[2;3m12/04/2024 10:00:10 [INFO|DP=0|PP=0|TP=0|GPU:0]" + E + "[0m: iteration: 2000 / 2000 | consumed_tokens: 4.19B | lm_loss: nan | lr: 0.0003", "train 2000 NaN 4190000000"),
            arguments("nanotron", " iteration      100/  500000 | consumed samples:        51200 | lm loss: 7.123456E+00 |", "ignored"),
            arguments("levanter", "2025 - levanter.json_logger - INFO :: {\"tracker\": \"json_logger\", \"event\": \"log\", \"step\": 3, \"metrics\": {\"train/loss\": 9.5, \"global_step\": 3}}\n"
                    + "2025 - levanter.json_logger - INFO :: {\"tracker\": \"json_logger\", \"event\": \"log\", \"step\": 3, \"metrics\": {\"throughput/total_tokens\": 4194304}}\n"
                    + "2025 - levanter.json_logger - INFO :: {\"tracker\": \"json_logger\", \"event\": \"log\", \"step\": 4, \"metrics\": {\"train/loss\": NaN, \"global_step\": 4}}\n"
                    + "2025 - levanter.json_logger - INFO :: {\"tracker\": \"json_logger\", \"event\": \"log\", \"step\": 4, \"metrics\": {\"eval/loss\": 9.1}}",
                    "train 3 9.5 4194304|train 4 NaN -|eval 4 9.1 -"),
            arguments("levanter", "train:  45%|\u2588\u2588\u2588\u2588\u258c     | 450/1000 [07:30<09:10,  1.00s/it, loss=2.95]\neval loss: 3.012", "train 449 2.95 -|eval 449 3.012 -"),
            arguments("levanter", "train:   0%|          | 1/1000 [00:03<51:40,  3.13s/it, loss=10.9]", "train 0 10.9 -"),
            arguments("levanter", "2025 - tqdm_loggable.tqdm_logging - INFO - Progress on:train 450it/20.0kit rate:1.0s/it remaining:5:32:30 elapsed:0:07:30 postfix:loss=8.95\n"
                    + "2025 - tqdm_loggable.tqdm_logging - INFO - Progress on:train 12.3kit/20.0kit rate:1.0s/it remaining:2:08:20 elapsed:3:25:00 postfix:loss=3.41",
                    "train 449 8.95 -|train 12299 3.41 -"),
            arguments("levanter", "Progress on:train -/- rate:- remaining:? elapsed:00:00 postfix:-", "ignored"),
            arguments("trl", "{'loss': 1.23, 'grad_norm': 0.5, 'learning_rate': 2e-05, 'entropy': 1.1, 'num_tokens': 123456.0, 'mean_token_accuracy': 0.71, 'epoch': 0.1}", "train 1 1.23 123456"),
            arguments("trl", "{'eval_loss': 1.3, 'eval_runtime': 12.3, 'eval_entropy': 1.1, 'eval_num_tokens': 123456.0, 'eval_mean_token_accuracy': 0.64, 'epoch': 0.1}", "eval 0 1.3 -"),
            arguments("trl", "{'loss': 2.3456, 'grad_norm': 1.2, 'learning_rate': 4.9e-05, 'epoch': 0.01}", "ignored"),       // plain hf-trainer
            arguments("axolotl", "{'loss': 1.2, 'grad_norm': 0.4, 'learning_rate': 2e-05, 'ppl': 3.32, 'memory/max_active (GiB)': 10.2, 'tokens/trainable': 12345, 'tokens/total': 23456, 'epoch': 0.1}", "train 1 1.2 23456"),
            arguments("axolotl", "{'loss': 1.3, 'learning_rate': 4e-05, 'memory/max_mem_active(gib)': 21.3, 'memory/max_mem_allocated(gib)': 21.3, 'epoch': 0.003}", "train 1 1.3 -"),
            arguments("axolotl", "{'eval_loss': 1.21, 'eval_runtime': 9.2, 'eval_ppl': 3.35, 'memory/max_active (GiB)': 61.2, 'epoch': 0.5}", "eval 0 1.21 -"),
            arguments("axolotl", "{'loss': 2.3456, 'grad_norm': 1.2, 'learning_rate': 4.9e-05, 'epoch': 0.01}", "ignored"),
            arguments("unsloth", "{'loss': 1.5, 'grad_norm': 0.4, 'learning_rate': 0.0002, 'epoch': 0.01}", "ignored"),         // no banner yet
            arguments("unsloth", "==((====))==  Unsloth - 2x faster free finetuning | Num GPUs used = 1\n{'loss': 1.5, 'grad_norm': 0.4, 'learning_rate': 0.0002, 'epoch': 0.01}\n"
                    + "{'loss': 1.4, 'num_tokens': 8192.0, 'mean_token_accuracy': 0.7, 'epoch': 0.02}\n{'eval_loss': 1.45, 'eval_runtime': 20.1, 'epoch': 0.02}",
                    "train 1 1.5 -|train 2 1.4 8192|eval 2 1.45 -"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void readsLines(String format, String text, String expected) {
        StepFormat f = LogFormats.create(format, FormatOptions.defaults());
        String[] lines = text.split("\n");
        if (expected.equals("ignored") || expected.equals("rejected")) {
            assertThat(lines).hasSize(1);
            LineResult r = f.read(lines[0]);
            assertThat(r.kind().label()).isEqualTo(expected);
            assertThat(r.events()).isEmpty();
            assertThat(f.finish()).isEmpty();
            return;
        }
        List<String> got = new ArrayList<>();
        for (String l : lines) for (StepEvent e : f.read(l).events()) got.add(describe(e));
        for (StepEvent e : f.finish()) got.add(describe(e));
        List<String> want = new ArrayList<>();
        for (String w : expected.split("\\|")) {
            String[] p = w.split(" ");
            String loss = p[2].equals("absent") || p[2].equals("NaN") ? p[2] : fmt(Double.parseDouble(p[2]));
            want.add(p[0] + " " + p[1] + " " + loss + " " + p[3]);
        }
        assertThat(got).containsExactlyElementsOf(want);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void bitsAreConvertedWhenConfigured(String format, String text, String expected) {
        if (expected.equals("ignored") || expected.equals("rejected")) return;
        List<StepEvent> nats = all(format, text, FormatOptions.defaults());
        List<StepEvent> bits = all(format, text, FormatOptions.defaults().withLossUnit(LossUnit.BITS));
        assertThat(bits).hasSameSizeAs(nats);
        for (int i = 0; i < nats.size(); i++) {
            if (nats.get(i).lossNats().isEmpty() || Double.isNaN(nats.get(i).lossNats().getAsDouble())) continue;
            assertThat(bits.get(i).lossNats().getAsDouble())
                    .isCloseTo(nats.get(i).lossNats().getAsDouble() * Math.log(2), Assertions.within(1e-12));
        }
    }

    private static List<StepEvent> all(String format, String text, FormatOptions opts) {
        StepFormat f = LogFormats.create(format, opts);
        List<StepEvent> out = new ArrayList<>();
        for (String l : text.split("\n")) out.addAll(f.read(l).events());
        out.addAll(f.finish());
        return out;
    }

    private static String describe(StepEvent e) {
        String loss = e.lossNats().isEmpty() ? "absent"
                : Double.isNaN(e.lossNats().getAsDouble()) ? "NaN" : fmt(e.lossNats().getAsDouble());
        String tokens = e.tokens().isPresent() ? Long.toString(e.tokens().getAsLong()) : "-";
        return e.phase().label() + " " + e.step() + " " + loss + " " + tokens;
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.9g", v); }
}
