package io.eventsaas.users.erasure;

import java.util.UUID;

/** The users' personal-data keys (the vault), as erasure needs them. */
public interface PersonalDataKeys {

    /** Destroys the user's key for good: everything sealed with it becomes unreadable. Safe to repeat. */
    void destroy(UUID userId);
}
