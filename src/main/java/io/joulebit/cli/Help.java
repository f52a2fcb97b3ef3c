package io.joulebit.cli;

import org.apache.commons.cli.Options;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TableDefinition;
import org.apache.commons.cli.help.TextHelpAppendable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * --help of the root and of each command, laid out by commons-cli's help formatter (80 columns): usage line,
 * description, the options table, then the command's footer (exit codes, an example). Loaded only for help.
 */
final class Help {
    private static final int WIDTH = 80;

    private final StringBuilder text = new StringBuilder();
    private final TextHelpAppendable page = new TextHelpAppendable(text);
    private final HelpFormatter formatter = HelpFormatter.builder().setShowSince(false).setHelpAppendable(page)
            .setComparator((a, b) -> 0).get(); // declaration order, as the commands list them

    private Help() {
        page.setMaxWidth(WIDTH);
        page.setLeftPad(0);
        page.setIndent(0);
    }

    static void print(CliCommand command, Options options, PrintWriter out) {
        Help h = new Help();
        String params = String.join(" ", command.parameters());
        h.run(() -> {
            h.page.appendParagraph("Usage: joulebit " + command.name() + " " + h.formatter.toSyntaxOptions(options)
                    + (params.isEmpty() ? "" : " " + params));
            for (String p : command.description()) h.page.appendParagraph(p);
            h.formatter.printOptions(options);
        });
        h.footer(command.footer());
        h.writeTo(out);
    }

    /** The root: its options, every command with its summary, the exit codes. */
    static void printRoot(List<Main.Verb> verbs, PrintWriter out) {
        Help h = new Help();
        Options standard = Cli.standard();
        h.run(() -> {
            h.page.appendParagraph("Usage: joulebit " + h.formatter.toSyntaxOptions(standard) + " COMMAND [OPTIONS]");
            h.page.appendParagraph(Main.DESCRIPTION);
            h.formatter.printOptions(standard);
            List<List<String>> rows = new ArrayList<>();
            for (Main.Verb v : verbs) rows.add(List.of(v.name(), v.create().get().description().get(0)));
            TableDefinition table = h.formatter.getTableDefinition(standard.getOptions());
            h.page.appendTable(TableDefinition.from("", table.columnTextStyles(), List.of("Command", "Description"), rows));
        });
        h.footer(List.of(Main.EXIT_CODES, "Run 'joulebit COMMAND --help' for a command's options."));
        h.writeTo(out);
    }

    /** Pre-formatted paragraphs (their line breaks kept), one blank line apart. */
    private void footer(List<String> paragraphs) {
        for (String p : paragraphs) {
            trimEnd();
            text.append("\n\n").append(p);
        }
    }

    private void trimEnd() {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) end--;
        text.setLength(end);
    }

    private interface Io {
        void run() throws IOException;
    }

    private void run(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
    }

    /** The formatter pads every table cell to the column width: trailing blanks are dropped. */
    private void writeTo(PrintWriter out) {
        trimEnd();
        text.toString().lines().map(String::stripTrailing).forEach(out::println);
        out.flush();
    }
}
