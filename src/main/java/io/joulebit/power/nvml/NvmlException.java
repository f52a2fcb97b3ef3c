package io.joulebit.power.nvml;

/** An NVML call returned something other than NVML_SUCCESS (or the library/function could not be reached). */
public class NvmlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public NvmlException(int code, String message) {
        super(NvmlReturn.name(code) + (message == null || message.isEmpty() ? "" : ": " + message));
        this.code = code;
    }

    public NvmlException(int code) { this(code, ""); }

    public int code() { return code; }

    public boolean notSupported() { return code == NvmlReturn.NOT_SUPPORTED; }
}
