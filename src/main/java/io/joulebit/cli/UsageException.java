package io.joulebit.cli;

/** A usage error: one line naming the option or parameter and what is wrong with it; exit 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
