package io.joulebit.progress.format;

import java.util.Locale;

/** Where an event's cumulative token count came from; exported so nobody mistakes a derivation for a measurement. */
public enum TokenOrigin {
    LOG, SAMPLES_X_SEQ_LEN, STEPS_X_TOKENS_PER_STEP, NONE;

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
