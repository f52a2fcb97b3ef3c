package io.joulebit.power.select;

import io.joulebit.power.PowerSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The result of selection: the sources to sample (each limited to its chosen devices), a report per candidate
 * (candidate order), candidates not chosen at all (for the caller to close), and problems with the policy itself
 * (e.g. an explicit name no candidate has).
 */
public record Selection(List<Chosen> chosen, List<SourceReport> reports, List<PowerSource> unused,
                        List<String> problems) {
    /** A source, the devices it was chosen for, and all it offered. */
    public record Chosen(PowerSource source, List<String> devices, List<String> offered) {
        public Chosen {
            devices = List.copyOf(devices);
            offered = List.copyOf(offered);
        }

        /** The source itself, or a view limited to {@link #devices()} when it offered more. */
        public PowerSource limited() {
            return Set.copyOf(devices).containsAll(offered) ? source : new FilteredSource(source, Set.copyOf(devices));
        }
    }

    public Selection {
        chosen = List.copyOf(chosen);
        reports = List.copyOf(reports);
        unused = List.copyOf(unused);
        problems = List.copyOf(problems);
    }

    /** The sources to sample, each limited to the devices it was chosen for. */
    public List<PowerSource> sources() { return chosen.stream().map(Chosen::limited).toList(); }

    /** The report for a source name (the first, when two candidates share a name). */
    public Optional<SourceReport> report(String sourceName) {
        return reports.stream().filter(r -> r.name().equals(sourceName)).findFirst();
    }
}
