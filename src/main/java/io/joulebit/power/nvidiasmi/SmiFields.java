package io.joulebit.power.nvidiasmi;

import java.util.List;

/**
 * The --query-gpu columns this source asks for (names from `nvidia-smi --help-query-gpu`). Drivers that know
 * power.draw.average / power.draw.instant (R530+) get them too; older ones answer
 * {@code Field "power.draw.average" is not a valid field to query.} and get the legacy list.
 */
final class SmiFields {
    static final String INDEX = "index";
    static final String UUID = "uuid";
    static final String NAME = "name";
    static final String POWER_DRAW = "power.draw";
    static final String POWER_AVERAGE = "power.draw.average";
    static final String POWER_INSTANT = "power.draw.instant";
    static final String ENFORCED_LIMIT = "enforced.power.limit";
    static final String POWER_LIMIT = "power.limit";
    static final String TEMPERATURE = "temperature.gpu";
    static final String UTILIZATION = "utilization.gpu";
    static final String MEMORY_USED = "memory.used";
    static final String MEMORY_TOTAL = "memory.total";

    /** Preference for the watts of a row: 1-s average, then instant, then power.draw (average on Ampere+). */
    static final List<String> POWER_PREFERENCE = List.of(POWER_AVERAGE, POWER_INSTANT, POWER_DRAW);
    static final List<String> LIMIT_PREFERENCE = List.of(ENFORCED_LIMIT, POWER_LIMIT);

    static final List<String> LEGACY = List.of(INDEX, UUID, NAME, POWER_DRAW, ENFORCED_LIMIT, POWER_LIMIT,
            TEMPERATURE, UTILIZATION, MEMORY_USED, MEMORY_TOTAL);
    static final List<String> MODERN = List.of(INDEX, UUID, NAME, POWER_DRAW, POWER_AVERAGE, POWER_INSTANT,
            ENFORCED_LIMIT, POWER_LIMIT, TEMPERATURE, UTILIZATION, MEMORY_USED, MEMORY_TOTAL);

    /** The short query used to learn whether the driver knows the newer power fields. */
    static final List<String> POWER_PROBE = List.of(INDEX, POWER_AVERAGE, POWER_INSTANT);

    private SmiFields() {}

    static List<String> forDriver(boolean knowsAveragePower) { return knowsAveragePower ? MODERN : LEGACY; }

    static boolean saysInvalidField(String output) {
        return output != null && output.contains("is not a valid field");
    }
}
