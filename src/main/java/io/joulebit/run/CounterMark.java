package io.joulebit.run;

import io.joulebit.power.RawCounter;

/**
 * The raw hardware counter of a device as of the last reading the ledger counted, on this process's monotonic clock:
 * a checkpoint stores it so that a restart can add the downtime's energy from the same counter (see
 * {@link ResumeCheck}).
 */
public record CounterMark(RawCounter raw, long monoNanos) {}
