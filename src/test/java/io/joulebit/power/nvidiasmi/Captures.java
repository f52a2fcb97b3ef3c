package io.joulebit.power.nvidiasmi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test access to the nvidia-smi captures and the fake nvidia-smi script. */
final class Captures {
    private Captures() {}

    static Path resource(String name) {
        try {
            return Path.of(Captures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    static Path capture(String file) { return resource("/captures/nvidia-smi/" + file); }

    static Path fakeScript() { return resource("/fake-nvidia-smi/fake-nvidia-smi.sh"); }

    /** The column list of a capture's "# fields:" line. */
    static List<String> fields(Path capture) {
        String first = lines(capture).get(0);
        return Arrays.asList(first.replaceFirst("^# fields:\\s*", "").split(",\\s*"));
    }

    /** The rows of the capture's first frame. */
    static List<String> firstFrame(Path capture) {
        List<String> out = new ArrayList<>();
        for (String line : lines(capture)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!out.isEmpty()) {
                    break;
                }
                continue;
            }
            out.add(line);
        }
        return out;
    }

    /** argv prefix: sh fake-nvidia-smi.sh --capture FILE [knobs...] */
    static List<String> fakeCommand(String captureFile, String... knobs) {
        List<String> argv = new ArrayList<>(List.of("sh", fakeScript().toString(), "--capture",
                capture(captureFile).toString()));
        argv.addAll(List.of(knobs));
        return argv;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
