package dev.liftoff.plan.generate;

import java.util.Locale;

/** The app stacks liftoff builds images for ({@code --stack}). */
public enum Language {
    NODE,
    JAVA,
    PYTHON,
    RUBY,
    GO;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
