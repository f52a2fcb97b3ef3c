package io.joulebit.store;

/** A read from the store failed (the file is missing, unreadable or not a joulebit store). */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
