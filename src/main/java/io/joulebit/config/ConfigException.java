package io.joulebit.config;

import java.util.List;

/** Every problem found in a configuration, each naming its key path. The CLI prints them one per line and exits 2. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
