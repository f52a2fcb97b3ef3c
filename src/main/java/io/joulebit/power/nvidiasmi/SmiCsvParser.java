package io.joulebit.power.nvidiasmi;

import io.joulebit.power.gpu.GpuInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Parses {@code --format=csv,noheader,nounits} rows for a known column list. nvidia-smi joins cells with ", " and
 * never quotes; the product name is the only free text, so surplus cells (a name containing ", ") are folded back
 * into it. Never throws: a bad line yields a rejection reason ("garbage", "blank"); a line cut off at EOF is
 * caught earlier by the stream and counted as "partial".
 */
public final class SmiCsvParser {
    private static final double MIB = 1024.0 * 1024.0;

    /** Either a row or the reason it was refused. */
    public record Result(Optional<SmiRow> row, String rejectReason) {
        static Result ok(SmiRow row) { return new Result(Optional.of(row), ""); }
        static Result reject(String reason) { return new Result(Optional.empty(), reason); }
        public boolean isRow() { return row.isPresent(); }
    }

    private final List<String> fields;
    private final Map<String, Integer> column = new HashMap<>();

    public SmiCsvParser(List<String> fields) {
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            column.put(this.fields.get(i), i);
        }
        if (!column.containsKey(SmiFields.INDEX)) {
            throw new IllegalArgumentException("the query must include index: " + fields);
        }
    }

    public List<String> fields() { return fields; }

    public Result parse(String line) {
        if (line == null || line.isBlank()) {
            return Result.reject("blank");
        }
        String body = line.strip();
        if (body.endsWith(",")) {
            body += " "; // an empty last cell whose trailing space was stripped
        }
        List<String> cells = split(body);
        if (cells.size() < fields.size()) {
            return Result.reject("garbage"); // e.g. "Unable to determine the device handle for GPU…"
        }
        if (cells.size() > fields.size()) {
            if (!column.containsKey(SmiFields.NAME)) {
                return Result.reject("garbage");
            }
            cells = foldName(cells);
        }
        OptionalDouble index = SmiValues.number(cell(cells, SmiFields.INDEX));
        if (index.isEmpty() || index.getAsDouble() < 0 || index.getAsDouble() != Math.rint(index.getAsDouble())
                || index.getAsDouble() > 65535) {
            return Result.reject("garbage");
        }
        for (String f : fields) {
            if (isNumeric(f) && SmiValues.isInvalidNumber(cells.get(column.get(f)))) {
                return Result.reject("garbage");
            }
        }
        String uuid = text(cells, SmiFields.UUID);
        if (!uuid.isEmpty() && !uuid.regionMatches(true, 0, "GPU-", 0, 4)) {
            return Result.reject("garbage");
        }
        GpuInfo gpu = new GpuInfo((int) index.getAsDouble(), uuid, text(cells, SmiFields.NAME));
        OptionalDouble watts = first(cells, SmiFields.POWER_PREFERENCE);
        OptionalDouble util = number(cells, SmiFields.UTILIZATION);
        return Result.ok(new SmiRow(gpu, watts.orElse(Double.NaN), first(cells, SmiFields.LIMIT_PREFERENCE),
                number(cells, SmiFields.TEMPERATURE),
                util.isPresent() ? OptionalDouble.of(util.getAsDouble() / 100.0) : util,
                scaled(number(cells, SmiFields.MEMORY_USED), MIB), scaled(number(cells, SmiFields.MEMORY_TOTAL), MIB)));
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = line.indexOf(", ", from);
            if (at < 0) {
                out.add(line.substring(from).trim());
                return out;
            }
            out.add(line.substring(from, at).trim());
            from = at + 2;
        }
    }

    private List<String> foldName(List<String> cells) {
        int nameAt = column.get(SmiFields.NAME);
        int surplus = cells.size() - fields.size();
        List<String> out = new ArrayList<>(cells.subList(0, nameAt));
        out.add(String.join(", ", cells.subList(nameAt, nameAt + surplus + 1)));
        out.addAll(cells.subList(nameAt + surplus + 1, cells.size()));
        return out;
    }

    private static boolean isNumeric(String field) {
        return !field.equals(SmiFields.UUID) && !field.equals(SmiFields.NAME);
    }

    private String cell(List<String> cells, String field) {
        Integer at = column.get(field);
        return at == null ? null : cells.get(at);
    }

    private String text(List<String> cells, String field) {
        String v = cell(cells, field);
        return SmiValues.isPlaceholder(v) ? "" : v;
    }

    private OptionalDouble number(List<String> cells, String field) { return SmiValues.number(cell(cells, field)); }

    private OptionalDouble first(List<String> cells, List<String> preference) {
        for (String f : preference) {
            OptionalDouble v = number(cells, f);
            if (v.isPresent() && v.getAsDouble() >= 0) {
                return v;
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble scaled(OptionalDouble v, double factor) {
        return v.isPresent() ? OptionalDouble.of(v.getAsDouble() * factor) : v;
    }
}
