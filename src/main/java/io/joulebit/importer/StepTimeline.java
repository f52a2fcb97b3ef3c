package io.joulebit.importer;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Places a log's steps in the run's window. Logs rarely stamp their steps, so train steps are spread evenly between
 * the window's ends (step k of n at from + k/n of the window) and an eval point sits at the train step before it.
 * The totals (energy, tokens, bits) do not depend on this; the curves over time do, and the report says so.
 */
public final class StepTimeline {
    public static final String PLACEMENT = "evenly";

    private StepTimeline() {}

    /** The events with epoch times in seconds, in file order. */
    public static List<Timed> place(List<StepEvent> events, RunWindow w) {
        long train = events.stream().filter(e -> e.phase() == Phase.TRAIN).count();
        double span = w.toSeconds() - w.fromSeconds();
        List<Timed> out = new ArrayList<>(events.size());
        long k = 0;
        double t = w.fromSeconds();
        for (StepEvent e : events) {
            if (e.phase() == Phase.TRAIN) t = w.fromSeconds() + span * (++k) / train;
            out.add(new Timed(t, e));
        }
        return out;
    }

    /** A step and when it happened (epoch seconds). */
    public record Timed(double epochSeconds, StepEvent event) {}
}
