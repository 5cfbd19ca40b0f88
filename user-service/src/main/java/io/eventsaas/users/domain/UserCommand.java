package io.eventsaas.users.domain;

import java.util.UUID;

/** What can be asked of a user. */
public sealed interface UserCommand
        permits UserCommand.RegisterUser, UserCommand.RenameUser, UserCommand.ChangePassword, UserCommand.EraseUser {

    /** Register a new user; the address is already claimed for {@code userId}, the password already hashed. */
    record RegisterUser(UUID userId, EmailAddress email, DisplayName displayName, PasswordHash passwordHash)
            implements UserCommand {
    }

    /** Give the user another display name. */
    record RenameUser(UUID userId, DisplayName displayName) implements UserCommand {
    }

    /** Replace the user's password hash; the current password has been checked, the new one hashed. */
    record ChangePassword(UUID userId, PasswordHash newPasswordHash) implements UserCommand {
    }

    /** Erase the user (the right to be forgotten); the password has been checked. */
    record EraseUser(UUID userId) implements UserCommand {
    }
}
