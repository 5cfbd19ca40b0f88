package io.eventsaas.users.sessions;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Starts, finds and ends sessions. */
@Component
public class Sessions {

    static final int MAX_USER_AGENT_LENGTH = 200;

    private final SessionStore store;
    private final SessionSettings settings;
    private final Clock clock;

    Sessions(SessionStore store, SessionSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Opens the store of sessions (a warm-up step). */
    public void open() {
        store.open(settings.lifetime());
    }

    public SessionGrant start(UUID userId, String userAgent) {
        Instant now = clock.instant();
        SessionTokens.Issued issued = SessionTokens.issue(userId);
        SessionRecord session = new SessionRecord(UUID.randomUUID().toString(), userId, now,
                now.plus(settings.lifetime()), clean(userAgent));
        store.save(issued.key(), session);
        return new SessionGrant(issued.token(), userId, session.sessionId(), session.expiresAt());
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

    /** Ends every session of the user. */
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
