package io.joulebit.cli;

/** The live page's address as a user can open it: a wildcard listen address becomes localhost, IPv6 gets brackets. */
final class PageUrl {
    private PageUrl() {}

    static String of(boolean tls, String host, int port) {
        String h = host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
                ? "localhost" : host;
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) h = "[" + h + "]";
        return (tls ? "https" : "http") + "://" + h + ":" + port + "/";
    }
}
