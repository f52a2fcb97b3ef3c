package io.joulebit.cli;

import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** `joulebit validate-config FILE`: checks a config without running anything. */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = "Check an agent config file: prints every problem with its key path (exit 2), or ok (exit 0).")
public final class ValidateConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "YAML config to check.")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isReadable(file)) {
            spec.commandLine().getErr().println(file + ": cannot read the file");
            return 2;
        }
        try {
            ConfigLoader.load(file, Map.of());
            spec.commandLine().getOut().println(file + ": ok");
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(spec.commandLine().getErr()::println);
            return 2;
        }
    }
}
