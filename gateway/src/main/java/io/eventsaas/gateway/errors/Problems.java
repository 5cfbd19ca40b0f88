package io.eventsaas.gateway.errors;

import io.eventsaas.gateway.web.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details for the JSON API: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, the {@code correlationId}, and for a 400 the {@code errors} by field.
 */
final class Problems {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private Problems() {
    }

    static ResponseEntity<ProblemDetail> response(HttpStatusCode status, String detail, Map<String, String> fieldErrors,
            String path, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        // RFC 9457's "no more meaning than the status code"; written out because Spring leaves an unset type out.
        problem.setType(ABOUT_BLANK);
        instance(path).ifPresent(problem::setInstance);
        problem.setProperty("correlationId", CorrelationId.of(request));
        if (status.value() == 400) {
            problem.setProperty("errors", fieldErrors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Whether a request (or the request an error page is rendered for) belongs to the JSON API. */
    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    private static Optional<URI> instance(String path) {
        try {
            return Optional.ofNullable(path).map(URI::create);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
