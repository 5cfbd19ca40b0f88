package io.eventsaas.users.erasure;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.credentials.PasswordHasher;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.UserCommand.EraseUser;
import io.eventsaas.users.profile.UserCommands;
import io.eventsaas.users.sessions.SignInLimiter;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Erases the caller (the right to be forgotten), confirmed with their password: appends {@code UserErased} at the
 * user's version, then, before replying, ends their sessions, frees their address and destroys their key
 * ({@link PersonalDataShredder}). The policy {@link WhenUserErasedThenShredPersonalData} does the same again from
 * the stream, so a crash between the append and the last step leaves nothing undone.
 */
@Component
public class EraseUserHandler {

    private final UserCommands commands;
    private final PasswordHasher hasher;
    private final SignInLimiter limiter;
    private final PersonalDataShredder shredder;

    EraseUserHandler(UserCommands commands, PasswordHasher hasher, SignInLimiter limiter,
            PersonalDataShredder shredder) {
        this.commands = commands;
        this.hasher = hasher;
        this.limiter = limiter;
        this.shredder = shredder;
    }

    /**
     * @throws RpcException 400 for a missing or wrong password (nothing appended), 410 when already erased, 429
     *                      while the address is locked by failed sign-ins
     */
    public UUID erase(UUID callerId, String password, String correlationId) {
        if (password == null || password.isEmpty()) {
            throw RpcException.invalid(Map.of("password", "Password is required to delete the account"));
        }
        UserCommands.Outcome outcome = commands.execute(callerId, "erase-user", correlationId, correlationId,
                account -> {
                    limiter.checkNotLocked(account.email());
                    PasswordHash hash = account.passwordHash() == null ? null : new PasswordHash(account.passwordHash());
                    if (!hasher.verify(password, hash)) {
                        limiter.recordFailure(account.email());
                        throw RpcException.invalid(Map.of("password", "Password is wrong"));
                    }
                    return new EraseUser(callerId);
                });
        shredder.shred(callerId, outcome.before().email());
        return callerId;
    }
}
