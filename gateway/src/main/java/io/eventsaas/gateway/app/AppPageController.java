package io.eventsaas.gateway.app;

import io.eventsaas.gateway.security.SessionCookies;
import io.eventsaas.gateway.users.UserProfile;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The signed-in area: who you are and your organisations, asked of the users service on every visit. Without a
 * valid session cookie (none, tampered, expired, or naming a user the service does not know) it sends the
 * browser to sign up.
 */
@Controller
class AppPageController {

    private static final DateTimeFormatter MEMBER_SINCE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final UsersClient users;
    private final SessionCookies sessions;

    AppPageController(UsersClient users, SessionCookies sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @GetMapping("/app")
    ModelAndView app(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> userId = sessions.userId(request);
        if (userId.isEmpty()) {
            return new ModelAndView("redirect:/signup");
        }
        UserProfile user;
        try {
            user = users.get(userId.get(), CorrelationId.of(request));
        } catch (RpcException e) {
            if (e.status() != RpcStatus.NOT_FOUND) {
                throw e; // the error page says the service is unavailable or failed
            }
            sessions.signOut(request, response);
            return new ModelAndView("redirect:/signup");
        }
        ModelAndView page = new ModelAndView("app");
        page.addObject("user", user);
        page.addObject("memberSince", user.registeredAt() == null ? "" : MEMBER_SINCE.format(user.registeredAt()));
        return page;
    }
}
