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

    /**
     * Masks the password of one URL as a user typed it, even a malformed one (a password with spaces or an
     * unencoded {@code /} or {@code @}): everything after the first {@code :} of the user info, up to the last
     * {@code @}, is the password.
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return maskUserInfo(url);
        }
        int colon = url.indexOf(':', scheme + 3);
        if (colon < 0 || colon > at) {
            return maskUserInfo(url);
        }
        return maskUserInfo(url.substring(0, colon + 1) + MASK + url.substring(at));
    }

    static String maskParam(String pair) {
        return PASSWORD_PARAM.matcher(pair).replaceAll("$1" + MASK);
    }
}
