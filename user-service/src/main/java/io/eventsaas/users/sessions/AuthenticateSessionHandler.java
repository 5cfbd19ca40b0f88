package io.eventsaas.users.sessions;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.admins.PlatformAdmins;
import io.eventsaas.users.store.Account;
import io.eventsaas.users.store.Accounts;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who holds a session token: runs on every request the gateway serves, so it costs one KV get and one indexed
 * query (plus a look at the stream only when this read model has never heard of the user, or its password hash
 * does not match the session's stamp).
 *
 * <p>A session counts only while it was started with the user's current credentials ({@link CredentialsStamp}).
 * That is what makes a password change or an erasure crash-safe: their handlers purge the sessions right after the
 * append, but an instance that dies in between leaves them in the bucket, and this check refuses them anyway, on
 * every instance, as soon as its read model has applied the event. The alternative, a durable policy that purges
 * the sessions started before the change, would also work but needs a consumer, compares session start times with
 * event times across machines' clocks, and leaves a window until it runs; the stamp costs a SHA-256 of a
 * hundred bytes per request and no I/O, because the row this handler loads anyway holds the hash.
 */
@Component
public class AuthenticateSessionHandler {

    static final String UNKNOWN_SESSION = "session unknown, ended or expired; sign in again";

    private final Sessions sessions;
    private final Accounts accounts;
    private final PlatformAdmins admins;

    AuthenticateSessionHandler(Sessions sessions, Accounts accounts, PlatformAdmins admins) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.admins = admins;
    }

    /** @throws RpcException 401 when the token is malformed, unknown, ended or expired, or its user erased */
    public Authenticated authenticate(String token) {
        SessionRecord session = sessions.find(token)
                .orElseThrow(() -> RpcException.unauthorized(UNKNOWN_SESSION));
        Account account = accounts.known(session.userId())
                .filter(found -> !found.erased())
                .orElseThrow(() -> RpcException.unauthorized(UNKNOWN_SESSION));
        if (!session.startedWith(account.passwordHash())) {
            // Either the credentials changed after the session started (refuse), or the session was started after a
            // change this read model has not applied yet (through another instance a moment ago): only the stream
            // tells which. Rare, so the hot path stays free of it.
            account = accounts.current(session.userId())
                    .filter(found -> !found.erased() && session.startedWith(found.passwordHash()))
                    .orElseThrow(() -> RpcException.unauthorized(UNKNOWN_SESSION));
        }
        return new Authenticated(account.userId(), session.sessionId(), account.displayName(), account.email(),
                admins.isAdmin(account.email()));
    }

    /** A signed-in user, as the Caller and the page's greeting need them. */
    public record Authenticated(UUID userId, String sessionId, String displayName, String email,
            boolean platformAdmin) {
    }
}
