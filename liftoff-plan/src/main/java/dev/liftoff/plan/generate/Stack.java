package dev.liftoff.plan.generate;

import java.util.List;
import java.util.Objects;

/**
 * What the source tree says about how to build the app.
 *
 * @param language the language
 * @param tool the package or build tool: {@code npm}, {@code yarn}, {@code pnpm}, {@code maven}, {@code gradle},
 *     {@code pip}, {@code poetry}, {@code uv}, {@code bundler}, {@code go}
 * @param version the runtime version asked for, as the tree states it, or empty
 * @param evidence the files that decided it, for the report
 * @param workspaces Node workspace package directories (a monorepo), else empty
 */
public record Stack(Language language, String tool, String version, List<String> evidence, List<String> workspaces) {
    public Stack {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(tool, "tool");
        version = version == null ? "" : version;
        evidence = List.copyOf(evidence);
        workspaces = List.copyOf(workspaces);
    }

    @Override
    public String toString() {
        return language.key() + " (" + tool + (version.isEmpty() ? "" : ", " + version) + "; from "
                + String.join(", ", evidence) + ")";
    }
}
