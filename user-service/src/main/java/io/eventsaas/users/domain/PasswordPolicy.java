package io.eventsaas.users.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be before it is hashed: long enough to resist guessing (length beats composition rules,
 * as NIST SP 800-63B says) and not one of the few passwords everybody tries first.
 */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128; // a bound on the hashing work one request can ask for

    private static final Set<String> COMMON = Set.of(
            "password12", "password123", "password1234", "passw0rd123", "qwertyuiop", "qwertyuiop1",
            "1q2w3e4r5t", "1qaz2wsx3edc", "iloveyou12", "letmein123", "welcome123", "administrator",
            "changeme123", "trustno1234", "asdfghjkl1", "zxcvbnm123", "1234567890", "0987654321", "12345678910");

    private PasswordPolicy() {
    }

    /** Why this password is refused, or empty when it is acceptable. Never echoes the password. */
    public static Optional<String> problemWith(String password, String emailAddress) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (password.codePoints().distinct().count() == 1) {
            return Optional.of("must not repeat one character");
        }
        if (isRun(password)) {
            return Optional.of("must not be a run of consecutive characters like 1234567890");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("is too common; choose another");
        }
        if (emailAddress != null && !emailAddress.isBlank()) {
            String email = EmailAddress.normalise(emailAddress);
            int at = email.lastIndexOf('@');
            if (lower.equals(email) || at > 0 && lower.equals(email.substring(0, at))) {
                return Optional.of("must not be your e-mail address");
            }
        }
        return Optional.empty();
    }

    /** Each character one above (or one below) the one before: abcdefghij, 9876543210. */
    private static boolean isRun(String password) {
        int[] cps = password.codePoints().toArray();
        int step = cps[1] - cps[0];
        if (step != 1 && step != -1) {
            return false;
        }
        for (int i = 2; i < cps.length; i++) {
            if (cps[i] - cps[i - 1] != step) {
                return false;
            }
        }
        return true;
    }
}
