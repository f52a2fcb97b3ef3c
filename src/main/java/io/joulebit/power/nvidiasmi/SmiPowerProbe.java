package io.joulebit.power.nvidiasmi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One bounded run of {@code --query-gpu=index,power.draw.average,power.draw.instant} to learn whether the driver knows
 * the newer power fields (R530+). Old drivers answer 'Field "power.draw.average" is not a valid field to query.'
 */
final class SmiPowerProbe {
    /** The column list to stream with, or the error reason and message when the binary did not answer properly. */
    record Outcome(List<String> fields, String errorReason, String message) {
        boolean decided() { return fields != null; }
    }

    private SmiPowerProbe() {}

    static Outcome run(List<String> command, Duration timeout) {
        List<String> argv = new ArrayList<>(command);
        argv.add("--query-gpu=" + String.join(",", SmiFields.POWER_PROBE));
        argv.add("--format=csv,noheader,nounits");
        BoundedCommand.Result r;
        try {
            r = BoundedCommand.run(argv, timeout);
        } catch (IOException e) {
            return new Outcome(null, "spawn", "nvidia-smi not found: " + e.getMessage());
        }
        if (r.timedOut()) {
            return new Outcome(null, "probe_timeout", "nvidia-smi did not answer within " + timeout);
        }
        if (SmiFields.saysInvalidField(r.output())) {
            return new Outcome(SmiFields.LEGACY, "", "power.draw only");
        }
        if (r.exitCode() != 0) {
            return new Outcome(null, "probe_failed", "nvidia-smi failed (exit " + r.exitCode() + "): " + r.firstLine());
        }
        return new Outcome(SmiFields.MODERN, "", "power.draw.average/instant");
    }
}
