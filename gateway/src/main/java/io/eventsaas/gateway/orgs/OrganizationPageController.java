package io.eventsaas.gateway.orgs;

import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.IdempotencyKey;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One organisation's page, {@code /app/orgs/{id}}: its members with their roles (change a role, remove someone,
 * leave), its open invitations (invite, copy the link, revoke) and its API keys (create, revoke). Every form posts
 * to this page's own address plus an action; the users service decides whether the caller may (a non-member gets
 * 404, a member without the role 403), and the page shows its answer next to the form. A change that worked goes
 * back to the page (post/redirect/get), except an invitation or a key, whose link or secret is shown once.
 */
@Controller
class OrganizationPageController {

    private final OrganizationsClient orgs;
    private final InvitationLinks links;

    OrganizationPageController(OrganizationsClient orgs, InvitationLinks links) {
        this.orgs = orgs;
        this.links = links;
    }

    @GetMapping("/app/orgs/{orgId}")
    ModelAndView show(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request) {
        return page(orgId, signedIn, Outcome.none(), request);
    }

    @PostMapping("/app/orgs/{orgId}/members/{userId}/role")
    ModelAndView changeRole(@PathVariable String orgId, @PathVariable String userId,
            @RequestParam(defaultValue = "") String role, SignedIn signedIn, HttpServletRequest request) {
        return act(orgId, signedIn, request, "members",
                () -> orgs.changeRole(orgId, userId, role, signedIn, CorrelationId.of(request)));
    }

    /** Removes a member, or leaves when it is the caller: then on to {@code /app}, since the page is gone for them. */
    @PostMapping("/app/orgs/{orgId}/members/{userId}/remove")
    ModelAndView remove(@PathVariable String orgId, @PathVariable String userId, SignedIn signedIn,
            HttpServletRequest request) {
        ModelAndView result = act(orgId, signedIn, request, "members",
                () -> orgs.remove(orgId, userId, signedIn, CorrelationId.of(request)));
        if (userId.equals(signedIn.userId()) && result.getViewName() != null
                && result.getViewName().startsWith("redirect:")) {
            return new ModelAndView("redirect:/app");
        }
        return result;
    }

