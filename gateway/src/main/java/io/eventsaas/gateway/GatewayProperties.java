package io.eventsaas.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings, checked at start-up so a bad value stops it with one clear line.
 *
 * @param sessionSecret  key for the signed CSRF cookies ({@code GATEWAY_SESSION_SECRET}); every instance needs the
 *                       same one. Empty: a random key per start (an open form then fails once after a restart or on
 *                       a second instance, which is fine on a laptop and wrong in production).
 * @param sessionMaxAge  how long the session cookie lives when user-service names no expiry for the session
 * @param maxRequestBody the largest request body accepted; larger ones are refused before they are read
 * @param publicUrl      the address people reach this installation at ({@code GATEWAY_PUBLIC_URL}, e.g.
 *                       {@code https://app.example.com}): invitation links start with it. Empty: the address of the
 *                       request that created the link.
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("") String sessionSecret,
        @DefaultValue("7d") Duration sessionMaxAge,
        @DefaultValue("64KB") DataSize maxRequestBody,
        @DefaultValue("") String publicUrl) {

    /** HMAC-SHA256 keys shorter than its block output add no strength and hint at a placeholder value. */
    static final int MIN_SECRET_LENGTH = 32;

    public GatewayProperties {
        sessionSecret = sessionSecret == null ? "" : sessionSecret.strip();
        if (!sessionSecret.isEmpty() && sessionSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("gateway.session-secret (GATEWAY_SESSION_SECRET) must be at least "
                    + MIN_SECRET_LENGTH + " characters long, not " + sessionSecret.length());
        }
        if (sessionMaxAge == null || sessionMaxAge.isNegative() || sessionMaxAge.isZero()) {
            throw new IllegalArgumentException("gateway.session-max-age must be positive, not " + sessionMaxAge);
        }
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new IllegalArgumentException("gateway.public-url (GATEWAY_PUBLIC_URL) must be an http(s) address "
                    + "such as https://app.example.com, not " + publicUrl);
        }
        if (maxRequestBody == null || maxRequestBody.toBytes() < 1024) {
            throw new IllegalArgumentException("gateway.max-request-body must be at least 1KB, not " + maxRequestBody);
        }
    }
}
