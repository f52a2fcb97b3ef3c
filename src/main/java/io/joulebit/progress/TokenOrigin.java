package io.joulebit.progress;

import java.util.Locale;

/**
 * Where a run's cumulative token count D comes from; exported (run_info's token_origin, the label in lower case) so
 * nobody mistakes a derivation for a measurement. LOG: the log's own counter; SAMPLES_X_SEQ_LEN and
 * STEPS_X_TOKENS_PER_STEP: derived from the configured sequence length or tokens per step; LISTENER: an in-process
 * feed (the DJL TrainingListener); INGEST: steps pushed to POST /api/v1/steps; NONE: no progress source.
 */
public enum TokenOrigin {
    LOG, SAMPLES_X_SEQ_LEN, STEPS_X_TOKENS_PER_STEP, LISTENER, INGEST, NONE;

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
