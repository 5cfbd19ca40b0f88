package io.eventsaas.gateway.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a state-changing page request (POST, PUT, PATCH, DELETE) without a valid CSRF token with 403, before the
 * controller runs, so nothing is forwarded. Registered for the pages only: the JSON API authenticates nothing by
 * cookie, so a forged cross-site request gains nothing there.
 */
public final class CsrfInterceptor implements HandlerInterceptor {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final CsrfTokens tokens;

    public CsrfInterceptor(CsrfTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        // Only the client's own request: the error page rendered for a refused POST is still a POST.
        if (request.getDispatcherType() != DispatcherType.REQUEST
                || SAFE_METHODS.contains(request.getMethod()) || tokens.isValid(request)) {
            return true;
        }
        response.sendError(HttpStatus.FORBIDDEN.value(),
                "The form has expired or did not come from this site. Reload the page and try again.");
        return false;
    }
}
