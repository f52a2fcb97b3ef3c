package io.joulebit.progress.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The registry: every format by its kebab-case name, and auto-detection over a file's first lines. */
public final class LogFormats {
    /** Order is the tie-break in detection: specific formats first, the generic ones last. */
    private static final Map<String, Function<FormatOptions, StepFormat>> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("unsloth", UnslothFormat::new);          // refines trl, hf-trainer
        FORMATS.put("trl", TrlFormat::new);                  // refines hf-trainer
        FORMATS.put("axolotl", AxolotlFormat::new);          // refines hf-trainer
        FORMATS.put("hf-trainer", HfTrainerFormat::new);
        FORMATS.put("lightning-csv", LightningCsvFormat::new);
        FORMATS.put("nanogpt", NanoGptFormat::new);
        FORMATS.put("llm-c", LlmcFormat::new);
        FORMATS.put("build-nanogpt", BuildNanoGptFormat::new);
        FORMATS.put("nemo", NemoFormat::new);                // refines megatron
        FORMATS.put("nanotron", NanotronFormat::new);        // refines megatron
        FORMATS.put(MegatronFormat.NAME, MegatronFormat::new);
        FORMATS.put("deepspeed-pipe", DeepSpeedPipeFormat::new);
        FORMATS.put("torchtitan", TorchTitanFormat::new);
        FORMATS.put("litgpt", LitGptFormat::new);
        FORMATS.put("olmo", OlmoFormat::new);
        FORMATS.put("fairseq-json", FairseqJsonFormat::new);
        FORMATS.put("fairseq-simple", FairseqSimpleFormat::new);
        FORMATS.put("mlx-lm", MlxLmFormat::new);
        FORMATS.put("torchtune", TorchtuneFormat::new);
        FORMATS.put("maxtext", MaxTextFormat::new);
        FORMATS.put("modded-nanogpt", ModdedNanoGptFormat::new);
        FORMATS.put("composer", ComposerFormat::new);
        FORMATS.put("levanter", LevanterFormat::new);
        FORMATS.put("keras-csv", KerasCsvFormat::new);
        FORMATS.put("keras-progress", KerasProgressFormat::new);
        FORMATS.put("djl", DjlFormat::new);
        FORMATS.put("jsonl", JsonlFormat::new);
        FORMATS.put("csv", CsvFormat::new);
        FORMATS.put("regex", RegexFormat::new);
    }

    private LogFormats() {}

    public static List<String> names() { return List.copyOf(FORMATS.keySet()); }

    /** A fresh parser (they keep per-file state). Unknown name or unusable options: IllegalArgumentException. */
    public static StepFormat create(String name, FormatOptions opts) {
        Function<FormatOptions, StepFormat> f = FORMATS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "'; valid: " + String.join(", ", names()));
        }
        return f.apply(opts);
    }

    /**
     * The format that reads the most of these lines as steps (ties go to the earlier, more specific format), or
     * empty when none reads any. The regex format takes part only when a regex is configured.
     */
    public static Optional<String> detect(List<String> firstLines, FormatOptions opts) {
        String best = null;
        int bestCount = 0;
        for (String name : FORMATS.keySet()) {
            if (name.equals("regex") && opts.regex().isEmpty()) continue;
            int n;
            try {
                n = StepFormat.parsedCount(create(name, opts), firstLines);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (n > bestCount) { best = name; bestCount = n; }
        }
        return Optional.ofNullable(best);
    }
}
