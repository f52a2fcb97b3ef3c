package io.joulebit.thermo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every figure of PHYSICS.md §2–§5 and §7 for one moment of a run; absent figures carry their reason.
 *
 * @param energyJoules                   E = IT energy × PUE (the same E feeds η_D, C and every rate)
 * @param deltaBitsPerToken              ΔH = H − L̄, signed
 * @param informationBits                transferred information I = D·ΔH (before the model term)
 * @param modelBits                      M of the model term
 * @param netInformationBits             B = I − M
 * @param informationCapacityRatio       η = I / N_bits
 * @param informationBitsPerParameter    i_p = I / N_params
 * @param breakevenInferenceTokens       N* = E / e_inf
 * @param entropyProductionWattsPerKelvin σ = P / T_amb
 * @param structuralInformationBits      S, structural information (epiplexity) from the loss curve, no baseline
 * @param prequentialInformationBits     I_preq = (D_t − D_0) H − A; I_preq + S = (D_t − D_0)(H − L̄)
 * @param energyPerStructuralBitJoules   E / S, absent when S ≤ 0
 * @param flags                          warnings plus the reason of every absent figure
 */
public record ThermoFigures(Figure energyJoules, Figure lossBits, Figure baselineBits, Figure deltaBitsPerToken,
                            Figure informationBits, Figure modelBits, Figure netInformationBits,
                            Figure informationCapacityRatio, Figure informationBitsPerParameter,
                            Figure landauerMinEnergyJoules, Figure landauerEfficiencyRatio,
                            Figure energyPerBitJoules, Figure landauerMultiple, Figure energyPerTokenJoules,
                            Figure tokensPerJoule, Figure flopsEstimate, Figure joulesPerFlop,
                            Figure inferenceJoulesPerToken, Figure breakevenInferenceTokens,
                            Figure averagePowerWatts, Figure entropyProductionWattsPerKelvin,
                            Figure temperatureKelvin, Figure structuralInformationBits,
                            Figure prequentialInformationBits, Figure energyPerStructuralBitJoules, Set<Flag> flags) {
    public ThermoFigures {
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags));
    }

    /** The same figures with the energy total replaced (the durable total an exporter may show; see DurableView). */
    public ThermoFigures withEnergyJoules(Figure energy) {
        return new ThermoFigures(energy, lossBits, baselineBits, deltaBitsPerToken, informationBits, modelBits,
                netInformationBits, informationCapacityRatio, informationBitsPerParameter, landauerMinEnergyJoules,
                landauerEfficiencyRatio, energyPerBitJoules, landauerMultiple, energyPerTokenJoules, tokensPerJoule,
                flopsEstimate, joulesPerFlop, inferenceJoulesPerToken, breakevenInferenceTokens, averagePowerWatts,
                entropyProductionWattsPerKelvin, temperatureKelvin, structuralInformationBits,
                prequentialInformationBits, energyPerStructuralBitJoules, flags);
    }

    /** All figures by snake_case name, in a stable order (names match the calc JSON keys where they overlap). */
    public Map<String, Figure> asMap() {
        Map<String, Figure> m = new LinkedHashMap<>();
        m.put("energy_joules", energyJoules);
        m.put("loss_bits", lossBits);
        m.put("baseline_bits", baselineBits);
        m.put("delta_bits_per_token", deltaBitsPerToken);
        m.put("transferred_information_bits", informationBits);
        m.put("model_bits", modelBits);
        m.put("information_bits", netInformationBits);
        m.put("information_capacity_ratio", informationCapacityRatio);
        m.put("information_bits_per_parameter", informationBitsPerParameter);
        m.put("landauer_min_energy_joules", landauerMinEnergyJoules);
        m.put("landauer_efficiency_ratio", landauerEfficiencyRatio);
        m.put("energy_per_bit_joules", energyPerBitJoules);
        m.put("landauer_multiple", landauerMultiple);
        m.put("energy_per_token_joules", energyPerTokenJoules);
        m.put("tokens_per_joule", tokensPerJoule);
        m.put("flops_estimate", flopsEstimate);
        m.put("joules_per_flop", joulesPerFlop);
        m.put("inference_joules_per_token", inferenceJoulesPerToken);
        m.put("breakeven_inference_tokens", breakevenInferenceTokens);
        m.put("average_power_watts", averagePowerWatts);
        m.put("entropy_production_watts_per_kelvin", entropyProductionWattsPerKelvin);
        m.put("temperature_kelvin", temperatureKelvin);
        m.put("structural_information_bits", structuralInformationBits);
        m.put("prequential_information_bits", prequentialInformationBits);
        m.put("energy_per_structural_bit_joules", energyPerStructuralBitJoules);
        return m;
    }
}
