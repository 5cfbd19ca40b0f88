package io.eventsaas.gateway.signup;

import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.security.CsrfTokens;
import io.eventsaas.gateway.security.SessionCookies;
import io.eventsaas.gateway.users.NewUser;
import io.eventsaas.gateway.users.Registration;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.platform.rpc.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The sign-up page. A successful sign-up remembers the user in a signed cookie and goes to {@code /app}; a refused
 * one shows the service's messages next to the fields, with what was typed (never the password) kept.
 * The CSRF token is checked before this runs ({@code CsrfInterceptor}).
 */
@Controller
class SignupPageController {

    private final UsersClient users;
    private final SessionCookies sessions;
    private final CsrfTokens csrf;

    SignupPageController(UsersClient users, SessionCookies sessions, CsrfTokens csrf) {
        this.users = users;
        this.sessions = sessions;
        this.csrf = csrf;
    }

    @GetMapping("/signup")
    ModelAndView form(HttpServletRequest request, HttpServletResponse response) {
        return page(SignupForm.empty(), Map.of(), null, HttpStatus.OK, request, response);
    }

    @PostMapping("/signup")
    ModelAndView signUp(@RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String commandId,
            HttpServletRequest request, HttpServletResponse response) {
        SignupForm form = new SignupForm(email, name, SignupForm.commandIdOrNew(commandId));
        try {
            Registration registration = users.register(new NewUser(email, password, name), form.commandId(),
                    CorrelationId.of(request));
            sessions.signIn(registration.userId(), request, response);
            return new ModelAndView("redirect:/app");
        } catch (RpcException e) {
            HttpStatus status = UpstreamErrors.status(e.status());
            // After a refusal a new submission is a new command; after a failure or timeout the outcome is
            // unknown, so the form keeps its command id and submitting again cannot register twice.
            SignupForm next = status.is4xxClientError() ? form.withNewCommandId() : form;
            String formError = e.fieldErrors().isEmpty() || !status.is4xxClientError()
                    ? UpstreamErrors.detail(e) : null;
            return page(next, e.fieldErrors(), formError, status, request, response);
        }
    }

    private ModelAndView page(SignupForm form, Map<String, String> errors, String formError, HttpStatus status,
            HttpServletRequest request, HttpServletResponse response) {
        ModelAndView page = new ModelAndView("signup");
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("formError", formError);
        page.addObject("csrfToken", csrf.tokenFor(request, response));
        page.addObject("csrfField", CsrfTokens.FIELD);
        page.setStatus(status);
        return page;
    }
}
