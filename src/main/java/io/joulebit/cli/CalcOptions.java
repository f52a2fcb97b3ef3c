package io.joulebit.cli;

import org.apache.commons.cli.Options;

/**
 * The flags of {@code joulebit calc}, kept as text so that {@link CalcInputs} can report every bad value at once
 * (typed getters stop at the first). Numbers accept scientific notation, tokens and params included.
 */
public final class CalcOptions {
    String tokens;
    String energy;
    String pue = "1";
    String loss;
    String lossUnit = "nats";
    String perplexity;
    String baselineBits;
    String baselineNats;
    String vocabSize;
    String params;
    String bitsPerParam = "16";
    String modelBitsPerToken = "0";
    String temperatureKelvin = "300";
    String inferenceJoulesPerToken;
    String format = "text";

    static Options options() {
        return new OptionList()
                .value("tokens", "N",
                        "Loss-bearing tokens trained, D (tokens, all ranks counted once), e.g. 2e9. Optional.")
                .value("energy", "VALUE", "IT energy of the run with a unit suffix: J, kJ, MJ, GJ, Wh, kWh, MWh, GWh "
                        + "(case-sensitive), e.g. 1287MWh or 4.6e12J. Optional.")
                .value("pue", "X", "Power usage effectiveness (dimensionless, >= 1); every figure uses energy x PUE. "
                        + "Default: 1.")
                .value("loss", "X", "Final (smoothed) training loss, in --loss-unit per token. Or give --perplexity.")
                .value("loss-unit", "nats|bits", "Unit of --loss: nats (PyTorch, HF, Megatron, nanoGPT) or bits "
                        + "(fairseq). Default: nats.")
                .value("perplexity", "X",
                        "Perplexity instead of --loss (dimensionless, >= 1); loss = log2(X) bits/token.")
                .value("baseline-bits", "X",
                        "Baseline entropy H in bits/token (fixed). Exactly one baseline flag is required.")
                .value("baseline-nats", "X", "Baseline entropy H in nats/token, e.g. the initial loss (fixed).")
                .value("vocab-size", "V", "Uniform baseline H = log2(V) bits/token (V tokens in the vocabulary, >= 2).")
                .value("params", "N", "Model parameter count, e.g. 124e6. Figures that need it are null without it.")
                .value("bits-per-param", "B", "Storage bits per parameter, for N_bits = N x B (bits). Default: 16.")
                .value("model-bits-per-token", "C", "Model description term c (bits/token): information_bits is net "
                        + "of c x D. Default: 0.")
                .value("temperature-kelvin", "T", "Landauer reservoir temperature (K, > 0). Default: 300.")
                .value("inference-joules-per-token", "X", "Measured inference energy (J/token) for the break-even; "
                        + "estimated as 2 x params x (J/FLOP) when absent.")
                .value("format", "text|json",
                        "Output: an aligned table (text) or one JSON object (json). Default: text.")
                .get();
    }

    /** The flags as given, the defaults where absent. */
    static CalcOptions from(Args a) {
        CalcOptions o = new CalcOptions();
        o.tokens = a.string("tokens");
        o.energy = a.string("energy");
        o.pue = a.string("pue", o.pue);
        o.loss = a.string("loss");
        o.lossUnit = a.string("loss-unit", o.lossUnit);
        o.perplexity = a.string("perplexity");
        o.baselineBits = a.string("baseline-bits");
        o.baselineNats = a.string("baseline-nats");
        o.vocabSize = a.string("vocab-size");
        o.params = a.string("params");
        o.bitsPerParam = a.string("bits-per-param", o.bitsPerParam);
        o.modelBitsPerToken = a.string("model-bits-per-token", o.modelBitsPerToken);
        o.temperatureKelvin = a.string("temperature-kelvin", o.temperatureKelvin);
        o.inferenceJoulesPerToken = a.string("inference-joules-per-token");
        o.format = a.string("format", o.format);
        return o;
    }
}
