package io.eventsaas.gateway.me;

import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.security.Authenticator;
import io.eventsaas.gateway.security.SessionCookies;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.users.SessionToken;
import io.eventsaas.gateway.users.UserProfile;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /app/settings}: your name, your password (the change ends every other session; this browser gets the new
 * one), and deleting your account (confirmed with the password; user-service erases it and every session ends).
 * API keys belong to an organisation and live on its page.
 */
@Controller
class SettingsPageController {

    private final UsersClient users;
    private final SessionCookies sessions;

    SettingsPageController(UsersClient users, SessionCookies sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @GetMapping("/app/settings")
    ModelAndView settings(SignedIn signedIn, @RequestParam(required = false) String saved,
            HttpServletRequest request) {
        ModelAndView page = page(signedIn.requireUser(), Refusal.none(), null, request);
        if ("profile".equals(saved) || "password".equals(saved)) {
            page.addObject("saved", saved);
        }
        return page;
    }

    @PostMapping("/app/settings/profile")
    ModelAndView rename(SignedIn signedIn, @RequestParam(defaultValue = "") String name,
            HttpServletRequest request) {
        signedIn.requireUser();
        try {
            users.rename(name, signedIn, CorrelationId.of(request));
            return new ModelAndView("redirect:/app/settings?saved=profile");
        } catch (RpcException e) {
            return refused(signedIn, "profile", e, name, request);
        }
    }

    @PostMapping("/app/settings/password")
    ModelAndView changePassword(SignedIn signedIn, @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, HttpServletRequest request,
            HttpServletResponse response) {
        signedIn.requireUser();
        try {
            SessionToken session = users.changePassword(currentPassword, newPassword,
                    request.getHeader(HttpHeaders.USER_AGENT), signedIn, CorrelationId.of(request));
            sessions.set(session.token(), session.expiresAt(), request, response);
            return new ModelAndView("redirect:/app/settings?saved=password");
        } catch (RpcException e) {
            return refused(signedIn, "password", e, null, request);
        }
    }

    @PostMapping("/app/settings/delete")
    ModelAndView erase(SignedIn signedIn, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response) {
        signedIn.requireUser();
        try {
            users.erase(password, signedIn, CorrelationId.of(request));
        } catch (RpcException e) {
            return refused(signedIn, "delete", e, null, request);
        }
        sessions.clear(request, response);
        Authenticator.forget(request);
        ModelAndView page = new ModelAndView("goodbye");
        page.addObject("viewer", null);
        return page;
    }

    private ModelAndView refused(SignedIn signedIn, String form, RpcException e, String typedName,
            HttpServletRequest request) {
        HttpStatus status = UpstreamErrors.status(e.status());
        // A wrong password is the form's business (401 or 403 from the service); other failures are the page's.
        boolean formProblem = status.is4xxClientError() && e.status() != RpcStatus.NOT_FOUND
                && (e.status() != RpcStatus.UNAUTHORIZED || !"profile".equals(form));
        if (!formProblem) {
            throw e;
        }
        ModelAndView page = page(signedIn, new Refusal(form, e.fieldErrors().isEmpty() ? UpstreamErrors.detail(e)
                : null, e.fieldErrors()), typedName, request);
        page.setStatus(status);
        return page;
    }

    private ModelAndView page(SignedIn signedIn, Refusal refusal, String typedName, HttpServletRequest request) {
        UserProfile user = users.get(signedIn.userId(), signedIn, CorrelationId.of(request));
        ModelAndView page = new ModelAndView("settings");
        page.addObject("user", user);
        page.addObject("name", typedName == null ? user.name() : typedName);
        page.addObject("refusal", refusal);
        return page;
    }

    /** Which form the service refused, and why: one message, or messages by field. */
    record Refusal(String form, String error, Map<String, String> fieldErrors) {

        static Refusal none() {
            return new Refusal("", null, Map.of());
        }

        public boolean in(String name) {
            return form.equals(name);
        }

        public boolean has(String name, String field) {
            return form.equals(name) && fieldErrors.containsKey(field);
        }

        public String of(String field) {
            return fieldErrors.get(field);
        }
    }
}
