package io.joulebit.cli;

import picocli.CommandLine.Option;

/**
 * The flags of {@code joulebit calc}, kept as text so that {@link CalcInputs} can report every bad value at once
 * (picocli's converters stop at the first). Numbers accept scientific notation, tokens and params included.
 */
public final class CalcOptions {
    @Option(names = "--tokens", paramLabel = "N",
            description = "Loss-bearing tokens trained, D (tokens, all ranks counted once), e.g. 2e9. Optional.")
    String tokens;

    @Option(names = "--energy", paramLabel = "VALUE",
            description = "IT energy of the run with a unit suffix: J, kJ, MJ, GJ, Wh, kWh, MWh, GWh "
                    + "(case-sensitive), e.g. 1287MWh or 4.6e12J. Optional.")
    String energy;

    @Option(names = "--pue", paramLabel = "X", defaultValue = "1",
            description = "Power usage effectiveness (dimensionless, >= 1); every figure uses energy x PUE. "
                    + "Default: ${DEFAULT-VALUE}.")
    String pue;

    @Option(names = "--loss", paramLabel = "X",
            description = "Final (smoothed) training loss, in --loss-unit per token. Or give --perplexity.")
    String loss;

    @Option(names = "--loss-unit", paramLabel = "nats|bits", defaultValue = "nats",
            description = "Unit of --loss: nats (PyTorch, HF, Megatron, nanoGPT) or bits (fairseq). "
                    + "Default: ${DEFAULT-VALUE}.")
    String lossUnit;

    @Option(names = "--perplexity", paramLabel = "X",
            description = "Perplexity instead of --loss (dimensionless, >= 1); loss = log2(X) bits/token.")
    String perplexity;

    @Option(names = "--baseline-bits", paramLabel = "X",
            description = "Baseline entropy H in bits/token (fixed). Exactly one baseline flag is required.")
    String baselineBits;

    @Option(names = "--baseline-nats", paramLabel = "X",
            description = "Baseline entropy H in nats/token, e.g. the initial loss (fixed).")
    String baselineNats;

    @Option(names = "--vocab-size", paramLabel = "V",
            description = "Uniform baseline H = log2(V) bits/token (V tokens in the vocabulary, >= 2).")
    String vocabSize;

    @Option(names = "--params", paramLabel = "N",
            description = "Model parameter count, e.g. 124e6. Figures that need it are null without it.")
    String params;

    @Option(names = "--bits-per-param", paramLabel = "B", defaultValue = "16",
            description = "Storage bits per parameter, for N_bits = N x B (bits). Default: ${DEFAULT-VALUE}.")
    String bitsPerParam;

    @Option(names = "--model-bits-per-token", paramLabel = "C", defaultValue = "0",
            description = "Model description term c (bits/token): information_bits is net of c x D. "
                    + "Default: ${DEFAULT-VALUE}.")
    String modelBitsPerToken;

    @Option(names = "--temperature-kelvin", paramLabel = "T", defaultValue = "300",
            description = "Landauer reservoir temperature (K, > 0). Default: ${DEFAULT-VALUE}.")
    String temperatureKelvin;

    @Option(names = "--inference-joules-per-token", paramLabel = "X",
            description = "Measured inference energy (J/token) for the break-even; estimated as "
                    + "2 x params x (J/FLOP) when absent.")
    String inferenceJoulesPerToken;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: an aligned table (text) or one JSON object (json). Default: ${DEFAULT-VALUE}.")
    String format;
}
