package io.eventsaas.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser's session: the cookie {@value #NAME} holds the session token user-service issued (at sign-in or
 * sign-up), nothing else. The gateway keeps no session state and signs nothing here: user-service knows every
 * token (the {@code sessions} bucket) and the {@link Authenticator} asks it on each request, so any instance serves
 * any browser, and signing out or a password change ends the session everywhere at once.
 *
 * <p>HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site form posts), Secure when the request came
 * over HTTPS, and it expires with the session.
 */
public final class SessionCookies {

    public static final String NAME = "eventsaas_session";

    private final Duration fallbackMaxAge;
    private final Clock clock;

    /**
     * @param fallbackMaxAge how long the cookie lives when user-service names no expiry (it always should)
     */
    public SessionCookies(Duration fallbackMaxAge, Clock clock) {
        this.fallbackMaxAge = fallbackMaxAge;
        this.clock = clock;
    }

    /** Keeps the session token in this browser until the session expires. */
    public void set(String sessionToken, Instant expiresAt, HttpServletRequest request, HttpServletResponse response) {
        Duration maxAge = expiresAt == null ? fallbackMaxAge : Duration.between(clock.instant(), expiresAt);
        if (maxAge.isNegative() || maxAge.isZero()) {
            clear(request, response);
            return;
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(sessionToken, maxAge, request.isSecure()).toString());
    }

    /** Forgets the session in this browser (signed out, or the token is no longer valid). */
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()).toString());
    }

    private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
