package io.eventsaas.users.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address in its normalised form: trimmed and in lower case, so that {@code Ann@Example.org } and
 * {@code ann@example.org} are the same address and cannot both be registered.
 *
 * <p>The syntax check is deliberately plain (a dot-atom local part and a DNS host name, ASCII only): it catches
 * typing mistakes; whether the address exists only a confirmation mail can tell.
 */
public record EmailAddress(String value) {

    static final int MAX_LENGTH = 254; // RFC 5321: the longest address a mail server has to accept
    private static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final Pattern LOCAL_PART = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    public EmailAddress {
        if (value == null || !value.equals(normalise(value))) {
            throw new IllegalArgumentException("an EmailAddress holds a normalised address; use EmailAddress.parse");
        }
    }

    /** Normalises and checks an address as a user typed it. */
    public static EmailAddress parse(String raw) {
        String address = normalise(raw == null ? "" : raw);
        if (address.isEmpty()) {
            throw new InvalidValueException("is required");
        }
        if (address.length() > MAX_LENGTH) {
            throw new InvalidValueException("must be at most " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidValueException("must look like name@example.com");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.matcher(local).matches()
                || !DOMAIN.matcher(domain).matches()) {
            throw new InvalidValueException("must look like name@example.com");
        }
        return new EmailAddress(address);
    }

    /** Trimmed and in lower case: the form in which an address is claimed, stored and compared. */
    public static String normalise(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    /** The part before the '@', e.g. to stop a password that is just the user's name. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}
