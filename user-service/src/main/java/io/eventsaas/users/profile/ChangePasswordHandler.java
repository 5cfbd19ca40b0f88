package io.eventsaas.users.profile;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.credentials.PasswordHasher;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.PasswordPolicy;
import io.eventsaas.users.domain.UserCommand.ChangePassword;
import io.eventsaas.users.sessions.SessionGrant;
import io.eventsaas.users.sessions.Sessions;
import io.eventsaas.users.sessions.SignInLimiter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Changes the caller's password: the current one checked (a wrong one counts as a failed sign-in, so a stolen
 * session cannot guess it faster than the sign-in form), the new one checked against the policy and hashed,
 * {@code PasswordChanged} appended with the new hash sealed. Then every session of the user ends, and the caller
 * gets a new one: whoever held another session (perhaps the reason for the change) is signed out.
 *
 * <p>Crash-safe without a second step: every session carries a stamp of the credentials it was started with, and
 * authentication refuses a stamp that is not the current one. The purge below only makes the refusal immediate and
 * tidies the bucket; if this instance dies right after the append, the old sessions stop working all the same, on
 * every instance, once its read model has applied {@code PasswordChanged} (see {@code AuthenticateSessionHandler}).
 * The caller's new session is stamped with the hash the stream holds now, so it survives.
 */
@Component
public class ChangePasswordHandler {

    private final UserCommands commands;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final SignInLimiter limiter;

    ChangePasswordHandler(UserCommands commands, PasswordHasher hasher, Sessions sessions, SignInLimiter limiter) {
        this.commands = commands;
        this.hasher = hasher;
        this.sessions = sessions;
        this.limiter = limiter;
    }

    /**
     * @throws RpcException 400 for a missing or wrong current password or a new one the policy refuses (nothing
     *                      appended, no session ended), 429 while the address is locked
     */
    public SessionGrant change(UUID callerId, String currentPassword, String newPassword, String userAgent,
            String correlationId) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            errors.put("currentPassword", "Current password is required");
        }
        if (!errors.isEmpty()) {
            PasswordPolicy.problemWith(newPassword, null)
                    .ifPresent(problem -> errors.put("newPassword", "New password " + problem));
            throw RpcException.invalid(errors);
        }
        PasswordHash[] newHash = new PasswordHash[1];
        commands.execute(callerId, "change-password", correlationId, correlationId, account -> {
            PasswordPolicy.problemWith(newPassword, account.email())
                    .ifPresent(problem -> errors.put("newPassword", "New password " + problem));
            if (!errors.isEmpty()) {
                throw RpcException.invalid(errors);
            }
            limiter.checkNotLocked(account.email());
            PasswordHash current = account.passwordHash() == null ? null : new PasswordHash(account.passwordHash());
            if (!hasher.verify(currentPassword, current)) {
                limiter.recordFailure(account.email());
                throw RpcException.invalid(Map.of("currentPassword", "Current password is wrong"));
            }
            if (newHash[0] == null) {
                newHash[0] = hasher.hash(newPassword);
            }
            return new ChangePassword(callerId, newHash[0]);
        });
        sessions.endAll(callerId);
        return sessions.startWithCurrentCredentials(callerId, userAgent);
    }
}
