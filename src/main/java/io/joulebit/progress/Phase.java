package io.joulebit.progress;

import java.util.Locale;

/** Training steps build the loss curve; eval steps are reported but never enter it. */
public enum Phase {
    TRAIN, EVAL;

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
