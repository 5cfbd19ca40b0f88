package io.eventsaas.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that follows one request from the browser through the RPC into every event it causes. A caller may bring
 * its own ({@code X-Correlation-Id}); anything that does not look like an id is replaced, so a header cannot
 * smuggle text into logs and events.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    static final String ATTRIBUTE = CorrelationId.class.getName();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private CorrelationId() {
    }

    /** The request's correlation id (set by {@link CorrelationIdFilter} before any controller runs). */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String text ? text : "none";
    }

    static String acceptOrGenerate(String offered) {
        return offered != null && VALID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
