package io.eventsaas.users.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Which credentials a session was started with: the first 128 bits of the SHA-256 of the user's password hash (PHC
 * string), hex. Every {@code PasswordChanged} carries a new hash (a fresh salt, even for the same password), so the
 * stamp changes with every change and a session stamped before it no longer matches.
 *
 * <p>Why a stamp and not a purge alone: a password change (or an erasure) appends its event and then purges the
 * user's sessions; an instance that dies between the two leaves the old sessions in the bucket. With the stamp they
 * are refused anyway, by every instance, as soon as its read model has the new hash: the check costs no I/O on the
 * hot path (the read-model row authentication loads anyway holds the hash), and it needs no clock, no consumer and
 * no migration. The stamp is a digest of a salted digest: it lets nobody check a guessed password.
 */
final class CredentialsStamp {

    private static final int HEX_CHARACTERS = 32;

    private CredentialsStamp() {
    }

    /** The stamp of these credentials; empty when there are none (an erased user). */
    static String of(String passwordHash) {
        if (passwordHash == null || passwordHash.isEmpty()) {
            return "";
        }
        return SessionTokens.sha256Hex(passwordHash).substring(0, HEX_CHARACTERS);
    }

    /** Whether a session with {@code stamp} was started with these credentials (an empty stamp never matches). */
    static boolean matches(String stamp, String passwordHash) {
        String current = of(passwordHash);
        return stamp != null && !stamp.isEmpty() && !current.isEmpty()
                && MessageDigest.isEqual(stamp.getBytes(StandardCharsets.US_ASCII),
                        current.getBytes(StandardCharsets.US_ASCII));
    }
}
