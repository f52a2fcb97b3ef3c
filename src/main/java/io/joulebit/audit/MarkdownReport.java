package io.joulebit.audit;

import io.joulebit.store.RunRecord;

import java.util.List;

/** report.md: the same tables as the HTML page, as GitHub-flavoured Markdown (the charts live in report.html). */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(Audit audit, List<TextTable> tables) {
        RunRecord r = audit.data().run();
        StringBuilder sb = new StringBuilder();
        sb.append("# joulebit audit: run ").append(cell(r.id())).append("\n\n");
        sb.append("- started: ").append(cell(r.started().map(Object::toString).orElse("unknown"))).append('\n');
        sb.append("- ended: ").append(cell(r.ended().map(Object::toString).orElse("not recorded"))).append('\n');
        if (!r.labels().isEmpty()) {
            StringBuilder labels = new StringBuilder();
            r.labels().forEach((k, v) -> labels.append(labels.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            sb.append("- labels: ").append(cell(labels.toString())).append('\n');
        }
        sb.append("- forecast: ").append(cell(audit.forecast().summary())).append('\n');
        sb.append("\nCharts (loss, power, energy, J/bit, Landauer efficiency) are in report.html.\n");
        if (!audit.notes().isEmpty()) {
            sb.append("\n## Notes\n\n");
            audit.notes().forEach(n -> sb.append("- ").append(cell(n)).append('\n'));
        }
        for (TextTable t : tables) table(sb, t);
        return sb.toString();
    }

    private static void table(StringBuilder sb, TextTable t) {
        // Table ids are fixed identifiers (never user text), so the anchor needs no escaping.
        sb.append("\n<a id=\"").append(t.id()).append("\"></a>\n\n## ").append(cell(t.title())).append("\n\n");
        row(sb, t.header());
        sb.append('|');
        t.header().forEach(h -> sb.append(" --- |"));
        sb.append('\n');
        t.rows().forEach(r -> row(sb, r));
        if (!t.notes().isEmpty()) sb.append('\n');
        t.notes().forEach(n -> sb.append("> ").append(cell(n)).append("  \n"));
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(cell(c)).append(" |"));
        sb.append('\n');
    }

    /** Escapes what would break a table cell or inject markup: pipes, newlines, backslashes, HTML brackets. */
    static String cell(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '|' -> out.append("\\|");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
