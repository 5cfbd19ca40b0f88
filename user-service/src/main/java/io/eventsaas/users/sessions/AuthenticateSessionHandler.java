package io.eventsaas.users.sessions;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.admins.PlatformAdmins;
import io.eventsaas.users.store.Account;
import io.eventsaas.users.store.Accounts;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who holds a session token: runs on every request the gateway serves, so it costs one KV get and one indexed
 * query (plus a look at the stream only when this read model has never heard of the user).
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
        return new Authenticated(account.userId(), session.sessionId(), account.displayName(), account.email(),
                admins.isAdmin(account.email()));
    }

    /** A signed-in user, as the Caller and the page's greeting need them. */
    public record Authenticated(UUID userId, String sessionId, String displayName, String email,
            boolean platformAdmin) {
    }
}
