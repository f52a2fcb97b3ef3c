package io.joulebit.power.rapl;

/** The explanation given when energy_uj is unreadable, with fixes that actually work. */
final class RaplPermission {
    private RaplPermission() {}

    static String explain(String file) {
        return "permission denied reading " + file + ": since Linux 5.10 (backported to older stable kernels in Nov 2020) "
                + "energy_uj is readable by root only, because of CVE-2020-8694 (Platypus). Fix one of: run joulebit as root; or "
                + "grant read access with `sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj "
                + "/sys/class/powercap/intel-rapl:*:*/energy_uj` (lost at reboot; make it permanent with a udev rule "
                + "such as SUBSYSTEM==\"powercap\", ACTION==\"add\", RUN+=\"/bin/chmod o+r /sys%p/energy_uj\" or a "
                + "systemd-tmpfiles 'z' line), preferably to a dedicated group (chgrp + chmod g+r) rather than everyone; "
                + "or give the JVM CAP_DAC_READ_SEARCH. Granting read re-opens the Platypus side channel to those users.";
    }
}
