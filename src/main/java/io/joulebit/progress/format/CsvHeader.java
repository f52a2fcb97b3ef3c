package io.joulebit.progress.format;

import java.util.ArrayList;
import java.util.List;

/** A CSV header and rows split on commas (metric CSVs carry no quoted commas); empty cells are absent values. */
final class CsvHeader {
    private final List<String> columns;

    CsvHeader(List<String> columns) { this.columns = List.copyOf(columns); }

    static List<String> split(CharSequence line) {
        String s = line.toString();
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int c = s.indexOf(',', from);
            String cell = (c < 0 ? s.substring(from) : s.substring(from, c)).trim();
            if (cell.length() >= 2 && cell.charAt(0) == '"' && cell.charAt(cell.length() - 1) == '"') {
                cell = cell.substring(1, cell.length() - 1);
            }
            out.add(cell);
            if (c < 0) return out;
            from = c + 1;
        }
    }

    int index(String name) { return columns.indexOf(name); }

    /** The first of {@code names} that is a column, or -1. */
    int first(String... names) {
        for (String n : names) {
            int i = columns.indexOf(n);
            if (i >= 0) return i;
        }
        return -1;
    }

    int indexStartingWith(String prefix) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).startsWith(prefix)) return i;
        return -1;
    }

    int size() { return columns.size(); }

    /**
     * Whether the line could be a header naming {@code required}: each name occurs in its text. Until a header is
     * found no other line counts, so the CSV formats skip splitting the rest (a log's prelude, during detection).
     */
    static boolean mayName(CharSequence line, String... required) {
        String s = line.toString();
        for (String r : required) if (!s.contains(r)) return false;
        return true;
    }

    /** A line is a header when no cell is numeric and it names {@code required}. */
    static boolean isHeader(List<String> cells, String... required) {
        for (String c : cells) if (!c.isEmpty() && (Scan.isDigit(c.charAt(0)) || c.charAt(0) == '-')) return false;
        for (String r : required) if (!cells.contains(r)) return false;
        return true;
    }

    /** The cell as a number: NaN-free empty → null sentinel via {@code found}. */
    static boolean number(Scan scan, List<String> row, int idx) {
        if (idx < 0 || idx >= row.size()) return false;
        String c = row.get(idx);
        return !c.isEmpty() && scan.number(c, 0) && scan.end == c.length();
    }
}
