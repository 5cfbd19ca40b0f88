package io.eventsaas.gateway.invitations;

import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.orgs.InvitationSummary;
import io.eventsaas.gateway.orgs.Organization;
import io.eventsaas.gateway.orgs.OrganizationsClient;
import io.eventsaas.gateway.security.Authenticator;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The page an invitation link opens, {@code /invitations/{token}}: which organisation, which role, who invited, and
 * whether it is still open. Signed in, you accept it here; otherwise you sign in or sign up and come back to it.
 */
@Controller
class InvitationPageController {

    private final OrganizationsClient orgs;
    private final Authenticator authenticator;

    InvitationPageController(OrganizationsClient orgs, Authenticator authenticator) {
        this.orgs = orgs;
        this.authenticator = authenticator;
    }

    @GetMapping("/invitations/{token}")
    ModelAndView show(@PathVariable String token, HttpServletRequest request) {
        return page(token, null, HttpStatus.OK, request);
    }

    @PostMapping("/invitations/{token}/accept")
    ModelAndView accept(@PathVariable String token, SignedIn signedIn, HttpServletRequest request) {
        signedIn.requireUser();
        try {
            Organization org = orgs.accept(token, signedIn, CorrelationId.of(request));
            return new ModelAndView("redirect:" + UriComponentsBuilder.fromPath("/app/orgs/{id}")
                    .buildAndExpand(org.orgId()).encode().toUriString());
        } catch (RpcException e) {
            HttpStatus status = UpstreamErrors.status(e.status());
            if (!status.is4xxClientError() || e.status() == RpcStatus.UNAUTHORIZED) {
                throw e;
            }
            return page(token, UpstreamErrors.detail(e), status, request);
        }
    }

    private ModelAndView page(String token, String error, HttpStatus status, HttpServletRequest request) {
        InvitationSummary invitation = orgs.invitation(token, CorrelationId.of(request));
        String here = UriComponentsBuilder.fromPath("/invitations/{token}").buildAndExpand(token).encode()
                .toUriString();
        ModelAndView page = new ModelAndView("invitation");
        page.addObject("invitation", invitation);
        page.addObject("signedIn", authenticator.current(request).isPresent());
        page.addObject("here", here);
        page.addObject("error", error);
        page.setStatus(status);
        return page;
    }
}
