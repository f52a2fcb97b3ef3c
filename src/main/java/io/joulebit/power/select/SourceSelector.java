package io.joulebit.power.select;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probes every candidate and picks, per device, the best working source under a {@link SelectionPolicy}, never
 * counting a device twice: a device that conflicts with one already claimed by a higher-priority source is dropped
 * (see {@link DeviceNames#conflict}; e.g. rapl's cpu0 or system suppresses estimate's cpu). Never throws on a
 * misbehaving source: a probe that throws is reported as unavailable.
 */
public final class SourceSelector {
    private final SelectionPolicy policy;

    public SourceSelector(SelectionPolicy policy) { this.policy = policy; }

    private record Claim(int rank, int candidate, String device) {}

    public Selection select(List<? extends PowerSource> candidates) {
        List<Availability> probes = candidates.stream().map(SourceSelector::safeProbe).toList();
        List<Map<String, String>> notes = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Map<String, String> n = new LinkedHashMap<>();
            notes.add(n);
            String name = candidates.get(i).name();
            for (String device : probes.get(i).devices()) {
                int rank = rank(name, device);
                if (rank >= 0) claims.add(new Claim(rank, i, device));
                else n.put(device, whyNotEligible(name, device));
            }
        }
        claims.sort(Comparator.comparingInt(Claim::rank).thenComparingInt(Claim::candidate));

        Map<String, String> owner = new LinkedHashMap<>(); // claimed device -> source name
        List<List<String>> chosenDevices = new ArrayList<>();
        candidates.forEach(c -> chosenDevices.add(new ArrayList<>()));
        for (Claim c : claims) {
            Optional<Map.Entry<String, String>> clash = owner.entrySet().stream()
                    .filter(e -> DeviceNames.conflict(e.getKey(), c.device())).findFirst();
            if (clash.isPresent()) {
                notes.get(c.candidate()).put(c.device(), "covered by " + clash.get().getValue() + " ("
                        + clash.get().getKey() + ")");
            } else {
                owner.put(c.device(), candidates.get(c.candidate()).name());
                chosenDevices.get(c.candidate()).add(c.device());
            }
        }

        List<Selection.Chosen> chosen = new ArrayList<>();
        List<SourceReport> reports = new ArrayList<>();
        List<PowerSource> unused = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            PowerSource s = candidates.get(i);
            Availability a = probes.get(i);
            List<String> mine = chosenDevices.get(i);
            String note = notes.get(i).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .reduce((x, y) -> x + "; " + y).orElse(a.available() || mine.size() > 0 ? "" : "not available");
            if (!a.available() && policy.mode() == SelectionPolicy.Mode.EXPLICIT && !policy.explicit().contains(s.name())) {
                note = "not in the explicit source list";
            }
            reports.add(new SourceReport(s.name(), a.available(), a.reason(), a.devices(), mine, note));
            if (mine.isEmpty()) unused.add(s);
            else chosen.add(new Selection.Chosen(s, mine, a.devices()));
        }
        return new Selection(chosen, reports, unused, policyProblems(candidates));
    }

    /** Lower is better; -1 when this source may not report this device under the policy. */
    private int rank(String source, String device) {
        if (policy.mode() == SelectionPolicy.Mode.EXPLICIT) return policy.explicit().indexOf(source);
        Optional<DeviceKind> kind = DeviceNames.kind(device);
        return kind.map(k -> policy.priority().getOrDefault(k, List.of()).indexOf(source)).orElse(-1);
    }

    private String whyNotEligible(String source, String device) {
        if (policy.mode() == SelectionPolicy.Mode.EXPLICIT) return "not in the explicit source list";
        if (source.equals("simulated")) return "simulated is used only when listed explicitly";
        Optional<DeviceKind> kind = DeviceNames.kind(device);
        if (kind.isEmpty()) return "device name of unknown kind";
        return "not a " + kind.get().label() + " power source in auto mode (" + kind.get().label() + ": "
                + String.join(" > ", policy.priority().getOrDefault(kind.get(), List.of())) + ")";
    }

    private List<String> policyProblems(List<? extends PowerSource> candidates) {
        if (policy.mode() != SelectionPolicy.Mode.EXPLICIT) return List.of();
        return policy.explicit().stream().filter(n -> candidates.stream().noneMatch(c -> c.name().equals(n)))
                .map(n -> "unknown source '" + n + "' in the explicit list").toList();
    }

    private static Availability safeProbe(PowerSource s) {
        try {
            Availability a = s.probe();
            return a != null ? a : Availability.unavailable("probe returned nothing");
        } catch (RuntimeException e) {
            return Availability.unavailable("probe failed: " + e);
        }
    }
}
