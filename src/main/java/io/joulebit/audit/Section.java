package io.joulebit.audit;

import java.util.List;

/** One table of the report: an id (HTML anchor, JSON section name), a title, its figures and notes under it. */
public record Section(String id, String title, List<FigureRow> rows, List<String> notes) {
    public Section {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
