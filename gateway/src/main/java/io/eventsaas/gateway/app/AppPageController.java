package io.eventsaas.gateway.app;

import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.orgs.Organization;
import io.eventsaas.gateway.orgs.OrganizationsClient;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.users.UserProfile;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.IdempotencyKey;
import io.eventsaas.platform.rpc.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The signed-in area's start: your organisations (asked of the users service on every visit) and a form to create
 * one. Without a valid session the browser goes to {@code /login} and comes back here.
 */
@Controller
class AppPageController {

    private final UsersClient users;
    private final OrganizationsClient orgs;

    AppPageController(UsersClient users, OrganizationsClient orgs) {
        this.users = users;
        this.orgs = orgs;
    }

    @GetMapping("/app")
    ModelAndView app(SignedIn signedIn, HttpServletRequest request) {
        return page(signedIn.requireUser(), "", Map.of(), null, HttpStatus.OK, request);
    }

    @PostMapping("/app/orgs")
    ModelAndView create(SignedIn signedIn, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String commandId, HttpServletRequest request) {
        signedIn.requireUser();
        String command = IdempotencyKey.fromForm(commandId);
        try {
            Organization org = orgs.create(name, command, signedIn, CorrelationId.of(request));
            return new ModelAndView("redirect:" + UriComponentsBuilder.fromPath("/app/orgs/{id}")
                    .buildAndExpand(org.orgId()).encode().toUriString());
        } catch (RpcException e) {
            HttpStatus status = UpstreamErrors.status(e.status());
            if (!status.is4xxClientError() || e.status() == io.eventsaas.platform.rpc.RpcStatus.UNAUTHORIZED) {
                throw e;
            }
            String formError = e.fieldErrors().isEmpty() ? UpstreamErrors.detail(e) : null;
            return page(signedIn, name, e.fieldErrors(), formError, status, request);
        }
    }

    private ModelAndView page(SignedIn signedIn, String name, Map<String, String> errors, String formError,
            HttpStatus status, HttpServletRequest request) {
        UserProfile user = users.get(signedIn.userId(), signedIn, CorrelationId.of(request));
        ModelAndView page = new ModelAndView("app");
        page.addObject("user", user);
        page.addObject("newOrgName", name);
        page.addObject("commandId", UUID.randomUUID().toString());
        page.addObject("errors", errors);
        page.addObject("formError", formError);
        page.setStatus(status);
        return page;
    }
}
