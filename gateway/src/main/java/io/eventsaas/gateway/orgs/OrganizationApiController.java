package io.eventsaas.gateway.orgs;

import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.IdempotencyKey;
import io.eventsaas.gateway.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * Organisations, their members and their invitations over the JSON API. Every request forwards the caller; the
 * users service checks membership and role (404 when the caller is no member, 403 when their role does not allow it,
 * 409 when the last owner would go).
 */
@RestController
class OrganizationApiController {

    private final OrganizationsClient orgs;
    private final InvitationLinks links;
    private final ObjectMapper json;

    OrganizationApiController(OrganizationsClient orgs, InvitationLinks links, ObjectMapper json) {
        this.orgs = orgs;
        this.links = links;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/orgs", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrgResponse> create(SignedIn signedIn, HttpServletRequest request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        String commandId = IdempotencyKey.commandId(idempotencyKey);
        String name = JsonBody.read(request, json).requireStrings("name").get("name");
        Organization org = orgs.create(name, commandId, signedIn, CorrelationId.of(request));
        return ResponseEntity.created(location("/api/v1/orgs/{id}", org.orgId())).body(OrgResponse.of(org));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}", produces = MediaType.APPLICATION_JSON_VALUE)
    OrgResponse get(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request) {
        return OrgResponse.of(orgs.get(orgId, signedIn, CorrelationId.of(request)));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}/members", produces = MediaType.APPLICATION_JSON_VALUE)
    MembersResponse members(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request) {
        return MembersResponse.of(orgId, orgs.members(orgId, signedIn, CorrelationId.of(request)));
    }

    @PatchMapping(path = "/api/v1/orgs/{orgId}/members/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    MembersResponse changeRole(@PathVariable String orgId, @PathVariable String userId, SignedIn signedIn,
            HttpServletRequest request) {
        String role = JsonBody.read(request, json).requireStrings("role").get("role");
        return MembersResponse.of(orgId, orgs.changeRole(orgId, userId, role, signedIn, CorrelationId.of(request)));
    }

    /** Removes a member, or leaves when the user is the caller. */
    @DeleteMapping("/api/v1/orgs/{orgId}/members/{userId}")
    ResponseEntity<Void> remove(@PathVariable String orgId, @PathVariable String userId, SignedIn signedIn,
            HttpServletRequest request) {
        orgs.remove(orgId, userId, signedIn, CorrelationId.of(request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/v1/orgs/{orgId}/invitations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InvitationResponse> invite(@PathVariable String orgId, SignedIn signedIn,
            HttpServletRequest request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        String commandId = IdempotencyKey.commandId(idempotencyKey);
        Map<String, String> fields = JsonBody.read(request, json).requireStrings("email", "role");
        IssuedInvitation issued = orgs.invite(orgId, fields.get("email"), fields.get("role"), commandId, signedIn,
                CorrelationId.of(request));
        return ResponseEntity.created(location("/api/v1/orgs/{id}/invitations", orgId))
                .body(new InvitationResponse(issued.invitationId(), links.acceptUrl(issued.token(), request),
                        text(issued.expiresAt())));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}/invitations", produces = MediaType.APPLICATION_JSON_VALUE)
    InvitationsResponse invitations(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request) {
        return InvitationsResponse.of(orgId, orgs.invitations(orgId, signedIn, CorrelationId.of(request)));
    }

    @DeleteMapping("/api/v1/orgs/{orgId}/invitations/{invitationId}")
    ResponseEntity<Void> revoke(@PathVariable String orgId, @PathVariable String invitationId, SignedIn signedIn,
            HttpServletRequest request) {
        orgs.revokeInvitation(orgId, invitationId, signedIn, CorrelationId.of(request));
        return ResponseEntity.noContent().build();
    }

    static URI location(String template, String id) {
        return UriComponentsBuilder.fromPath(template).buildAndExpand(id).encode().toUri();
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    record OrgResponse(String orgId, String name, boolean personal, String role, int memberCount, String createdAt) {
        static OrgResponse of(Organization org) {
            return new OrgResponse(org.orgId(), org.name(), org.personal(), org.callerRole(), org.memberCount(),
                    text(org.createdAt()));
        }
    }

    record MembersResponse(String orgId, List<MemberResponse> members) {
        static MembersResponse of(String orgId, List<OrgMember> members) {
            return new MembersResponse(orgId, members.stream().map(member -> new MemberResponse(member.userId(),
                    member.name(), member.email(), member.role(), text(member.joinedAt()))).toList());
        }
    }

    record MemberResponse(String userId, String name, String email, String role, String joinedAt) {
    }

    record InvitationResponse(String invitationId, String acceptUrl, String expiresAt) {
    }

    record InvitationsResponse(String orgId, List<OpenInvitationResponse> invitations) {
        static InvitationsResponse of(String orgId, List<OpenInvitation> invitations) {
            return new InvitationsResponse(orgId, invitations.stream().map(invitation -> new OpenInvitationResponse(
                    invitation.invitationId(), invitation.email(), invitation.role(), invitation.invitedByUserId(),
                    text(invitation.invitedAt()), text(invitation.expiresAt()))).toList());
        }
    }

    record OpenInvitationResponse(String invitationId, String email, String role, String invitedBy, String invitedAt,
            String expiresAt) {
    }
}
