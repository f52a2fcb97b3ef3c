package io.joulebit.power;

/** A sampling attempt failed. {@link #reason()} is a short low-cardinality code used as a metric label. */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private boolean counted;

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

    /**
     * Says that the source already counted this failure in its own health (each failed device read), so the sampler
     * logs it and marks the source down but does not count it a second time.
     */
    public SourceException counted() {
        counted = true;
        return this;
    }

    public boolean isCounted() { return counted; }
}
