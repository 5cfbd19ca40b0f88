package io.eventsaas.gateway.users;

import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/users/{id}}: a user and their organisations. Needs a signed-in caller; the users service
 * decides whether they may see this user (themself, or a platform admin).
 */
@RestController
class UserApiController {

    private final UsersClient users;

    UserApiController(UsersClient users) {
        this.users = users;
    }

    @GetMapping(path = "/api/v1/users/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    UserResponse user(@PathVariable String id, SignedIn signedIn, HttpServletRequest request) {
        return UserResponse.of(users.get(id, signedIn, CorrelationId.of(request)));
    }

    record UserResponse(String userId, String email, String name, String registeredAt,
            List<UserProfile.Membership> orgs) {

        static UserResponse of(UserProfile user) {
            return new UserResponse(user.userId(), user.email(), user.name(),
                    user.registeredAt() == null ? null : user.registeredAt().toString(), user.orgs());
        }
    }
}
