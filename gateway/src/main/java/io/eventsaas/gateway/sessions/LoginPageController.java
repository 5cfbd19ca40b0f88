package io.eventsaas.gateway.sessions;

import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.security.Authenticator;
import io.eventsaas.gateway.security.SessionCookies;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.users.SessionToken;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.SafeRedirect;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Signing in and out in the browser. {@code /login} asks user-service for a session and keeps its token in the
 * session cookie, then goes on to {@code ?next=} (a local path only) or {@code /app}; {@code POST /logout} ends the
 * session in user-service and clears the cookie. Both forms carry the CSRF token.
 */
@Controller
class LoginPageController {

    private final UsersClient users;
    private final SessionCookies sessions;
    private final Authenticator authenticator;

    LoginPageController(UsersClient users, SessionCookies sessions, Authenticator authenticator) {
        this.users = users;
        this.sessions = sessions;
        this.authenticator = authenticator;
    }

    @GetMapping("/login")
    ModelAndView form(@RequestParam(required = false) String next, HttpServletRequest request,
            HttpServletResponse response) {
        String target = SafeRedirect.localPath(next, "");
        if (signedIn(request).isPresent()) {
            return new ModelAndView("redirect:" + (target.isEmpty() ? "/app" : target));
        }
        if (Authenticator.sessionCookie(request) != null) {
            sessions.clear(request, response); // ended or expired: no use sending it again
        }
        return page("", target, Map.of(), null, HttpStatus.OK);
    }

    @PostMapping("/login")
    ModelAndView signIn(@RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response) {
        String target = SafeRedirect.localPath(next, "");
        try {
            SessionToken session = users.startSession(email, password, request.getHeader(HttpHeaders.USER_AGENT),
                    CorrelationId.of(request));
            sessions.set(session.token(), session.expiresAt(), request, response);
            return new ModelAndView("redirect:" + (target.isEmpty() ? "/app" : target));
        } catch (RpcException e) {
            HttpStatus status = UpstreamErrors.status(e.status());
            if (e.status() == RpcStatus.BAD_REQUEST && !e.fieldErrors().isEmpty()) {
                return page(email, target, e.fieldErrors(), null, status);
            }
            ModelAndView page = page(email, target, Map.of(), UpstreamErrors.detail(e), status);
            UpstreamErrors.retryAfterSeconds(e).ifPresent(seconds ->
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            return page;
        }
    }

    @PostMapping("/logout")
    ModelAndView signOut(HttpServletRequest request, HttpServletResponse response) {
        signedIn(request).filter(who -> who.sessionToken() != null).ifPresent(who -> {
            try {
                users.endSession(who, CorrelationId.of(request));
            } catch (RpcException e) {
                if (e.status() != RpcStatus.UNAUTHORIZED) {
                    throw e; // the session may still be valid: say so rather than pretend it ended
                }
            }
        });
        sessions.clear(request, response);
        Authenticator.forget(request);
        return new ModelAndView("redirect:/");
    }

    private Optional<SignedIn> signedIn(HttpServletRequest request) {
        return authenticator.current(request);
    }

    private static ModelAndView page(String email, String next, Map<String, String> errors, String formError,
            HttpStatus status) {
        ModelAndView page = new ModelAndView("login");
        page.addObject("email", email);
        page.addObject("next", next);
        page.addObject("errors", errors);
        page.addObject("formError", formError);
        page.setStatus(status);
        return page;
    }
}
