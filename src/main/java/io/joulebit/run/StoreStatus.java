package io.joulebit.run;

/** The run store as exported: absent when the store is disabled. */
public record StoreStatus(boolean up, long writeErrors, long droppedRows) {
}
