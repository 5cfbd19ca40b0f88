package io.eventsaas.users.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Every user owns one organisation of their own, created right after they register. */
public final class PersonalOrganization {

    /**
     * The personal organisation's name. Not the owner's name: organisation names are not personal data (they are
     * not sealed), so a name must never identify a person.
     */
    public static final String NAME = "Personal";

    private PersonalOrganization() {
    }

    /**
     * The id of a user's personal organisation, derived from the user id (a name-based UUID) rather than drawn at
     * random: a retried registration computes the same id, and so can never announce a second organisation.
     */
    public static UUID idFor(UUID userId) {
        return UUID.nameUUIDFromBytes(("personal-organization:" + userId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The personal organisation's name: always {@value #NAME}, whoever owns it (kept for callers that pass the
     * owner's name).
     */
    public static String nameFor(String ownerDisplayName) {
        return NAME;
    }
}
