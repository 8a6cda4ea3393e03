package dev.liftoff.plan;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Generator#generate} wrote.
 *
 * @param out the output directory
 * @param stack the stack the images build for, with the files that told it
 * @param files the files written, relative to {@code out}
 * @param environments the environments with a template ({@code production}, {@code staging})
 * @param notes what was assumed or needs the user's attention
 * @param awsMonthlyUsd the recommended estimate the sizes come from
 */
public record GenerateResult(
        // A plain path in --json, not Jackson's default file:// URI.
        @JsonSerialize(using = ToStringSerializer.class) Path out,
        String stack,
        List<String> files,
        List<String> environments,
        List<String> notes,
        java.math.BigDecimal awsMonthlyUsd) {
    public GenerateResult {
        files = List.copyOf(files);
        environments = List.copyOf(environments);
        notes = List.copyOf(notes);
    }
}
