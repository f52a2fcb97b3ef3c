package io.joulebit.config;

/** A listen address such as 127.0.0.1:9877, [::1]:9877 or :9877 (all interfaces). */
public record HostPort(String host, int port) {
    public static HostPort parse(String s) {
        if (s == null) return null;
        int colon = s.lastIndexOf(':');
        if (colon < 0) return null;
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty()) host = "0.0.0.0";
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            return port < 0 || port > 65535 ? null : new HostPort(host, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
