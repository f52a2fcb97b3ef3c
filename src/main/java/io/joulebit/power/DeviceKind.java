package io.joulebit.power;

import java.util.Locale;

/** What a measured device is; rendered as the `kind` label (gpu|cpu|dram|system). */
public enum DeviceKind {
    GPU, CPU, DRAM, SYSTEM;

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
