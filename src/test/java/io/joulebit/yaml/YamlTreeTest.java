package io.joulebit.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The config tree is the one Jackson's YAML reader made (which the binders were written against). */
class YamlTreeTest {
    private static final ObjectMapper JACKSON = new ObjectMapper(new YAMLFactory());

    /** The same tree, or both refuse the text. */
    private static void sameAsJackson(String yaml) throws Exception {
        Object jackson;
        try {
            jackson = nullIfMissing(yaml);
        } catch (IOException e) {
            assertThat(catchThrowable(() -> YamlTree.parse(yaml))).as(yaml + " refused by Jackson: " + e.getMessage())
                    .isInstanceOf(YamlTree.Malformed.class);
            return;
        }
        assertThat(String.valueOf(YamlTree.parse(yaml))).as(yaml).isEqualTo(String.valueOf(jackson));
    }

    private static Object nullIfMissing(String yaml) throws IOException {
        var n = JACKSON.readTree(yaml);
        return n == null || n.isMissingNode() ? null : n;
    }

    @Test
    void everyConfigFileOfTheProject() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("config", "src/test/resources", "docs", "deploy")) {
            if (!Files.isDirectory(Path.of(dir))) continue;
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(3);
        for (Path f : files) {
            String yaml = Files.readString(f);
            if (!yaml.contains("*")) sameAsJackson(yaml);      // aliases: see the test below
        }
    }

    @Test
    void anAliasIsTheAnchoredValueNotItsName() throws Exception {
        assertThat(YamlTree.parse("run: &r {id: x}\nother: *r\n").toString())
                .isEqualTo("{\"run\":{\"id\":\"x\"},\"other\":{\"id\":\"x\"}}");
        assertThat(nullIfMissing("run: &r {id: x}\nother: *r\n").toString()).contains("\"other\":\"r\"");
    }

    @Test
    void scalarsTypedAsJacksonTypesThem() throws Exception {
        for (String v : List.of("650", "-3", "+7", "1_000", "0.5", "1e-3", "2.5E+4", ".5", "3.", "true", "False", "TRUE",
                "null", "~", "", "yes", "no", "on", "12:30", "1s", "250ms", "127.0.0.1:9877", "0x1f", "abc", "'650'",
                "\"true\"", "'null'", "012", "0o17", "0b101", "0X1F", "1:30:00", "-0", "1e5", "y", "N", "On", "OFF", "Yes", "nO", "99999999999999999999", "1.5.3", "-", "+", ".", "nan", "[1, a, true]",
                "{a: 1, b: [x, 2.0]}", "|\n  two\n  lines")) {
            sameAsJackson("k: " + v + "\n");
        }
        sameAsJackson("a: 1\nb:\n  c: [1, 2]\n  d: {e: f}\n");
        sameAsJackson("# only a comment\n");
        assertThat(YamlTree.parse("k: .inf").toString()).isEqualTo("{\"k\":\".inf\"}");   // Jackson's reader throws
    }

    @Test
    void anAliasInsideWhatItNamesIsRefusedNotFollowedForever() {
        YamlTree.Malformed e = catchThrowableOfType(() -> YamlTree.parse("run: &r\n  id: x\n  other: *r\n"),
                YamlTree.Malformed.class);
        assertThat(e.at()).matches(":\\d+:\\d+");
        assertThat(e.getMessage()).contains("alias");
    }

    @Test
    void aMalformedDocumentSaysWhere() {
        YamlTree.Malformed e = catchThrowableOfType(() -> YamlTree.parse("run:\n  id: [unclosed\n"),
                YamlTree.Malformed.class);
        assertThat(e.at()).matches(":\\d+:\\d+");
        assertThat(e.getMessage()).isNotBlank();
    }
}
