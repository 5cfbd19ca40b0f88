package io.eventsaas.gateway.sessions;

import io.eventsaas.gateway.security.AccessDeniedException;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.users.SessionToken;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Sign-in and sign-out for API clients: {@code POST /api/v1/sessions} exchanges an e-mail address and password for a
 * bearer token, {@code DELETE /api/v1/sessions/current} ends the session of the token that authenticates it.
 * user-service decides (401 alike for a wrong password or an unknown address, 429 after too many failures).
 */
@RestController
class SessionApiController {

    private final UsersClient users;
    private final ObjectMapper json;

    SessionApiController(UsersClient users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/sessions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionResponse> signIn(HttpServletRequest request) {
        Map<String, String> fields = JsonBody.read(request, json).requireStrings("email", "password");
        SessionToken session = users.startSession(fields.get("email"), fields.get("password"),
                request.getHeader(HttpHeaders.USER_AGENT), CorrelationId.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(SessionResponse.of(session));
    }

    @DeleteMapping("/api/v1/sessions/current")
    ResponseEntity<Void> signOut(SignedIn signedIn, HttpServletRequest request) {
        if (signedIn.sessionToken() == null) {
            throw new AccessDeniedException("an API key is not a session: revoke it instead");
        }
        users.endSession(signedIn, CorrelationId.of(request));
        return ResponseEntity.noContent().build();
    }

    /** A new session: the bearer token for the requests that follow. */
    record SessionResponse(String token, String userId, String expiresAt) {
        static SessionResponse of(SessionToken session) {
            return new SessionResponse(session.token(), session.userId(),
                    session.expiresAt() == null ? null : session.expiresAt().toString());
        }
    }
}
