package io.eventsaas.gateway.errors;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * How a failed RPC looks over HTTP. The service's status codes are HTTP's, so a refusal (400 to 429) passes
 * through with the service's message, which is written for the caller. A failure of the service or of the path
 * to it becomes 502, 503 or 504 with a message of our own: its internals stay in the log.
 */
public final class UpstreamErrors {

    private static final Pattern TRY_AGAIN_AFTER = Pattern.compile(
            "try again after (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?Z)");
    private static final List<String> RETRY_AFTER_FIELDS = List.of("retry_after_seconds", "retryAfterSeconds",
            "retry_after", "retryAfter");

    private UpstreamErrors() {
    }

    public static HttpStatus status(RpcStatus status) {
        return switch (status) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case INTERNAL -> HttpStatus.BAD_GATEWAY;
        };
    }

    /** What the client may read about the failure. */
    public static String detail(RpcException e) {
        return switch (e.status()) {
            case BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, GONE, TOO_MANY_REQUESTS -> e.getMessage();
            case UNAVAILABLE -> "The service that handles this request is not available right now. Try again shortly.";
            case TIMEOUT -> "The service that handles this request did not answer in time. It may still complete: "
                    + "retry with the same idempotency key to find out without doing it twice.";
            case INTERNAL -> "The service that handles this request failed.";
        };
    }

    /**
     * For a 429: how many seconds until the service takes the request again, when it says so: either in the error's
     * details, as a field {@code retry_after_seconds} holding a whole number, or in its message, as
     * "try again after <ISO-8601 instant>" (user-service's sign-in limit). The gateway passes it on as
     * {@code Retry-After}.
     */
    public static Optional<Long> retryAfterSeconds(RpcException e) {
        return retryAfterSeconds(e, Instant.now());
    }

    static Optional<Long> retryAfterSeconds(RpcException e, Instant now) {
        if (e.status() != RpcStatus.TOO_MANY_REQUESTS) {
            return Optional.empty();
        }
        for (String field : RETRY_AFTER_FIELDS) {
            String value = e.fieldErrors().get(field);
            if (value != null && value.strip().matches("\\d{1,9}")) {
                return Optional.of(Long.parseLong(value.strip()));
            }
        }
        Matcher after = TRY_AGAIN_AFTER.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (after.find()) {
            try {
                long millis = Duration.between(now, Instant.parse(after.group(1))).toMillis();
                return Optional.of(Math.max(1, (millis + 999) / 1000));
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public static boolean isServerSide(RpcException e) {
        return status(e.status()).is5xxServerError();
    }
}
