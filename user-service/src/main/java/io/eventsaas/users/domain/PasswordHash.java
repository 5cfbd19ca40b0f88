package io.eventsaas.users.domain;

/**
 * A password hash in PHC string format (Argon2id). Only the hash is kept and published, never the password; its
 * {@code toString} hides it all the same, so that logging an event or a command leaks nothing to crack offline.
 */
public record PasswordHash(String value) {

    public PasswordHash {
        if (value == null || !value.startsWith("$")) {
            throw new IllegalArgumentException("a password hash is a PHC string such as $argon2id$...");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
