package io.joulebit.progress.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry: every format by its kebab-case name, with the formats it refines, and auto-detection.
 *
 * <p>A format registers with a line here, {@code add("name", "refined", ...)}, and one in {@link #instantiate}. Naming
 * a format it refines says "my step lines are also that format's step lines, and when both read a log, I am the right
 * answer" (NeMo prints Megatron-like iteration lines; TRL prints Hugging Face Trainer dicts with more keys).
 * {@link FormatDetector} lets the refining format win; order in this list breaks the remaining ties, so specific
 * formats come first and the generic ones (jsonl, csv, regex) last.
 */
public final class LogFormats {
    private static final Map<String, Set<String>> FORMATS = new LinkedHashMap<>();

    static {
        add("unsloth", "trl", "hf-trainer");
        add("trl", "hf-trainer");
        add("axolotl", "hf-trainer");
        add("hf-trainer");
        add("trainer-state");
        add("lightning-csv", "csv");
        add("nanogpt");
        add("llm-c");
        add("build-nanogpt");
        add("nemo", MegatronFormat.NAME);
        add("nanotron", MegatronFormat.NAME);
        add(MegatronFormat.NAME);
        add("deepspeed-pipe");
        add("torchtitan");
        add("litgpt");
        add("olmo");
        add("fairseq-json", "jsonl");
        add("fairseq-simple");
        add("mlx-lm");
        add("torchtune");
        add("maxtext");
        add("modded-nanogpt");
        add("composer");
        add("levanter");
        add("keras-csv", "csv");
        add("keras-progress");
        add("djl");
        add("jsonl");
        add("csv");
        add("regex");
    }

    private LogFormats() {}

    /** Registers a format; {@code refines}: the formats whose step lines it also reads and beats in detection. */
    private static void add(String name, String... refines) {
        if (FORMATS.putIfAbsent(name, Set.of(refines)) != null) {
            throw new IllegalStateException("format registered twice: " + name);
        }
    }

    public static List<String> names() { return List.copyOf(FORMATS.keySet()); }

    /** Whether {@code specific} declared that it refines {@code general}. */
    public static boolean refines(String specific, String general) {
        Set<String> r = FORMATS.get(specific);
        return r != null && r.contains(general);
    }

    /** A fresh parser (they keep per-file state). Unknown name or unusable options: IllegalArgumentException. */
    public static StepFormat create(String name, FormatOptions opts) {
        StepFormat f = FORMATS.containsKey(name) ? instantiate(name, opts) : null;
        if (f == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "'; valid: " + String.join(", ", names()));
        }
        return f;
    }

    /**
     * A switch rather than a constructor reference per format: thirty references spin thirty lambda classes when this
     * class initialises, ~40 ms of every replay-log start (measured cold, no class-data archive).
     */
    private static StepFormat instantiate(String name, FormatOptions opts) {
        return switch (name) {
            case "unsloth" -> new UnslothFormat(opts);
            case "trl" -> new TrlFormat(opts);
            case "axolotl" -> new AxolotlFormat(opts);
            case "hf-trainer" -> new HfTrainerFormat(opts);
            case "trainer-state" -> new TrainerStateFormat(opts);
            case "lightning-csv" -> new LightningCsvFormat(opts);
            case "nanogpt" -> new NanoGptFormat(opts);
            case "llm-c" -> new LlmcFormat(opts);
            case "build-nanogpt" -> new BuildNanoGptFormat(opts);
            case "nemo" -> new NemoFormat(opts);
            case "nanotron" -> new NanotronFormat(opts);
            case MegatronFormat.NAME -> new MegatronFormat(opts);
            case "deepspeed-pipe" -> new DeepSpeedPipeFormat(opts);
            case "torchtitan" -> new TorchTitanFormat(opts);
            case "litgpt" -> new LitGptFormat(opts);
            case "olmo" -> new OlmoFormat(opts);
            case "fairseq-json" -> new FairseqJsonFormat(opts);
            case "fairseq-simple" -> new FairseqSimpleFormat(opts);
            case "mlx-lm" -> new MlxLmFormat(opts);
            case "torchtune" -> new TorchtuneFormat(opts);
            case "maxtext" -> new MaxTextFormat(opts);
            case "modded-nanogpt" -> new ModdedNanoGptFormat(opts);
            case "composer" -> new ComposerFormat(opts);
            case "levanter" -> new LevanterFormat(opts);
            case "keras-csv" -> new KerasCsvFormat(opts);
            case "keras-progress" -> new KerasProgressFormat(opts);
            case "djl" -> new DjlFormat(opts);
            case "jsonl" -> new JsonlFormat(opts);
            case "csv" -> new CsvFormat(opts);
            case "regex" -> new RegexFormat(opts);
            default -> null;
        };
    }

    /** The format {@link FormatDetector} picks for these lines taken as a whole input, or empty when none reads any. */
    public static Optional<String> detect(List<String> lines, FormatOptions opts) {
        FormatDetector d = new FormatDetector(opts);
        for (String l : lines) if (d.offer(l)) break;
        return d.finish();
    }
}
