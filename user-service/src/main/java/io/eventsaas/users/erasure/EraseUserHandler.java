package io.eventsaas.users.erasure;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.credentials.PasswordHasher;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.UserCommand.EraseUser;
import io.eventsaas.users.profile.UserCommands;
import io.eventsaas.users.sessions.SignInLimiter;
import io.eventsaas.users.store.OrganizationsReadModel;
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
    private final OrganizationsReadModel organizations;

    EraseUserHandler(UserCommands commands, PasswordHasher hasher, SignInLimiter limiter,
            PersonalDataShredder shredder, OrganizationsReadModel organizations) {
        this.commands = commands;
        this.hasher = hasher;
        this.limiter = limiter;
        this.shredder = shredder;
        this.organizations = organizations;
    }

    /** The erased user, and what becomes of their organisations (done afterwards by the erasure policy). */
    public record Erased(UUID userId, OrganizationsLeft organizations) {
    }

    /**
     * @throws RpcException 400 for a missing or wrong password (nothing appended), 410 when already erased, 429
     *                      while the address is locked by failed sign-ins
     */
    public Erased erase(UUID callerId, String password, String correlationId) {
        if (password == null || password.isEmpty()) {
            throw RpcException.invalid(Map.of("password", "Password is required to delete the account"));
        }
        // Foreseen before the append: once UserErased is in the stream the policy may change the memberships at any
        // moment, on any instance; it applies the same rule to the same members.
        OrganizationsLeft left = OrganizationsLeft.foreseen(callerId, organizations);
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
        return new Erased(callerId, left);
    }
}
