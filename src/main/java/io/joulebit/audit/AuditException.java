package io.joulebit.audit;

/** Why an audit could not be written, with the exit code the CLI returns (1 runtime failure, 2 usage error). */
public final class AuditException extends Exception {
    private final int exitCode;

    public AuditException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public AuditException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
