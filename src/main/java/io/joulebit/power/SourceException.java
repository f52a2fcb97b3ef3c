package io.joulebit.power;

/** A sampling attempt failed. {@link #reason()} is a short low-cardinality code used as a metric label. */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public SourceException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SourceException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** e.g. "timeout", "io", "parse", "permission", "exited". */
    public String reason() { return reason; }
}
