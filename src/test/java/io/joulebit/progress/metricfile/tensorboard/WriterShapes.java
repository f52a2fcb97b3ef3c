package io.joulebit.progress.metricfile.tensorboard;

import io.joulebit.progress.metricfile.tensorboard.proto.Event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run directories laid out as real writers lay them out, written record by record with {@link EventWriter}
 * (the writers themselves need Python and cannot run here). Each method names the writer, version and source it
 * follows; wall times advance one second per logging call, as the writers stamp time.time() per call.
 */
final class WriterShapes {
    private WriterShapes() {}

    static final String HOST = "gpu-node-07";

    static Path file(Path dir, long ts, String suffix) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve("events.out.tfevents." + ts + "." + HOST + suffix);
    }

    /**
     * torch 2.x torch.utils.tensorboard.SummaryWriter as in PyTorch's TensorBoard tutorial: runs/&lt;date&gt;_&lt;host&gt;/,
     * add_scalar('Loss/train', loss, n_iter) each iteration and add_scalar('Loss/test', ...) after each epoch;
     * plus add_scalars('Accuracy', {'train': a, 'test': b}), which writes a file per series in Accuracy_train/
     * and Accuracy_test/ under the tag 'Accuracy', and leaves the run's own file with no scalar for it.
     */
    static Path pytorch(Path root) throws IOException {
        Path run = root.resolve("runs/Dec06_03-10-00_" + HOST);
        EventWriter w = new EventWriter(file(run, 1765000000L, ".4242.0")).header(1765000000.1);
        EventWriter tr = new EventWriter(file(run.resolve("Accuracy_train"), 1765000001L, ".4242.1")).header(1765000001);
        EventWriter te = new EventWriter(file(run.resolve("Accuracy_test"), 1765000001L, ".4242.2")).header(1765000001);
        double t = 1765000002;
        for (int it = 0; it < 6; it++) {
            w.scalar("Loss/train", it, 2.0f - 0.1f * it, t++);
            if (it % 3 == 2) {
                w.scalar("Loss/test", it, 2.1f - 0.1f * it, t++);
                tr.scalar("Accuracy", it, 0.5f, t);
                te.scalar("Accuracy", it, 0.4f, t++);
            }
        }
        return run;
    }

    /**
     * Lightning 2.x TensorBoardLogger (lightning_logs/version_0/): log_hyperparams writes hp_metric = -1 at step 0
     * and the hparams plugin's session records; self.log("train_loss", on_step=True, on_epoch=True) gives
     * train_loss_step every log_every_n_steps and train_loss_epoch (the epoch's mean) at epoch end, plus "epoch";
     * validation's self.log("val_loss") is epoch-level. A later trainer.test() in a new process writes a second
     * file in the same folder (test_loss, hp_metric again).
     */
    static Path lightning(Path root) throws IOException {
        Path v0 = root.resolve("lightning_logs/version_0");
        Files.createDirectories(v0);
        Files.writeString(v0.resolve("hparams.yaml"), "lr: 0.001\nbatch_size: 32\n");
        EventWriter fit = new EventWriter(file(v0, 1765000100L, ".5151.0")).header(1765000100);
        double t = 1765000101;
        fit.scalar("hp_metric", 0, -1f, t++);
        fit.pluginTensor("_hparams_/session_start_info", 0, 0f, "hparams", t++);
        long step = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < 3; i++) {
                step += 50;
                fit.scalar("train_loss_step", step - 1, 3.0f - 0.2f * (step / 50f), t);
                fit.scalar("epoch", step - 1, epoch, t++);
            }
            fit.scalar("val_loss", step - 1, 2.9f - 0.5f * epoch, t);
            fit.scalar("epoch", step - 1, epoch, t++);
            fit.scalar("train_loss_epoch", step - 1, 2.5f - 0.5f * epoch, t);
            fit.scalar("epoch", step - 1, epoch, t++);
        }
        EventWriter test = new EventWriter(file(v0, 1765000200L, ".6262.0")).header(1765000200);
        test.scalar("hp_metric", 0, -1f, 1765000201);
        test.scalar("test_loss", 299, 2.0f, 1765000202);
        return v0;
    }

    /**
     * transformers 4.4x Trainer with report_to="tensorboard" (TensorBoardCallback; rewrite_logs puts train/ and
     * eval/ in front of keys): output_dir/runs/&lt;date&gt;_&lt;host&gt;/ holds the text summaries "args" and
     * "model_config" first, then every logging_steps train/loss, train/grad_norm, train/learning_rate, train/epoch
     * and, with include_num_input_tokens_seen, train/num_input_tokens_seen; eval/loss and eval/runtime at each
     * evaluation; at the end train/train_runtime, train/total_flos and the run's mean train/train_loss.
     */
    static Path hfTrainer(Path root) throws IOException {
        Path run = root.resolve("out/runs/Dec06_03-20-00_" + HOST);
        EventWriter w = new EventWriter(file(run, 1765000300L, ".7373.0")).header(1765000300);
        double t = 1765000301;
        w.text("args", 0, t++).text("model_config", 0, t++);
        for (int s = 10; s <= 40; s += 10) {
            w.scalar("train/loss", s, 2.4f - 0.01f * s, t).scalar("train/grad_norm", s, 1.1f, t)
                    .scalar("train/learning_rate", s, 5e-5f, t).scalar("train/epoch", s, s / 40f, t)
                    .scalar("train/num_input_tokens_seen", s, s * 4096f, t++);
            if (s % 20 == 0) {
                w.scalar("eval/loss", s, 2.3f - 0.01f * s, t).scalar("eval/runtime", s, 3.2f, t)
                        .scalar("train/epoch", s, s / 40f, t++);
            }
        }
        w.scalar("train/train_runtime", 40, 120f, t).scalar("train/total_flos", 40, 1e15f, t)
                .scalar("train/train_loss", 40, 2.15f, t).scalar("train/epoch", 40, 1f, t);
        return run;
    }

    /**
     * TF 2.15 / Keras 2.15 TensorBoard callback: logs/train/ and logs/validation/ writers; tf.summary.scalar writes
     * rank-0 DT_FLOAT tensors ("scalars" plugin metadata on a tag's first value), serialised by the C++ writer as
     * tensor_content; epoch_loss per epoch (step = epoch, 0-based), validation also as
     * evaluation_loss_vs_iterations (step = optimizer iterations: the same losses on a second axis). train/ starts
     * with the graph (Event.graph_def) and holds the profiler's header-only *.profile-empty file; the v2 writer
     * names files with a .v2 suffix.
     */
    static Path keras(Path root) throws IOException {
        Path logs = root.resolve("logs");
        EventWriter train = new EventWriter(file(logs.resolve("train"), 1765000400L, ".8484.0.v2")).header(1765000400);
        train.append(withGraph(1765000400.5));
        new EventWriter(file(logs.resolve("train"), 1765000401L, ".profile-empty")).header(1765000401);
        EventWriter val = new EventWriter(file(logs.resolve("validation"), 1765000402L, ".8484.1.v2"))
                .header(1765000402);
        double t = 1765000410;
        for (int epoch = 0; epoch < 3; epoch++) {
            train.tensorScalar("epoch_loss", epoch, 1.5f - 0.3f * epoch, t, true);
            train.tensorScalar("epoch_accuracy", epoch, 0.6f + 0.1f * epoch, t++, true);
            val.tensorScalar("epoch_loss", epoch, 1.6f - 0.3f * epoch, t, true);
            val.tensorScalar("evaluation_loss_vs_iterations", 100L * (epoch + 1), 1.6f - 0.3f * epoch, t++, true);
        }
        return logs;
    }

    /** An Event carrying graph_def (field 4) as Keras' first train record does: an unknown field to our proto. */
    static Event withGraph(double wall) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Event.newBuilder().setWallTime(wall).build().toByteArray());
        byte[] graph = "node { name: \"dense\" op: \"MatMul\" }".getBytes();
        b.write(0x22);
        b.write(graph.length);
        b.writeBytes(graph);
        return Event.parseFrom(b.toByteArray());
    }

    /**
     * fairseq 0.12 --tensorboard-logdir tb/: one SummaryWriter per split, tb/train_inner/ (every log_interval
     * updates), tb/train/ (the epoch's means) and tb/valid/; loss and nll_loss in bits (base-2 cross-entropy), step =
     * num_updates; plus wps, lr, gnorm and more.
     */
    static Path fairseq(Path root) throws IOException {
        Path tb = root.resolve("tb");
        EventWriter inner = new EventWriter(file(tb.resolve("train_inner"), 1765000500L, ".9595.0")).header(1765000500);
        EventWriter train = new EventWriter(file(tb.resolve("train"), 1765000500L, ".9595.1")).header(1765000500);
        EventWriter valid = new EventWriter(file(tb.resolve("valid"), 1765000500L, ".9595.2")).header(1765000500);
        double t = 1765000501;
        for (int u = 100; u <= 400; u += 100) {
            inner.scalar("loss", u, 9.0f - u / 100f, t).scalar("nll_loss", u, 8.9f - u / 100f, t)
                    .scalar("wps", u, 12000f, t).scalar("lr", u, 5e-4f, t++);
            if (u % 200 == 0) {
                valid.scalar("loss", u, 8.5f - u / 100f, t).scalar("ppl", u, 100f, t++);
                train.scalar("loss", u, 8.0f, t++);
            }
        }
        return tb;
    }

    /**
     * Megatron-LM --tensorboard-dir: training_log writes 'lm loss' against the iteration and again as
     * 'lm loss vs samples' against consumed samples; evaluate_and_print_results writes 'lm loss validation',
     * 'lm loss validation vs samples' and 'lm loss validation ppl'; 'learning-rate' each log interval.
     */
    static Path megatron(Path root) throws IOException {
        Path tb = root.resolve("tensorboard");
        EventWriter w = new EventWriter(file(tb, 1765000600L, ".1111.0")).header(1765000600);
        double t = 1765000601;
        for (int it = 10; it <= 30; it += 10) {
            w.scalar("learning-rate", it, 1e-4f, t).scalar("lm loss", it, 7f - it / 10f, t)
                    .scalar("lm loss vs samples", it * 512L, 7f - it / 10f, t++);
        }
        w.scalar("lm loss validation", 30, 4.2f, t).scalar("lm loss validation vs samples", 30 * 512L, 4.2f, t)
                .scalar("lm loss validation ppl", 30, 66.7f, t);
        return tb;
    }
}
