package io.eventsaas.users.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Every user owns one organisation of their own, created right after they register. */
public final class PersonalOrganization {

    private PersonalOrganization() {
    }

    /**
     * The id of a user's personal organisation, derived from the user id (a name-based UUID) rather than drawn at
     * random: a retried registration computes the same id, and so can never announce a second organisation.
     */
    public static UUID idFor(UUID userId) {
        return UUID.nameUUIDFromBytes(("personal-organization:" + userId).getBytes(StandardCharsets.UTF_8));
    }

    /** The name every personal organisation has. */
    public static final String NAME = "Personal";

    /**
     * The personal organisation's name: always {@value #NAME}. Organisation names are not personal data (they are
     * not sealed, and stay readable after an erasure), so this one must not contain the person's name.
     */
    public static String nameFor(String ownerDisplayName) {
        return NAME;
    }
}
