package io.eventsaas.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret behind every signed cookie, and one key per purpose derived from it (a session cookie can never
 * pass as a CSRF token or the other way round). Every instance must share the secret, or a cookie set by one is
 * rejected by the next.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final Hmac master;

    private SigningKeys(byte[] secret) {
        this.master = new Hmac(secret);
    }

    /** From the configured secret, or a random one (with a warning) when none is configured. */
    public static SigningKeys fromSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            log.warn("gateway.session-secret (GATEWAY_SESSION_SECRET) is not set: using a random key. Sessions will "
                    + "not survive a restart and will not work across several gateway instances; set the secret in "
                    + "production.");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new SigningKeys(random);
        }
        return new SigningKeys(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A key for one purpose only, e.g. {@code "session"} or {@code "csrf"}. */
    Hmac forPurpose(String purpose) {
        return new Hmac(HexFormat.of().parseHex(master.sign(purpose + "/v1")));
    }
}
