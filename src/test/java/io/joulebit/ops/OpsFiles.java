package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the shipped ops files live, and how tests read them (YAML, possibly multi-document). */
final class OpsFiles {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private OpsFiles() {}

    /** The repository root: Maven runs tests there (surefire also passes it as the basedir property). */
    static Path root() {
        Path p = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isRegularFile(p.resolve("pom.xml"))) throw new IllegalStateException("no pom.xml in " + p);
        return p;
    }

    static Path prometheusDir() { return root().resolve("config/prometheus"); }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every non-empty document of a `---`-separated YAML file. */
    static List<JsonNode> yamlDocuments(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isMissingNode() && !d.isEmpty()) docs.add(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return docs;
    }

    /** Files directly in {@code dir} whose names end with {@code suffix}, sorted. */
    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    static List<String> strings(Iterable<Path> paths, Path relativeTo) {
        List<String> out = new ArrayList<>();
        paths.forEach(p -> out.add(relativeTo.relativize(p).toString()));
        return out;
    }
}
