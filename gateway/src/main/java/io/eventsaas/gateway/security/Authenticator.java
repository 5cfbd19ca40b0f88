package io.eventsaas.gateway.security;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.AuthenticateApiKey;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Finds out who makes a request by asking user-service, which owns sessions and API keys: the gateway keeps no
 * session state, so any instance serves any request. Credentials, in this order: an {@code Authorization: Bearer}
 * header (an API key when it starts with {@value #API_KEY_PREFIX}, else a session token), then, for pages only, the
 * session cookie. The JSON API never reads the cookie: a browser sends cookies on its own, so an API that honoured them
 * would need CSRF protection as well; a bearer token cannot be sent by another site. The answer is remembered for the
 * rest of the request.
 */
public final class Authenticator {

    /** Every API key starts with this, which is how a bearer credential is told apart from a session token. */
    public static final String API_KEY_PREFIX = "esk_";
    private static final String ATTRIBUTE = Authenticator.class.getName() + ".signedIn";
    private static final String BEARER = "Bearer ";

    private final RpcClient rpc;

    public Authenticator(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** Who makes the request, or empty when nobody is signed in (no credentials, or ones user-service refuses). */
    public Optional<SignedIn> current(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof Lookup lookup) {
            return Optional.ofNullable(lookup.signedIn());
        }
        SignedIn signedIn = authenticate(request);
        request.setAttribute(ATTRIBUTE, new Lookup(signedIn));
        return Optional.ofNullable(signedIn);
    }

    /** Who makes the request; {@link NotSignedInException} when nobody is. */
    public SignedIn require(HttpServletRequest request) {
        return current(request).orElseThrow(() -> new NotSignedInException("sign in, or send a valid bearer token"));
    }

    /** Forgets what this request found out (after signing in or out within it). */
    public static void forget(HttpServletRequest request) {
        request.removeAttribute(ATTRIBUTE);
    }

    private SignedIn authenticate(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            String token = header.substring(BEARER.length()).trim();
            return token.startsWith(API_KEY_PREFIX) ? apiKey(token, request) : session(token, request);
        }
        if (isApi(request)) {
            return null;
        }
        String cookie = sessionCookie(request);
        return cookie == null ? null : session(cookie, request);
    }

    private SignedIn session(String token, HttpServletRequest request) {
        if (token.isEmpty()) {
            return null;
        }
        AuthenticateSession query = AuthenticateSession.newBuilder().setSessionToken(token).build();
        return ask(() -> rpc.call(Endpoints.AUTHENTICATE_SESSION, query, Authentication.parser(),
                CorrelationId.of(request)), token);
    }

    private SignedIn apiKey(String key, HttpServletRequest request) {
        AuthenticateApiKey query = AuthenticateApiKey.newBuilder().setApiKey(key).build();
        return ask(() -> rpc.call(Endpoints.AUTHENTICATE_API_KEY, query, Authentication.parser(),
                CorrelationId.of(request)), null);
    }

    private static SignedIn ask(java.util.function.Supplier<Authentication> call, String sessionToken) {
        try {
            Authentication answer = call.get();
            return new SignedIn(answer.getCaller(), answer.getDisplayName(), answer.getEmail(), sessionToken);
        } catch (RpcException e) {
            if (e.status() == RpcStatus.UNAUTHORIZED || e.status() == RpcStatus.BAD_REQUEST) {
                return null;
            }
            throw e; // 503/504: the error page says user-service is unavailable, rather than "sign in"
        }
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** The session token in the browser's cookie, or null. */
    public static String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (SessionCookies.NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** What was found, null included, so that a request asks user-service once. */
    private record Lookup(SignedIn signedIn) {
    }
}
