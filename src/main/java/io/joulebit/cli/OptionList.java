package io.joulebit.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * A command's long options in help order, built with commons-cli: {@code value("seq-len", "N", "...")} takes one
 * value (repeatable where the command reads it with {@link Args#strings}), {@code flag} none, {@code required} one
 * that must be given (checked after --help, so help works without it).
 */
final class OptionList {
    private final Options options = new Options();

    OptionList value(String name, String label, String description) {
        options.addOption(Option.builder().longOpt(name).hasArg().argName(label).desc(description).get());
        return this;
    }

    OptionList required(String name, String label, String description) {
        options.addOption(Option.builder().longOpt(name).hasArg().argName(label).required().desc(description).get());
        return this;
    }

    OptionList flag(String name, String description) {
        options.addOption(Option.builder().longOpt(name).desc(description).get());
        return this;
    }

    Options get() {
        return options;
    }
}
