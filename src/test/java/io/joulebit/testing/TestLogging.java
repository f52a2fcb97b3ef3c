package io.joulebit.testing;

/**
 * The test classpath holds two SLF4J providers: logback, which the tests' own JVM uses (surefire and failsafe name it,
 * so LogCapture can hold events), and slf4j-simple, the CLI's. A child JVM started on that classpath names the CLI's,
 * as agent/joulebit does, so it logs as a deployed sidecar does and SLF4J does not warn about the choice.
 */
public final class TestLogging {
    public static final String CLI_PROVIDER = "org.slf4j.simple.SimpleServiceProvider";

    private TestLogging() {}
}
