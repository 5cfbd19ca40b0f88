package io.eventsaas.gateway.signup;

import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.security.SessionCookies;
import io.eventsaas.gateway.users.NewUser;
import io.eventsaas.gateway.users.Registration;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.IdempotencyKey;
import io.eventsaas.gateway.web.SafeRedirect;
import io.eventsaas.platform.rpc.RpcException;
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
 * The sign-up page. A successful sign-up signs the browser in (the session user-service started with the
 * registration, in the session cookie) and goes to {@code /app}, or back to where the visitor came from
 * ({@code ?next=}, e.g. an invitation); a refused one shows the service's messages next to the fields, with what
 * was typed (never the password) kept. The CSRF token is checked before this runs ({@code CsrfInterceptor}).
 */
@Controller
class SignupPageController {

    private final UsersClient users;
    private final SessionCookies sessions;

    SignupPageController(UsersClient users, SessionCookies sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @GetMapping("/signup")
    ModelAndView form(@RequestParam(required = false) String next) {
        return page(SignupForm.empty(SafeRedirect.localPath(next, "")), Map.of(), null, HttpStatus.OK);
    }

    @PostMapping("/signup")
    ModelAndView signUp(@RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String commandId,
            @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response) {
        SignupForm form = new SignupForm(email, name, IdempotencyKey.fromForm(commandId),
                SafeRedirect.localPath(next, ""));
        try {
            Registration registration = users.register(new NewUser(email, password, name), form.commandId(), true,
                    request.getHeader(HttpHeaders.USER_AGENT), CorrelationId.of(request));
            if (registration.session() == null) {
                return new ModelAndView("redirect:/login");
            }
            sessions.set(registration.session().token(), registration.session().expiresAt(), request, response);
            return new ModelAndView("redirect:" + SafeRedirect.localPath(form.next(), "/app"));
        } catch (RpcException e) {
            HttpStatus status = UpstreamErrors.status(e.status());
            // After a refusal a new submission is a new command; after a failure or timeout the outcome is
            // unknown, so the form keeps its command id and submitting again cannot register twice.
            SignupForm retry = status.is4xxClientError() ? form.withNewCommandId() : form;
            String formError = e.fieldErrors().isEmpty() || !status.is4xxClientError()
                    ? UpstreamErrors.detail(e) : null;
            return page(retry, e.fieldErrors(), formError, status);
        }
    }

    private static ModelAndView page(SignupForm form, Map<String, String> errors, String formError,
            HttpStatus status) {
        ModelAndView page = new ModelAndView("signup");
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("formError", formError);
        page.setStatus(status);
        return page;
    }
}
