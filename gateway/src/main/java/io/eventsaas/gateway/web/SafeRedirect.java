package io.eventsaas.gateway.web;

/**
 * Where to go after signing in or up ({@code ?next=}): only a path on this site, so a link cannot send someone who
 * just signed in to another site ("open redirect").
 */
public final class SafeRedirect {

    private SafeRedirect() {
    }

    /** {@code next} when it is a local path, else {@code fallback}. */
    public static String localPath(String next, String fallback) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            return fallback;
        }
        return next;
    }
}
