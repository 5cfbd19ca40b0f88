package io.eventsaas.users.sessions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Session tokens: opaque to their holder, base64url of a format byte, the user id (16 bytes) and a secret of
 * {@value #SECRET_BYTES} random bytes. Only the SHA-256 of the secret is stored, in the key
 * {@code <user id>.<sha-256 hex>}; the user id in the token finds that key without a scan, and lets every session
 * of a user be found by prefix. The format byte 0x01 makes every token start with "A": never with "esk_", which
 * marks an API key.
 */
public final class SessionTokens {

    static final int SECRET_BYTES = 32;
    private static final byte FORMAT = 0x01;
    private static final int LENGTH = 1 + 16 + SECRET_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionTokens() {
    }

    /** A token and the key its session is stored under. */
    public record Issued(String token, String key) {

        @Override
        public String toString() {
            return "Issued[token=(hidden), key=" + key + "]";
        }
    }

    /** What a token says: whose it is, and the key its session would be stored under. */
    public record Parsed(UUID userId, String key) {
    }

    static Issued issue(UUID userId) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put(FORMAT)
                .putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits()).put(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        return new Issued(token, keyOf(userId, secret));
    }

    /** Empty for anything that is not a well-formed token (never throws: tokens come from anybody). */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() != (LENGTH * 4 + 2) / 3) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != LENGTH || bytes[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        UUID userId = new UUID(buffer.getLong(), buffer.getLong());
        byte[] secret = new byte[SECRET_BYTES];
        buffer.get(secret);
        return Optional.of(new Parsed(userId, keyOf(userId, secret)));
    }

    /** The prefix every key of a user's sessions starts with. */
    static String prefixOf(UUID userId) {
        return userId + ".";
    }

    private static String keyOf(UUID userId, byte[] secret) {
        return prefixOf(userId) + sha256Hex(secret);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
