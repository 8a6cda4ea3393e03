package dev.liftoff.core.progress;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard error goes to a person at a terminal. */
public final class Terminal {
    private Terminal() {}

    /**
     * True when the process has an interactive console. JDK 22 and later return a console even for redirected
     * output and say whether it is a terminal with {@code Console.isTerminal()}; this build targets Java 21, so that
     * method is looked up reflectively.
     */
    public static boolean isInteractive() {
        if (System.getenv("CI") != null) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
