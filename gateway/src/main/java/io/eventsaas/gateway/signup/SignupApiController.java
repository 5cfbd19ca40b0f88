package io.eventsaas.gateway.signup;

import io.eventsaas.gateway.users.NewUser;
import io.eventsaas.gateway.users.Registration;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.IdempotencyKey;
import io.eventsaas.gateway.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/signup}: registers a user through the users service and signs them in: the answer carries a
 * bearer token. The {@code Idempotency-Key} header, when given, is the command id, so a client that retries after a
 * timeout registers once.
 */
@RestController
class SignupApiController {

    private final UsersClient users;
    private final ObjectMapper json;

    SignupApiController(UsersClient users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/signup", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SignupResponse> signUp(HttpServletRequest request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        String commandId = IdempotencyKey.commandId(idempotencyKey);
        Map<String, String> fields = JsonBody.read(request, json).requireStrings("email", "password", "name");
        Registration registration = users.register(
                new NewUser(fields.get("email"), fields.get("password"), fields.get("name")),
                commandId, true, request.getHeader(HttpHeaders.USER_AGENT), CorrelationId.of(request));
        URI location = UriComponentsBuilder.fromPath("/api/v1/users/{id}").buildAndExpand(registration.userId())
                .encode().toUri();
        return ResponseEntity.created(location).body(SignupResponse.of(registration));
    }

    /** The new user, their personal organisation, and a bearer token (absent only if the service started none). */
    record SignupResponse(String userId, String orgId, String token, String expiresAt) {
        static SignupResponse of(Registration registration) {
            var session = registration.session();
            return new SignupResponse(registration.userId(), registration.orgId(),
                    session == null ? null : session.token(),
                    session == null || session.expiresAt() == null ? null : session.expiresAt().toString());
        }
    }
}
