package io.joulebit.agent;

import io.joulebit.export.page.RunHistory;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.StoreStatus;

import java.util.List;
import java.util.Optional;

/**
 * Where a run is kept beyond its process, as the agent sees it: the journal of readings and steps, a checkpoint after
 * publications, the restore of a stored run before anything is sampled, the store's health, and the view exporters
 * may show. {@link StoreBridge} implements it over the run store; {@link #NONE} keeps nothing. Every method is called
 * by the agent only; the writing ones must not block (the store queues on its own thread).
 */
public interface RunJournal {
    /** Keeps nothing: the agent without a store (embedded, tests). */
    RunJournal NONE = new RunJournal() { };

    /** Restores the stored run into the fresh accountant (and binds to it) before the first sample or step. */
    default void restore(RunAccountant accountant) { }

    /** Fills the live page's history of a resumed run before the first publication. */
    default void seedHistory(RunHistory history) { }

    /** A batch of power readings, as the sampler hands it to the accountant. */
    default void power(List<PowerSample> batch) { }

    /** A step, as a source or the ingest hands it to the accountant. */
    default void step(StepEvent event) { }

    /** After each publication, on the accountant thread (checkpoints). */
    default void onPublish(RunSnapshot snapshot) { }

    /** Once at close, with the final snapshot (after the last events were applied). */
    default void finish(RunSnapshot snapshot) { }

    /** The store's health for each snapshot; empty without a store. */
    default Optional<StoreStatus> status() { return Optional.empty(); }

    /** What /metrics, /api/v1/run and Micrometer show of a snapshot (with a store: only durable totals). */
    default RunSnapshot visible(RunSnapshot latest) { return latest; }
}
