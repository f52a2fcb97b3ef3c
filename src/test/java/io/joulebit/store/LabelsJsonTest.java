package io.joulebit.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** labels_json as the store writes and reads it, in the form databind wrote: stores made before read the same. */
class LabelsJsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    @Test
    void writesWhatDatabindWroteAndReadsItBack() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("model", "gpt2-124m");
        labels.put("quote\"and\\slash", "line\nbreak\ttab");
        labels.put("ünïcode ∆", "😀 \u0001");
        labels.put("", "");
        for (Map<String, String> m : new Map[] {labels, Map.of(), Map.of("k", "v")}) {
            String ours = LabelsJson.write(m);
            assertThat(ours).isEqualTo(DATABIND.writeValueAsString(m));
            assertThat(LabelsJson.read(ours)).containsExactlyEntriesOf(m);
            assertThat(LabelsJson.read(DATABIND.writeValueAsString(m))).isEqualTo(
                    DATABIND.readValue(ours, new TypeReference<Map<String, String>>() {}));
        }
    }

    @Test
    void scalarsReadAsTheirTextAndAnythingElseIsRefused() throws Exception {
        assertThat(LabelsJson.read("{\"a\": 1, \"b\": true, \"c\": 2.5}"))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "true"), Map.entry("c", "2.5"));
        for (String bad : new String[] {"[]", "\"x\"", "{\"a\": {}}", "{\"a\": [1]}", "{\"a\": null}", "{\"a\": \"b\"",
                "{} {}", "", "not json"}) {
            assertThatThrownBy(() -> LabelsJson.read(bad)).as(bad).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> LabelsJson.read(null)).isInstanceOf(IOException.class);
    }
}
