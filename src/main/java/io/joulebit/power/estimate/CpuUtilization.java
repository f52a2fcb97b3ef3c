package io.joulebit.power.estimate;

import java.util.Optional;
import java.util.OptionalDouble;

/** The busy share of all logical CPUs; the input of the estimate. Tests use a fake, production an OSHI reader. */
public interface CpuUtilization {
    /** Busy ratio 0..1 since the previous call (or since creation); empty when unknown. */
    OptionalDouble busyRatio();

    /** Why utilization cannot be read here, or empty when it can. Must not disturb {@link #busyRatio()}'s baseline. */
    default Optional<String> problem() { return Optional.empty(); }
}
