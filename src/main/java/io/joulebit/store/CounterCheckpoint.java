package io.joulebit.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A device's raw hardware energy counter as of a checkpoint, with the identity that makes it comparable after a
 * restart (see io.joulebit.run.ResumeCheck).
 *
 * @param readAt      wall time of the reading
 * @param bootId      /proc/sys/kernel/random/boot_id when it was read: a reading from another boot is never compared
 * @param rangeJoules where the raw value wraps; NaN when it never does
 * @param maxWatts    the most the device can draw; NaN when unknown
 */
public record CounterCheckpoint(double joules, Instant readAt, String bootId, String identity, String epoch,
                                double rangeJoules, double maxWatts) {
    public CounterCheckpoint {
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(epoch, "epoch");
    }
}
