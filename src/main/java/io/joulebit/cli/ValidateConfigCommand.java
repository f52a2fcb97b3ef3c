package io.joulebit.cli;

import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** `joulebit validate-config FILE`: checks a config without running anything. */
public final class ValidateConfigCommand implements CliCommand {
    @Override
    public String name() {
        return "validate-config";
    }

    @Override
    public List<String> description() {
        return List.of("Check an agent config file: prints every problem with its key path (exit 2), or ok (exit 0).");
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public List<String> parameters() {
        return List.of("FILE");
    }

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) {
        Path file = a.pathParameter(0, "FILE");
        if (!Files.isReadable(file)) {
            err.println(file + ": cannot read the file");
            return 2;
        }
        try {
            ConfigLoader.load(file, Map.of());
            out.println(file + ": ok");
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return 2;
        }
    }
}
