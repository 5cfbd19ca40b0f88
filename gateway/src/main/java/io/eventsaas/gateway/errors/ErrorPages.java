package io.eventsaas.gateway.errors;

import io.eventsaas.gateway.web.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** The friendly error page: what happened in plain words, the correlation id to quote, never a stack trace. */
final class ErrorPages {

    private ErrorPages() {
    }

    static ModelAndView page(HttpStatusCode status, String message, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("error", Map.of(
                "status", status.value(),
                "title", title(status),
                "message", message,
                "correlationId", CorrelationId.of(request)));
        page.setStatus(status);
        return page;
    }

    private static String title(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "That request did not work";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 409 -> "That clashes with something that exists";
            case 503 -> "Temporarily unavailable";
            case 504 -> "That took too long";
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield status.is5xxServerError() ? "Something went wrong"
                        : known != null ? known.getReasonPhrase() : "Error " + status.value();
            }
        };
    }
}
