package dev.liftoff.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Commands:" list of every {@code --help}: each subcommand with the first sentence of its description, wrapped
 * under itself. picocli's own list shows the first source line of a description, which cuts the many descriptions
 * that open with a sentence longer than one line in the middle of a word.
 */
final class CommandSummaries {
    private CommandSummaries() {}

    /** Installs the list on {@code command} and all its subcommands. */
    static void install(CommandLine command) {
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandSummaries::render);
        command.getSubcommands().values().forEach(CommandSummaries::install);
    }

    static String render(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int nameWidth =
                subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int room = Math.max(30, help.commandSpec().usageMessage().width() - 2 - nameWidth);
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        subcommands.forEach((name, sub) -> {
            String summary = firstSentence(sub.commandSpec().usageMessage());
            List<String> lines = wrap(summary, room);
            if (lines.size() > 2) {
                // A long opening sentence that goes on to a list ("...: a, b, c"): its head is the summary.
                int colon = summary.indexOf(": ");
                if (colon > 0) {
                    lines = wrap(summary.substring(0, colon) + ".", room);
                }
            }
            out.append("  ")
                    .append(pad(name, nameWidth))
                    .append(lines.isEmpty() ? "" : lines.get(0))
                    .append(nl);
            for (int i = 1; i < lines.size(); i++) {
                out.append(" ".repeat(2 + nameWidth)).append(lines.get(i)).append(nl);
            }
        });
        return out.toString();
    }

    /** The header's or description's first sentence, with picocli's format escapes resolved. */
    static String firstSentence(UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        String text = String.join(" ", lines)
                .replace("%n", " ")
                .replace("%%", "%")
                .replaceAll("\\s+", " ")
                .strip();
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String pad(String name, int width) {
        return name + " ".repeat(Math.max(1, width - name.length()));
    }
}
