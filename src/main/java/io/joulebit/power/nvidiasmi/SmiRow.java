package io.joulebit.power.nvidiasmi;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.gpu.GpuInfo;
import java.util.OptionalDouble;

/**
 * One parsed nvidia-smi row in base units: W, °C, utilization ratio 0..1, bytes. Absent cells are NaN watts or
 * empty optionals, never 0.
 */
public record SmiRow(GpuInfo gpu, double watts, OptionalDouble powerLimitWatts, OptionalDouble celsius,
                     OptionalDouble utilization, OptionalDouble memoryUsedBytes, OptionalDouble memoryTotalBytes) {

    public PowerSample toSample(String source, long monoNanos) {
        PowerSample s = PowerSample.of(gpu.device(), DeviceKind.GPU, source, monoNanos, watts);
        if (powerLimitWatts.isPresent()) {
            s = s.withPowerLimitWatts(powerLimitWatts.getAsDouble());
        }
        if (celsius.isPresent()) {
            s = s.withCelsius(celsius.getAsDouble());
        }
        if (utilization.isPresent()) {
            s = s.withUtilization(utilization.getAsDouble());
        }
        return s;
    }
}
