package dev.liftoff.loadtest.scenario;

import java.util.List;
import java.util.Objects;

/**
 * Rows of values (a JMeter CSV Data Set) handed out one per session, in order and recycled: session {@code n} gets
 * row {@code n mod rows}.
 *
 * @param source the CSV file
 * @param firstLineIsHeader the file's first line names the columns and is not data
 */
public record DataSet(String source, List<String> variables, List<List<String>> rows, boolean firstLineIsHeader) {
    public DataSet {
        Objects.requireNonNull(source, "source");
        variables = List.copyOf(variables);
        rows = rows.stream().map(List::copyOf).toList();
        if (variables.isEmpty()) {
            throw new IllegalArgumentException(source + ": a data set needs variable names");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": a data set needs at least one row");
        }
    }
}
