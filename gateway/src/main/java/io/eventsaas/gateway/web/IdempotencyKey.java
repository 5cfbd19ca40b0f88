package io.eventsaas.gateway.web;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of a JSON request that creates something: when given, it is the command id, so a
 * client that retries after a timeout creates once. Without it every request is a new command.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    /** Printable ASCII without spaces: the key travels on into message ids and headers. */
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private IdempotencyKey() {
    }

    /** The command id for a request with this header value (null when absent); 400 for an unusable one. */
    public static String commandId(String header) {
        if (header == null) {
            return UUID.randomUUID().toString();
        }
        if (!SHAPE.matcher(header).matches()) {
            throw new InvalidRequestException("The Idempotency-Key header must be 1 to 100 printable characters.",
                    Map.of(HEADER, "must be 1 to 100 printable characters without spaces"));
        }
        return header;
    }

    /** A command id from a form's hidden field if it is one we could have made, else a new one. */
    public static String fromForm(String submitted) {
        try {
            return submitted == null ? UUID.randomUUID().toString() : UUID.fromString(submitted).toString();
        } catch (IllegalArgumentException e) {
            return UUID.randomUUID().toString();
        }
    }
}
