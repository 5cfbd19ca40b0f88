package io.eventsaas.users.sessions;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.store.Account;
import io.eventsaas.users.store.Accounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Starts, finds and ends sessions. Each session is stamped with the credentials it was started with
 * ({@link CredentialsStamp}), so that it stops working once they change, whether or not it was purged.
 */
@Component
public class Sessions {

    static final int MAX_USER_AGENT_LENGTH = 200;

    private final SessionStore store;
    private final SessionSettings settings;
    private final Accounts accounts;
    private final Clock clock;

    Sessions(SessionStore store, SessionSettings settings, Accounts accounts, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Opens the store of sessions (a warm-up step). */
    public void open() {
        store.open(settings.lifetime());
    }

    /**
     * Starts a session for an account whose password was just verified: stamped with exactly the hash that was
     * verified, so that a change that lands meanwhile leaves this session refused rather than blessed.
     */
    public SessionGrant start(Account account, String userAgent) {
        Instant now = clock.instant();
        SessionTokens.Issued issued = SessionTokens.issue(account.userId());
        SessionRecord session = new SessionRecord(UUID.randomUUID().toString(), account.userId(), now,
                now.plus(settings.lifetime()), clean(userAgent), CredentialsStamp.of(account.passwordHash()));
        store.save(issued.key(), session);
        return new SessionGrant(issued.token(), account.userId(), session.sessionId(), session.expiresAt());
    }

    /**
     * Starts a session with the user's credentials as the stream has them now: after a registration or a password
     * change that this caller just made (and proved by knowing the password).
     *
     * @throws RpcException 410 when the user was erased meanwhile
     */
    public SessionGrant startWithCurrentCredentials(UUID userId, String userAgent) {
        Account account = accounts.current(userId)
                .filter(found -> !found.erased() && found.passwordHash() != null)
                .orElseThrow(() -> RpcException.gone("user " + userId + " is gone"));
        return start(account, userAgent);
    }

    /** The session this token stands for, if it exists and has not expired. */
    public Optional<SessionRecord> find(String token) {
        return SessionTokens.parse(token)
                .flatMap(parsed -> store.find(parsed.key())
                        .filter(session -> session.userId().equals(parsed.userId())))
                .filter(session -> session.expiresAt().isAfter(clock.instant()));
    }

    /** Ends the session of this token; a token that is unknown or malformed ends nothing. */
    public void end(String token) {
        SessionTokens.parse(token).ifPresent(parsed -> store.delete(parsed.key()));
    }

    /**
     * Ends every session of the user. Tidiness and immediacy only: what makes old sessions useless after a password
     * change or an erasure is the stamp check in {@link AuthenticateSessionHandler}, which needs no purge.
     */
    public int endAll(UUID userId) {
        return store.deleteAll(userId);
    }

    /** Kept for the user to recognise their sessions: printable, bounded. */
    private static String clean(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        String printable = userAgent.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() > MAX_USER_AGENT_LENGTH ? printable.substring(0, MAX_USER_AGENT_LENGTH) : printable;
    }
}
