package io.eventsaas.gateway.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Protects forms against cross-site request forgery with a signed double-submit cookie (no server-side state, so
 * it works across instances): the page puts the token in a cookie and in a hidden field; a POST is accepted only
 * when both are present, equal, and signed by us. Another site can make the browser send the cookie but cannot
 * read it to fill in the field, and cannot plant a cookie of its own because it cannot sign one.
 */
public final class CsrfTokens {

    public static final String COOKIE = "eventsaas_csrf";
    /** The name of the hidden form field. */
    public static final String FIELD = "_csrf";
    private static final String ISSUED = CsrfTokens.class.getName() + ".issued";

    private final Hmac hmac;
    private final SecureRandom random = new SecureRandom();

    public CsrfTokens(SigningKeys keys) {
        this.hmac = keys.forPurpose("csrf");
    }

    /** The token to put in a form: the browser's current one, or a new one set as a cookie on the response. */
    public String tokenFor(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ISSUED) instanceof String issued) {
            return issued; // one token per response, however many forms ask
        }
        Optional<String> existing = validCookie(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String token = HexFormat.of().formatHex(nonce);
        token = token + "." + hmac.sign(token);
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, token)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .build()
                .toString());
        request.setAttribute(ISSUED, token);
        return token;
    }

    /** Whether a state-changing request carries a form field that matches its signed cookie. */
    public boolean isValid(HttpServletRequest request) {
        String submitted = request.getParameter(FIELD);
        return submitted != null && validCookie(request)
                .map(cookie -> MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                        submitted.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private Optional<String> validCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && isSigned(cookie.getValue())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private boolean isSigned(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        return dot > 0 && hmac.verify(token.substring(0, dot), token.substring(dot + 1));
    }
}
