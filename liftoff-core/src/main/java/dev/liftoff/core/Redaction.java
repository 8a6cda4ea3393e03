package dev.liftoff.core;

import java.util.regex.Pattern;

/** Masks secrets in text that may reach a terminal, a log or a report. */
public final class Redaction {
    /** What a masked secret looks like. */
    public static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)([^:/@\\s]*):([^@\\s]*)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s]*");

    private Redaction() {}

    /**
     * Masks the password in every {@code scheme://user:password@} and {@code password=} occurrence of a text, such as
     * an error message from a driver that echoes its URL.
     */
    public static String maskUserInfo(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1:" + MASK + "@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1" + MASK);
    }

    static String maskParam(String pair) {
        return PASSWORD_PARAM.matcher(pair).replaceAll("$1" + MASK);
    }
}
