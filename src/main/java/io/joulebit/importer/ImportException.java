package io.joulebit.importer;

/** An import that cannot be done as asked: the message names what is wrong and where; nothing has been written. */
public final class ImportException extends Exception {
    private final int exitCode;

    public ImportException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ImportException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** 2 for what the user can fix (bad selector, empty window, unknown log, unreachable server), 1 otherwise. */
    public int exitCode() { return exitCode; }
}
