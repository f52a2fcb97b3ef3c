package io.joulebit.agent;

import io.joulebit.power.PowerSample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The power sampling rate actually achieved, for the report (a figure per joule is only comparable with its sampling
 * rate): per device (samples − 1) / (last − first) on the monotonic clock, averaged over devices. Counted before the
 * store thins its journal to one row per second, since the journal cannot show a faster rate. Covers this agent
 * process (after a resume, the time since the resume). Thread-safe: every sampling thread reports here.
 */
final class SampleRate {
    private static final class Span {
        long first;
        long last;
        long samples;
    }

    private final Map<String, Span> devices = new HashMap<>();

    synchronized void accept(List<PowerSample> batch) {
        for (PowerSample s : batch) {
            Span d = devices.computeIfAbsent(s.device(), k -> new Span());
            if (d.samples++ == 0) {
                d.first = s.monoNanos();
                d.last = s.monoNanos();
            }
            d.first = Math.min(d.first, s.monoNanos());
            d.last = Math.max(d.last, s.monoNanos());
        }
    }

    /** Mean samples per second per device; NaN until some device has two samples apart in time. */
    synchronized double hertz() {
        double sum = 0;
        int n = 0;
        for (Span d : devices.values()) {
            if (d.samples >= 2 && d.last > d.first) {
                sum += (d.samples - 1) / ((d.last - d.first) / 1e9);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
