package io.eventsaas.gateway.me;

import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.users.ErasedAccount;
import io.eventsaas.gateway.users.SessionToken;
import io.eventsaas.gateway.users.UserProfile;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * The signed-in person's own account: {@code GET/PATCH/DELETE /api/v1/me} and {@code POST /api/v1/me/password}.
 * A person only: an API key acts for an organisation and gets 403 here.
 */
@RestController
class MeApiController {

    private final UsersClient users;
    private final ObjectMapper json;

    MeApiController(UsersClient users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    MeResponse me(SignedIn signedIn, HttpServletRequest request) {
        signedIn.requireUser();
        return MeResponse.of(users.get(signedIn.userId(), signedIn, CorrelationId.of(request)));
    }

    @PatchMapping(path = "/api/v1/me", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    MeResponse rename(SignedIn signedIn, HttpServletRequest request) {
        signedIn.requireUser();
        String name = JsonBody.read(request, json).requireStrings("name").get("name");
        return MeResponse.of(users.rename(name, signedIn, CorrelationId.of(request)));
    }

    @PostMapping(path = "/api/v1/me/password", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    PasswordChanged changePassword(SignedIn signedIn, HttpServletRequest request) {
        signedIn.requireUser();
        Map<String, String> fields = JsonBody.read(request, json).requireStrings("currentPassword", "newPassword");
        SessionToken session = users.changePassword(fields.get("currentPassword"), fields.get("newPassword"),
                request.getHeader(HttpHeaders.USER_AGENT), signedIn, CorrelationId.of(request));
        return new PasswordChanged(session.token(), session.userId(),
                session.expiresAt() == null ? null : session.expiresAt().toString());
    }

    @DeleteMapping(path = "/api/v1/me", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Erased erase(SignedIn signedIn, HttpServletRequest request) {
        signedIn.requireUser();
        String password = JsonBody.read(request, json).requireStrings("password").get("password");
        ErasedAccount erased = users.erase(password, signedIn, CorrelationId.of(request));
        return new Erased(erased.userId(), erased.closedOrgIds(), erased.transferredOrgIds());
    }

    record MeResponse(String userId, String email, String name, String registeredAt, boolean platformAdmin,
            List<UserProfile.Membership> orgs) {
        static MeResponse of(UserProfile user) {
            return new MeResponse(user.userId(), user.email(), user.name(),
                    user.registeredAt() == null ? null : user.registeredAt().toString(), user.platformAdmin(),
                    user.orgs());
        }
    }

    /** The caller's new session: every other one ended with the change. */
    record PasswordChanged(String token, String userId, String expiresAt) {
    }

    record Erased(String userId, List<String> closedOrgIds, List<String> transferredOrgIds) {
    }
}
