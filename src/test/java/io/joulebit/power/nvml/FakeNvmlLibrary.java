package io.joulebit.power.nvml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The fake libnvidia-ml.so.1 of src/test/c/fake_nvml.c, compiled with gcc once per JVM (installed by
 * scripts/install-test-tools.sh), copied into a test's own directory (so each test gets its own dlopen handle and
 * state) and driven through the control file beside it.
 */
final class FakeNvmlLibrary {
    enum Variant { CURRENT, NO_TEMPERATURE_V }

    private static final Path SOURCE = Path.of("src/test/c/fake_nvml.c");
    private static final Map<Variant, Path> BUILT = new TreeMap<>();

    final Path library;
    private final Path control;
    private final Map<Integer, String> gpus = new TreeMap<>();
    private final List<String> rules = new ArrayList<>();
    private String driver = "550.54.15";

    private FakeNvmlLibrary(Path library) {
        this.library = library;
        this.control = library.resolveSibling("nvml-control");
    }

    /** A fresh copy in {@code dir} with no GPU until {@link #gpu} lines are written. */
    static FakeNvmlLibrary install(Path dir, Variant variant) throws IOException, InterruptedException {
        Path lib = dir.resolve("libnvidia-ml.so.1");
        Files.copy(built(variant), lib, StandardCopyOption.REPLACE_EXISTING);
        FakeNvmlLibrary f = new FakeNvmlLibrary(lib);
        f.write();
        return f;
    }

    static FakeNvmlLibrary install(Path dir) throws IOException, InterruptedException {
        return install(dir, Variant.CURRENT);
    }

    private static synchronized Path built(Variant v) throws IOException, InterruptedException {
        Path out = BUILT.get(v);
        if (out != null) return out;
        Path dir = Files.createDirectories(Path.of("target", "fake-nvml", v.name().toLowerCase()));
        out = dir.resolve("libnvidia-ml.so.1");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror"));
        if (v == Variant.NO_TEMPERATURE_V) cmd.add("-DNO_TEMPERATURE_V");
        cmd.addAll(List.of("-o", out.toString(), SOURCE.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("gcc failed (run scripts/install-test-tools.sh): " + cmd + "\n" + log);
        }
        BUILT.put(v, out);
        return out;
    }

    String path() { return library.toString(); }

    /** One GPU's values: "uuid=GPU-… name=NVIDIA_H100 power_mw=… energy_mj=… limit_mw=… temp=… util=… …". */
    FakeNvmlLibrary gpu(int index, String values) throws IOException {
        gpus.put(index, values);
        return write();
    }

    /** A standard GPU: 300 W, 700 W limit, 55 °C, 80 % busy, the given counter. */
    FakeNvmlLibrary h100(int index, long energyMj) throws IOException {
        return gpu(index, "uuid=GPU-" + index + "0000000-aaaa-bbbb-cccc-dddddddddddd name=NVIDIA_H100_80GB_HBM3"
                + " power_mw=300000 energy_mj=" + energyMj + " limit_mw=700000 temp=55 util=80 reasons=0x4 mig=0");
    }

    FakeNvmlLibrary driver(String version) throws IOException {
        driver = version;
        return write();
    }

    /** {@code call} (name without "nvml") on device {@code index} ("*" for all) returns {@code code}. */
    FakeNvmlLibrary fail(String call, String index, int code) throws IOException {
        rules.add("fail " + call + " " + index + " " + code);
        return write();
    }

    /** {@code call} on {@code index} waits until {@link #clearRules()}. */
    FakeNvmlLibrary block(String call, String index) throws IOException {
        rules.add("block " + call + " " + index);
        return write();
    }

    FakeNvmlLibrary clearRules() throws IOException {
        rules.clear();
        return write();
    }

    /** Replaced atomically: the library re-reads the file on every call and must never see half of it. */
    private FakeNvmlLibrary write() throws IOException {
        StringBuilder b = new StringBuilder("driver " + driver + "\ncount " + gpus.size() + "\n");
        gpus.forEach((i, v) -> b.append("gpu ").append(i).append(' ').append(v).append('\n'));
        rules.forEach(r -> b.append(r).append('\n'));
        Path tmp = control.resolveSibling("nvml-control.tmp");
        Files.writeString(tmp, b.toString());
        Files.move(tmp, control, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return this;
    }
}
