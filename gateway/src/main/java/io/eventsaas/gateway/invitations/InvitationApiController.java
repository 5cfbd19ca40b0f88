package io.eventsaas.gateway.invitations;

import io.eventsaas.gateway.orgs.Organization;
import io.eventsaas.gateway.orgs.OrganizationsClient;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/invitations/{token}/accept}: the signed-in user joins the organisation the invitation is for
 * (410 when it expired or was revoked, 409 when it was accepted already or they are a member already).
 */
@RestController
class InvitationApiController {

    private final OrganizationsClient orgs;

    InvitationApiController(OrganizationsClient orgs) {
        this.orgs = orgs;
    }

    @PostMapping(path = "/api/v1/invitations/{token}/accept", produces = MediaType.APPLICATION_JSON_VALUE)
    Accepted accept(@PathVariable String token, SignedIn signedIn, HttpServletRequest request) {
        signedIn.requireUser();
        Organization org = orgs.accept(token, signedIn, CorrelationId.of(request));
        return new Accepted(org.orgId(), org.name(), org.callerRole());
    }

    record Accepted(String orgId, String name, String role) {
    }
}
