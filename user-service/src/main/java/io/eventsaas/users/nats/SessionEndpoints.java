package io.eventsaas.users.nats;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.EndSession;
import io.eventsaas.contracts.users.SessionEnded;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.users.sessions.AuthenticateSessionHandler;
import io.eventsaas.users.sessions.Sessions;
import io.eventsaas.users.sessions.StartSessionHandler;

/** {@code rpc.users.start-session}, {@code end-session} and {@code authenticate-session}: no Caller needed. */
final class SessionEndpoints {

    private SessionEndpoints() {
    }

    /** {@code StartSession -> SessionGrant}: sign in. */
    static RpcHandler<StartSession, SessionGrant> startSession(StartSessionHandler handler) {
        return (request, context) -> grant(handler.signIn(request.getEmail(), request.getPassword(),
                request.getUserAgent()));
    }

    /** {@code EndSession -> SessionEnded}: sign out; an unknown or ended token ends nothing and is no error. */
    static RpcHandler<EndSession, SessionEnded> endSession(Sessions sessions) {
        return (request, context) -> {
            sessions.end(request.getSessionToken());
            return SessionEnded.getDefaultInstance();
        };
    }

    /** {@code AuthenticateSession -> Authentication}: who holds this token, as the Caller to send from now on. */
    static RpcHandler<AuthenticateSession, Authentication> authenticateSession(AuthenticateSessionHandler handler) {
        return (request, context) -> {
            AuthenticateSessionHandler.Authenticated who = handler.authenticate(request.getSessionToken());
            return Authentication.newBuilder()
                    .setCaller(Caller.newBuilder()
                            .setUserId(who.userId().toString())
                            .setSessionId(who.sessionId())
                            .setPlatformAdmin(who.platformAdmin()))
                    .setDisplayName(who.displayName())
                    .setEmail(who.email() == null ? "" : who.email())
                    .build();
        };
    }

    static SessionGrant grant(io.eventsaas.users.sessions.SessionGrant grant) {
        return SessionGrant.newBuilder()
                .setSessionToken(grant.token())
                .setUserId(grant.userId().toString())
                .setExpiresAt(Timestamp.newBuilder()
                        .setSeconds(grant.expiresAt().getEpochSecond())
                        .setNanos(grant.expiresAt().getNano()))
                .build();
    }
}
