package io.joulebit.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.metricfile.TagOverrides;
import io.joulebit.progress.tail.LogTailer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Binds a YAML tree to {@link AgentConfig}, collecting every problem with its key path. Defaults live here. */
final class ConfigBinder {
    static final int DEFAULT_PORT = 9877;

    private ConfigBinder() {}

    static AgentConfig bind(JsonNode root, List<String> problems) {
        ConfigNode top = new ConfigNode(root, "", problems);
        top.allowOnly("run", "model", "physics", "sampling", "sources", "progress", "export", "store");
        return new AgentConfig(run(top.child("run")), model(top.child("model")), physics(top.child("physics")),
                sampling(top.child("sampling")), SourcesBinder.sources(top.child("sources")),
                progress(top.child("progress")), export(top.child("export")), store(top.child("store")));
    }

    private static AgentConfig.Run run(ConfigNode n) {
        n.allowOnly("id", "labels");
        String id = n.text("id", null);
        if (id != null && !id.matches("[A-Za-z0-9._:-]{1,128}")) {
            n.problem("id", "Expecting 1-128 characters of A-Z a-z 0-9 . _ : -. Found: " + id);
        }
        var labels = n.stringMap("labels");
        labels.keySet().stream().filter(k -> !k.matches("[a-zA-Z_][a-zA-Z0-9_]*") || k.startsWith("__")
                        || List.of("run", "device", "kind", "source", "form", "reason", "result").contains(k))
                .forEach(k -> n.problem("labels." + k, "Expecting a Prometheus label name not used by joulebit"));
        return new AgentConfig.Run(id, labels);
    }

    private static AgentConfig.Model model(ConfigNode n) {
        n.allowOnly("params", "bits_per_param", "model_term", "model_bits_per_token");
        Long params = n.integer("params", null, 1);
        return new AgentConfig.Model(params, n.number("bits_per_param", 16.0, 1e-9, 1024),
                n.choice("model_term", "none", "none", "bits_per_token", "model_bits"),
                n.number("model_bits_per_token", 0.0, 0, 1e6));
    }

    private static AgentConfig.Physics physics(ConfigNode n) {
        n.allowOnly("baseline", "baseline_points", "baseline_bits", "vocab_size", "smoothing_half_life_points",
                "landauer_temperature", "ambient_temperature_kelvin", "pue", "grid_intensity_g_per_kwh",
                "optimizer", "momentum", "heat_capacity_window");
        String baseline = n.choice("baseline", "initial-loss", "initial-loss", "uniform", "fixed");
        Double bits = n.number("baseline_bits", null, 1e-12, 1e6);
        Long vocab = n.integer("vocab_size", null, 2);
        if ("fixed".equals(baseline) && bits == null) n.problem("baseline_bits", "Required when baseline is fixed");
        if ("uniform".equals(baseline) && vocab == null) n.problem("vocab_size", "Required when baseline is uniform");
        String t = n.text("landauer_temperature", "300");
        boolean measured = "measured".equals(t);
        double kelvin = 300;
        if (!measured) {
            Double k = n.number("landauer_temperature", 300.0, 1e-9, 1e5);
            kelvin = k == null ? 300 : k;
        }
        return new AgentConfig.Physics(baseline, n.integer("baseline_points", 1L, 1).intValue(), bits, vocab,
                n.number("smoothing_half_life_points", 20.0, 0, 1e9), kelvin, measured,
                n.number("ambient_temperature_kelvin", 300.0, 1e-9, 1e5), n.number("pue", 1.0, 1.0, 10.0),
                n.number("grid_intensity_g_per_kwh", null, 0, 1e5),
                n.choice("optimizer", "adam", "adam", "adamw", "sgd"), n.number("momentum", 0.0, 0, 0.999999),
                n.integer("heat_capacity_window", 32L, 4).intValue());
    }

    private static AgentConfig.Sampling sampling(ConfigNode n) {
        n.allowOnly("interval", "max_gap");
        return new AgentConfig.Sampling(n.duration("interval", Duration.ofSeconds(1)),
                n.duration("max_gap", Duration.ofSeconds(10)));
    }

