package dev.liftoff.postgres.sync.triggers;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a row's composite text form, as {@code NEW::text} prints it in a trigger ({@code (1,"a b",,"")}), into the
 * text of each column, exactly as {@code record_in} does: an empty field is NULL, {@code ""} the empty string;
 * inside double quotes {@code ""} is a quote; a backslash escapes the next character, inside quotes or not.
 */
final class RecordText {
    private RecordText() {}

    /**
     * Splits {@code text} into column texts ({@code null} for NULL).
     *
     * @param columns how many columns the row type has ({@code ()} is one NULL column, or no column at all)
     * @throws IllegalArgumentException when it is not a composite literal of that many columns
     */
    static String[] parse(String text, int columns) {
        int end = text.length() - 1;
        if (end < 1 || text.charAt(0) != '(' || text.charAt(end) != ')') {
            throw new IllegalArgumentException("a row literal starts with '(' and ends with ')'");
        }
        if (columns == 0 && end == 1) {
            return new String[0];
        }
        List<String> out = new ArrayList<>(columns);
        StringBuilder field = new StringBuilder();
        int i = 1;
        while (true) {
            if (i == end || text.charAt(i) == ',') {
                out.add(null);
            } else {
                field.setLength(0);
                boolean quoted = false;
                while (i < end && (quoted || text.charAt(i) != ',')) {
                    char c = text.charAt(i);
                    if (c == '\\') {
                        if (i + 1 >= end) {
                            throw new IllegalArgumentException("a row literal ends inside an escape");
                        }
                        field.append(text.charAt(i + 1));
                        i += 2;
                    } else if (c == '"') {
                        if (quoted && i + 1 < end && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            quoted = !quoted;
                            i++;
                        }
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                if (quoted) {
                    throw new IllegalArgumentException("a row literal ends inside quotes");
                }
                out.add(field.toString());
            }
            if (i == end) {
                break;
            }
            i++; // past the comma: another field follows
        }
        if (out.size() != columns) {
            throw new IllegalArgumentException("the row has " + out.size() + " columns, the table " + columns);
        }
        return out.toArray(String[]::new);
    }
}
