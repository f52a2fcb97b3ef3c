package io.joulebit.cli;
final class RunIdText {
    private RunIdText() {}
    static String generate(String prefix) {
        return prefix + "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
    }
}