    private static AgentConfig.Progress progress(ConfigNode n) {
        n.allowOnly("log", "ingest");
        ConfigNode log = n.child("log");
        log.allowOnly("path", "format", "loss_unit", "fields", "regex", "seq_len", "tokens_per_step", "poll_interval",
                "loss_tag", "eval_tag", "tokens_tag", "mlflow_run_id");
        String format = log.text("format", "auto");
        if (!"auto".equals(format) && !LogFormats.names().contains(format)) {
            log.problem("format", "Expecting auto or one of " + String.join(", ",
                    LogFormats.names()) + ". Found: " + format);
            format = "auto";
        }
        String regex = log.text("regex", "");
        if ("regex".equals(format) && regex.isEmpty()) log.problem("regex", "Required when format is regex");
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            log.problem("regex", "Not a valid regular expression: " + e.getDescription());
        }
        String path = log.text("path", null);
        var fields = log.stringMap("fields");
        fields.keySet().stream().filter(k -> !List.of("step", "loss", "tokens", "lr", "phase").contains(k))
                .forEach(k -> log.problem("fields." + k, "Unknown property. Known: step, loss, tokens, lr, phase"));
        ConfigNode ingest = n.child("ingest");
        ingest.allowOnly("token", "max_body_bytes");
        String token = ingest.text("token", null);
        if (token != null && token.length() < 16) ingest.problem("token", "Expecting at least 16 characters");
        return new AgentConfig.Progress(
                new AgentConfig.Log(path == null ? null : Path.of(path), format,
                        log.choice("loss_unit", "nats", "nats", "bits"), fields, regex,
                        log.integer("seq_len", null, 1), log.integer("tokens_per_step", null, 1),
                        log.duration("poll_interval", LogTailer.DEFAULT_POLL_INTERVAL),
                        new TagOverrides(log.text("loss_tag", null),
                                log.text("eval_tag", null), log.text("tokens_tag", null)),
                        log.text("mlflow_run_id", null)),
                new AgentConfig.Ingest(token, ingest.integer("max_body_bytes", 4L << 20, 1024)));
    }

    private static AgentConfig.Export export(ConfigNode n) {
        n.allowOnly("listen", "jvm_metrics", "otlp");
        String listen = n.text("listen", "127.0.0.1:" + DEFAULT_PORT);
        HostPort hp = HostPort.parse(listen);
        if (hp == null) {
            n.problem("listen", "Expecting HOST:PORT with port 0-65535. Found: " + listen);
            hp = new HostPort("127.0.0.1", DEFAULT_PORT);
        }
        return new AgentConfig.Export(hp.host(), hp.port(), n.bool("jvm_metrics", false), otlp(n.child("otlp")));
    }

    private static AgentConfig.Otlp otlp(ConfigNode n) {
        n.allowOnly("endpoint", "interval", "headers", "resource_attributes");
        String endpoint = n.text("endpoint", null);
        if (endpoint != null && !endpoint.matches("https?://[^\\s/]+(/\\S*)?")) {
            n.problem("endpoint", "Expecting an http:// or https:// URL such as http://127.0.0.1:4318/v1/metrics. "
                    + "Found: " + endpoint);
            endpoint = null;
        }
        Duration interval = n.duration("interval", Duration.ofSeconds(60));
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            n.problem("interval", "Expecting at least 1s. Found: " + interval);
            interval = Duration.ofSeconds(60);
        }
        return new AgentConfig.Otlp(endpoint, interval, n.stringMap("headers"), n.stringMap("resource_attributes"));
    }

    private static AgentConfig.Store store(ConfigNode n) {
        n.allowOnly("enabled", "path", "checkpoint_interval");
        return new AgentConfig.Store(Path.of(n.text("path", "joulebit-data/joulebit.db")),
                n.duration("checkpoint_interval", Duration.ofSeconds(1)), n.bool("enabled", true));
    }

    static List<String> newProblems() { return new ArrayList<>(); }
}
