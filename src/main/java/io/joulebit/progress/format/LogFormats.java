package io.joulebit.progress.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry: every format by its kebab-case name, with the formats it refines, and auto-detection.
 *
 * <p>A format registers with one line, {@code add("name", Parser::new, "refined", ...)}. Naming a format it refines
 * says "my step lines are also that format's step lines, and when both read a log, I am the right answer" (NeMo
 * prints Megatron-like iteration lines; TRL prints Hugging Face Trainer dicts with more keys). {@link FormatDetector}
 * lets the refining format win; order in this list breaks the remaining ties, so specific formats come first and the
 * generic ones (jsonl, csv, regex) last.
 */
public final class LogFormats {
    private record Entry(Function<FormatOptions, StepFormat> factory, Set<String> refines) {}

    private static final Map<String, Entry> FORMATS = new LinkedHashMap<>();

    static {
        add("unsloth", UnslothFormat::new, "trl", "hf-trainer");
        add("trl", TrlFormat::new, "hf-trainer");
        add("axolotl", AxolotlFormat::new, "hf-trainer");
        add("hf-trainer", HfTrainerFormat::new);
        add("trainer-state", TrainerStateFormat::new);
        add("lightning-csv", LightningCsvFormat::new, "csv");
        add("nanogpt", NanoGptFormat::new);
        add("llm-c", LlmcFormat::new);
        add("build-nanogpt", BuildNanoGptFormat::new);
        add("nemo", NemoFormat::new, MegatronFormat.NAME);
        add("nanotron", NanotronFormat::new, MegatronFormat.NAME);
        add(MegatronFormat.NAME, MegatronFormat::new);
        add("deepspeed-pipe", DeepSpeedPipeFormat::new);
        add("torchtitan", TorchTitanFormat::new);
        add("litgpt", LitGptFormat::new);
        add("olmo", OlmoFormat::new);
        add("fairseq-json", FairseqJsonFormat::new, "jsonl");
        add("fairseq-simple", FairseqSimpleFormat::new);
        add("mlx-lm", MlxLmFormat::new);
        add("torchtune", TorchtuneFormat::new);
        add("maxtext", MaxTextFormat::new);
        add("modded-nanogpt", ModdedNanoGptFormat::new);
        add("composer", ComposerFormat::new);
        add("levanter", LevanterFormat::new);
        add("keras-csv", KerasCsvFormat::new, "csv");
        add("keras-progress", KerasProgressFormat::new);
        add("djl", DjlFormat::new);
        add("jsonl", JsonlFormat::new);
        add("csv", CsvFormat::new);
        add("regex", RegexFormat::new);
    }

    private LogFormats() {}

    /** Registers a format; {@code refines}: the formats whose step lines it also reads and beats in detection. */
    private static void add(String name, Function<FormatOptions, StepFormat> factory, String... refines) {
        if (FORMATS.putIfAbsent(name, new Entry(factory, Set.of(refines))) != null) {
            throw new IllegalStateException("format registered twice: " + name);
        }
    }

    public static List<String> names() { return List.copyOf(FORMATS.keySet()); }

    /** Whether {@code specific} declared that it refines {@code general}. */
    public static boolean refines(String specific, String general) {
        Entry e = FORMATS.get(specific);
        return e != null && e.refines().contains(general);
    }

    /** A fresh parser (they keep per-file state). Unknown name or unusable options: IllegalArgumentException. */
    public static StepFormat create(String name, FormatOptions opts) {
        Entry e = FORMATS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "'; valid: " + String.join(", ", names()));
        }
        return e.factory().apply(opts);
    }

    /** The format {@link FormatDetector} picks for these lines taken as a whole input, or empty when none reads any. */
    public static Optional<String> detect(List<String> lines, FormatOptions opts) {
        FormatDetector d = new FormatDetector(opts);
        for (String l : lines) if (d.offer(l)) break;
        return d.finish();
    }
}
