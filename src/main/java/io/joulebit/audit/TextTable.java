package io.joulebit.audit;

import java.util.List;

/** A table as text cells, shared by the HTML and Markdown reports so both show the same tables. */
public record TextTable(String id, String title, List<String> header, List<List<String>> rows, List<String> notes) {
    public TextTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
    }
}
