package io.eventsaas.gateway.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Who the browser is, until real sign-in arrives: a cookie holding the user id and the time it was issued, signed
 * with HMAC-SHA256. The gateway keeps no session state, so any instance with the same secret accepts it. A cookie
 * whose signature does not match, or that is older than the maximum age, counts as no cookie at all.
 *
 * <p>Value: {@code base64url(userId) "." issuedAtEpochSeconds "." hex(hmac)}.
 */
public final class SessionCookies {

    public static final String NAME = "eventsaas_session";

    private final Hmac hmac;
    private final Duration maxAge;
    private final Clock clock;

    public SessionCookies(SigningKeys keys, Duration maxAge, Clock clock) {
        this.hmac = keys.forPurpose("session");
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Remembers the user in this browser. */
    public void signIn(String userId, HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(valueFor(userId), maxAge, request.isSecure()).toString());
    }

    /** Forgets the user (e.g. when the user behind a cookie no longer exists). */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()).toString());
    }

    /** The signed-in user's id, or empty when there is no cookie or it is tampered with or expired. */
    public Optional<String> userId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                Optional<String> userId = userIdFrom(cookie.getValue());
                if (userId.isPresent()) {
                    return userId;
                }
            }
        }
        return Optional.empty();
    }

    String valueFor(String userId) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(userId.getBytes(StandardCharsets.UTF_8))
                + "." + clock.instant().getEpochSecond();
        return payload + "." + hmac.sign(payload);
    }

    Optional<String> userIdFrom(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, lastDot);
        if (!hmac.verify(payload, value.substring(lastDot + 1))) {
            return Optional.empty();
        }
        // The signature is ours, so the payload has the shape we wrote.
        int dot = payload.indexOf('.');
        Instant issuedAt = Instant.ofEpochSecond(Long.parseLong(payload.substring(dot + 1)));
        if (issuedAt.plus(maxAge).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getUrlDecoder().decode(payload.substring(0, dot)), StandardCharsets.UTF_8));
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
