package io.eventsaas.users.domain;

import java.util.Locale;
import java.util.Optional;

/** A member's (or an API key's) role in an organisation: owner > admin > member. */
public enum OrganizationRole {
    MEMBER, ADMIN, OWNER;

    /** The name on the wire and in the read model: "owner", "admin" or "member". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrganizationRole> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "owner" -> Optional.of(OWNER);
            case "admin" -> Optional.of(ADMIN);
            case "member" -> Optional.of(MEMBER);
            default -> Optional.empty();
        };
    }

    /** Reads a role the stream or the read model holds (always valid there). */
    public static OrganizationRole of(String wireName) {
        return parse(wireName).orElseThrow(() -> new IllegalArgumentException("unknown role '" + wireName + "'"));
    }

    public boolean atLeast(OrganizationRole other) {
        return compareTo(other) >= 0;
    }
}
