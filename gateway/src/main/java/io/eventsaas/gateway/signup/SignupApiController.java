package io.eventsaas.gateway.signup;

import io.eventsaas.gateway.users.NewUser;
import io.eventsaas.gateway.users.Registration;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.InvalidRequestException;
import io.eventsaas.gateway.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/signup}: registers a user through the users service. The {@code Idempotency-Key} header, when
 * given, is the command id, so a client that retries after a timeout registers once.
 */
@RestController
class SignupApiController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Printable ASCII without spaces: the key travels on into message ids and headers. */
    private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final UsersClient users;
    private final ObjectMapper json;

    SignupApiController(UsersClient users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/signup", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SignupResponse> signUp(HttpServletRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        String commandId = commandId(idempotencyKey);
        Map<String, String> fields = JsonBody.read(request, json).requireStrings("email", "password", "name");
        Registration registration = users.register(
                new NewUser(fields.get("email"), fields.get("password"), fields.get("name")),
                commandId, CorrelationId.of(request));
        URI location = UriComponentsBuilder.fromPath("/api/v1/users/{id}").buildAndExpand(registration.userId())
                .encode().toUri();
        return ResponseEntity.created(location).body(new SignupResponse(registration.userId(), registration.orgId()));
    }

    private static String commandId(String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        if (!KEY_SHAPE.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException("The Idempotency-Key header must be 1 to 100 printable characters.",
                    Map.of(IDEMPOTENCY_KEY, "must be 1 to 100 printable characters without spaces"));
        }
        return idempotencyKey;
    }

    record SignupResponse(String userId, String orgId) {
    }
}
