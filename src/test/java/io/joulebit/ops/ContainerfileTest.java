package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** agent/Containerfile, checked statically (no container runtime here): what it copies, runs as, exposes and runs. */
class ContainerfileTest {
    private static final Path ROOT = OpsFiles.root();

    record Instruction(String op, String args) {}

    private final List<Instruction> file = parse(ROOT.resolve("agent/Containerfile"));

    @Test
    void basedOnTemurin17JreAndRunsAsNonRoot() {
        assertThat(args("FROM")).containsExactly("eclipse-temurin:17-jre");
        assertThat(args("USER")).singleElement().satisfies(u -> assertThat(u.split(":")[0]).isNotIn("root", "0"));
        assertThat(args("EXPOSE")).containsExactly("9877");
    }

    @Test
    void copiesTheJarBesideItsLibDirectoryAndRunsThatJar() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom).contains("<finalName>joulebit</finalName>").contains("<classpathPrefix>lib/</classpathPrefix>");
        String jar = copyDestination("target/joulebit.jar");
        String lib = copyDestination("target/lib/");
        assertThat(lib).isIn(Path.of(jar).getParent() + "/lib/", Path.of(jar).getParent() + "/lib");

        JsonNode entry = OpsFiles.JSON.readTree(args("ENTRYPOINT").get(0));
        assertThat(entry.isArray()).as("exec form, so signals reach the JVM").isTrue();
        List<String> argv = new ArrayList<>();
        entry.forEach(a -> argv.add(a.asText()));
        assertThat(argv.get(0)).isEqualTo("java");
        assertThat(argv.get(argv.indexOf("-jar") + 1)).isEqualTo(jar);
        // The launcher's options for `run`, so the image measures like bench/sidecar.sh.
        String launcher = Files.readString(ROOT.resolve("agent/joulebit"));
        for (String opt : List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xms8m",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:CICompilerCount=1",
                "-XX:ReservedCodeCacheSize=16m", "-XX:TrimNativeHeapInterval=5000", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=CompileThresholdScaling,io.joulebit.*::*,0.1",
                "-XX:CompileCommand=CompileThresholdScaling,io.prometheus.*::*,0.1",
                "-XX:CompileCommand=CompileThresholdScaling,sun.net.httpserver.*::*,0.1",
                "-XX:AsyncDeflationInterval=10000",
                "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider")) {
            assertThat(launcher).contains(opt);
            assertThat(argv).contains(opt);
        }

        // The native libraries load in place from the build's unpacked copies, through a link to the image's arch.
        String natives = copyDestination("target/native/");
        assertThat(args("RUN")).anyMatch(r -> r.contains("ln -s") && r.contains(natives) && r.contains("$(uname -m)")
                && r.endsWith(natives + "this"));
        assertThat(argv).contains("-Dorg.sqlite.lib.path=" + natives + "this", "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
                "-Djna.boot.library.path=" + natives + "this");

        JsonNode cmd = OpsFiles.JSON.readTree(args("CMD").get(0));
        assertThat(cmd.get(0).asText()).isEqualTo("run");
    }

    private String copyDestination(String source) {
        return file.stream().filter(i -> i.op().equals("COPY")).map(i -> i.args().split("\\s+"))
                .filter(a -> a.length == 2 && a[0].equals(source)).map(a -> a[1]).findFirst()
                .orElseThrow(() -> new AssertionError("no COPY " + source));
    }

    private List<String> args(String op) {
        return file.stream().filter(i -> i.op().equals(op)).map(Instruction::args).toList();
    }

    /** Instructions with continuation lines joined and comments dropped. */
    static List<Instruction> parse(Path path) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        try {
            for (String raw : Files.readAllLines(path)) {
                String l = raw.strip();
                if (l.startsWith("#") || (l.isEmpty() && cur.isEmpty())) continue;
                boolean more = l.endsWith("\\");
                cur.append(more ? l.substring(0, l.length() - 1) : l).append(' ');
                if (more) continue;
                String s = cur.toString().strip();
                cur.setLength(0);
                if (s.isEmpty()) continue;
                int sp = s.indexOf(' ');
                out.add(new Instruction(s.substring(0, sp).toUpperCase(), s.substring(sp + 1).strip()));
            }
        } catch (IOException e) {
            throw new AssertionError(path + ": " + e, e);
        }
        return out;
    }
}
