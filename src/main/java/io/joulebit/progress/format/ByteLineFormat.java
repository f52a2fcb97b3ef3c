package io.joulebit.progress.format;

/**
 * A format that reads a raw line straight into a reusable {@link StepRecord}: the allocation-free path replay-log
 * takes. It must classify a line exactly as {@link StepFormat#read} does, and, like it, never throw.
 */
interface ByteLineFormat {
    /**
     * Reads bytes [off, off + len) of {@code b}: a line holding no '\r' or ESC and no longer than the format's
     * {@code maxLineChars}. When the result is PARSED, {@code rec} holds the line's one event.
     */
    LineKind readBytes(byte[] b, int off, int len, StepRecord rec);
}
