package io.eventsaas.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings, checked at start-up so a bad value stops it with one clear line.
 *
 * @param sessionSecret  key for the signed cookies ({@code GATEWAY_SESSION_SECRET}); every instance needs the same
 *                       one. Empty: a random key per start (sessions then survive neither a restart nor a second
 *                       instance, which is fine on a laptop and wrong in production).
 * @param sessionMaxAge  how long a session cookie is honoured after sign-up
 * @param maxRequestBody the largest request body accepted; larger ones are refused before they are read
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("") String sessionSecret,
        @DefaultValue("7d") Duration sessionMaxAge,
        @DefaultValue("64KB") DataSize maxRequestBody) {

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
        if (maxRequestBody == null || maxRequestBody.toBytes() < 1024) {
            throw new IllegalArgumentException("gateway.max-request-body must be at least 1KB, not " + maxRequestBody);
        }
    }
}
