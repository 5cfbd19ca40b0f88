package io.eventsaas.users.domain;

import java.util.UUID;

/** What can be asked of a user. */
public sealed interface UserCommand permits UserCommand.RegisterUser {

    /** Register a new user; the address is already claimed for {@code userId}, the password already hashed. */
    record RegisterUser(UUID userId, EmailAddress email, DisplayName displayName, PasswordHash passwordHash)
            implements UserCommand {
    }
}
