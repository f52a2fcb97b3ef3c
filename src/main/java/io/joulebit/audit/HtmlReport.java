package io.joulebit.audit;

import io.joulebit.store.RunRecord;

import java.util.List;

/**
 * report.html: one self-contained page — inline CSS, inline SVG charts, no script, no external resource — that is
 * also well-formed XML (every element closed, every attribute quoted, all text escaped).
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1120px;\
            color:#222;padding:0 16px}
            h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.15em;margin-top:28px;border-bottom:1px solid #ddd}
            .meta{color:#555;margin:0 0 12px}.notes li{color:#8a4b00}
            table{border-collapse:collapse;margin:8px 0;font-size:.9em}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .tnote{color:#555;font-size:.85em;margin:2px 0}
            .charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #eee}
            svg .grid{stroke:#eee;stroke-width:1}svg .frame{fill:none;stroke:#999}
            svg .tick{font-size:11px;fill:#555}svg .axis{font-size:12px;fill:#333}
            svg .title{font-size:14px;font-weight:600;fill:#222}svg .legend{font-size:11px;fill:#333}
            svg .ref{stroke:#888;stroke-dasharray:2 3;font-size:11px;fill:#555}svg .empty{font-size:14px;fill:#999}
            """;

    private HtmlReport() {}

    public static String render(Audit audit, List<TextTable> tables, List<String> charts) {
        RunRecord r = audit.data().run();
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
        sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        sb.append("<title>joulebit audit: ").append(Html.esc(r.id())).append("</title>");
        sb.append("<style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>joulebit audit: run ").append(Html.esc(r.id())).append("</h1>\n<p class=\"meta\">started ")
                .append(Html.esc(r.started().map(Object::toString).orElse("unknown"))).append(" · ended ")
                .append(Html.esc(r.ended().map(Object::toString).orElse("not recorded")));
        r.labels().forEach((k, v) -> sb.append(" · ").append(Html.esc(k)).append('=').append(Html.esc(v)));
        sb.append("</p>\n<p>").append(Html.esc(audit.forecast().summary())).append("</p>\n");
        if (!audit.notes().isEmpty()) {
            sb.append("<ul class=\"notes\">");
            audit.notes().forEach(n -> sb.append("<li>").append(Html.esc(n)).append("</li>"));
            sb.append("</ul>\n");
        }
        sb.append("<h2 id=\"charts\">Charts</h2>\n<div class=\"charts\">\n");
        charts.forEach(c -> sb.append(c).append('\n'));
        sb.append("</div>\n");
        tables.forEach(t -> table(sb, t));
        sb.append("<p class=\"tnote\">Figures as defined in PHYSICS.md; report.json holds every figure with its unit,"
                + " range and flags.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, TextTable t) {
        sb.append("<h2>").append(Html.esc(t.title())).append("</h2>\n<table id=\"").append(Html.esc(t.id()))
                .append("\"><thead><tr>");
        t.header().forEach(h -> sb.append("<th>").append(Html.esc(h)).append("</th>"));
        sb.append("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (String c : row) {
                sb.append(numeric(c) ? "<td class=\"num\">" : "<td>").append(Html.esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
        t.notes().forEach(n -> sb.append("<p class=\"tnote\">").append(Html.esc(n)).append("</p>\n"));
    }

    private static boolean numeric(String c) { return !c.isEmpty() && c.matches("[-+0-9.e… ±%]+"); }
}
