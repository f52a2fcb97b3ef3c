package io.joulebit.ops;

import java.nio.file.Path;

/** The promtool binary itself, for callers that need to wire stdin (e.g. `promtool check metrics`). */
public final class PromtoolPath {
    private PromtoolPath() {}

    public static Path get() { return Promtool.locate().binary(); }
}