    @PostMapping("/app/orgs/{orgId}/invitations")
    ModelAndView invite(@PathVariable String orgId, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "member") String role, @RequestParam(required = false) String commandId,
            SignedIn signedIn, HttpServletRequest request) {
        try {
            IssuedInvitation issued = orgs.invite(orgId, email, role, IdempotencyKey.fromForm(commandId), signedIn,
                    CorrelationId.of(request));
            return page(orgId, signedIn, Outcome.invited(email, links.acceptUrl(issued.token(), request)), request);
        } catch (RpcException e) {
            return refused(orgId, signedIn, request, "invite", e, Map.of("email", email, "role", role));
        }
    }

    @PostMapping("/app/orgs/{orgId}/invitations/{invitationId}/revoke")
    ModelAndView revokeInvitation(@PathVariable String orgId, @PathVariable String invitationId, SignedIn signedIn,
            HttpServletRequest request) {
        return act(orgId, signedIn, request, "invitations",
                () -> orgs.revokeInvitation(orgId, invitationId, signedIn, CorrelationId.of(request)));
    }

    @PostMapping("/app/orgs/{orgId}/api-keys")
    ModelAndView createApiKey(@PathVariable String orgId, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "member") String role, @RequestParam(required = false) String commandId,
            SignedIn signedIn, HttpServletRequest request) {
        try {
            IssuedApiKey issued = orgs.createApiKey(orgId, name, role, IdempotencyKey.fromForm(commandId), signedIn,
                    CorrelationId.of(request));
            return page(orgId, signedIn, Outcome.keyCreated(issued.key().name(), issued.secret()), request);
        } catch (RpcException e) {
            return refused(orgId, signedIn, request, "apiKey", e, Map.of("name", name, "role", role));
        }
    }

    @PostMapping("/app/orgs/{orgId}/api-keys/{keyId}/revoke")
    ModelAndView revokeApiKey(@PathVariable String orgId, @PathVariable String keyId, SignedIn signedIn,
            HttpServletRequest request) {
        return act(orgId, signedIn, request, "apiKeys",
                () -> orgs.revokeApiKey(orgId, keyId, signedIn, CorrelationId.of(request)));
    }

    /** Does it, then back to the page; or the page again with the service's refusal next to the form. */
    private ModelAndView act(String orgId, SignedIn signedIn, HttpServletRequest request, String form,
            Supplier<?> action) {
        try {
            action.get();
            return new ModelAndView("redirect:" + pagePath(orgId));
        } catch (RpcException e) {
            return refused(orgId, signedIn, request, form, e, Map.of());
        }
    }

    private ModelAndView refused(String orgId, SignedIn signedIn, HttpServletRequest request, String form,
            RpcException e, Map<String, String> typed) {
        HttpStatus status = UpstreamErrors.status(e.status());
        // Not a member (404), signed out (401), the service down: the whole page cannot be shown.
        if (!status.is4xxClientError() || e.status() == RpcStatus.NOT_FOUND || e.status() == RpcStatus.UNAUTHORIZED) {
            throw e;
        }
        ModelAndView page = page(orgId, signedIn, Outcome.refused(form, UpstreamErrors.detail(e), e.fieldErrors(),
                typed), request);
        page.setStatus(status);
        return page;
    }

    private ModelAndView page(String orgId, SignedIn signedIn, Outcome outcome, HttpServletRequest request) {
        String correlationId = CorrelationId.of(request);
        Organization org = orgs.get(orgId, signedIn, correlationId);
        ModelAndView page = new ModelAndView("org");
        page.addObject("org", org);
        page.addObject("members", orgs.members(orgId, signedIn, correlationId));
        page.addObject("invitations", org.callerManages()
                ? optional(() -> orgs.invitations(orgId, signedIn, correlationId)) : List.of());
        page.addObject("apiKeys", org.callerManages()
                ? optional(() -> orgs.apiKeys(orgId, signedIn, correlationId)) : List.of());
        page.addObject("me", signedIn.userId());
        page.addObject("outcome", outcome);
        page.addObject("commandId", UUID.randomUUID().toString());
        page.addObject("path", pagePath(orgId));
        return page;
    }

    /** A section the caller may not see (403) is left out rather than failing the page. */
    private static <T> List<T> optional(Supplier<List<T>> list) {
        try {
            return list.get();
        } catch (RpcException e) {
            if (e.status() == RpcStatus.FORBIDDEN) {
                return List.of();
            }
            throw e;
        }
    }

    static String pagePath(String orgId) {
        return UriComponentsBuilder.fromPath("/app/orgs/{id}").buildAndExpand(orgId).encode().toUriString();
    }

    /**
     * What the last form did, for the page to show: which form was refused and why (with what was typed), the link
     * of a new invitation, or the secret of a new API key.
     */
    record Outcome(String form, String error, Map<String, String> fieldErrors, Map<String, String> typed,
            String invitedEmail, String acceptUrl, String keyName, String keySecret) {

        static Outcome none() {
            return new Outcome("", null, Map.of(), Map.of(), null, null, null, null);
        }

        static Outcome refused(String form, String error, Map<String, String> fieldErrors,
                Map<String, String> typed) {
            return new Outcome(form, fieldErrors.isEmpty() ? error : null, fieldErrors, typed, null, null, null,
                    null);
        }

        static Outcome invited(String email, String acceptUrl) {
            return new Outcome("invite", null, Map.of(), Map.of(), email, acceptUrl, null, null);
        }

        static Outcome keyCreated(String name, String secret) {
            return new Outcome("apiKey", null, Map.of(), Map.of(), null, null, name, secret);
        }

        public boolean refusedIn(String name) {
            return form.equals(name) && (error != null || !fieldErrors.isEmpty());
        }

        public String typed(String field) {
            return typed.getOrDefault(field, "");
        }
    }
}
