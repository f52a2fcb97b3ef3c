package io.joulebit.power.select;

import java.util.List;

/**
 * What the selector found about one candidate: whether it works here and why not, which devices it offered, which of
 * them it was chosen for, and why the rest were not.
 */
public record SourceReport(String name, boolean available, String reason, List<String> devices,
                           List<String> chosenDevices, String note) {
    public SourceReport {
        devices = List.copyOf(devices);
        chosenDevices = List.copyOf(chosenDevices);
        reason = reason == null ? "" : reason;
        note = note == null ? "" : note;
    }

    public boolean chosen() { return !chosenDevices.isEmpty(); }
}
