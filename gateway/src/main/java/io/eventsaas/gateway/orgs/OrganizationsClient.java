package io.eventsaas.gateway.orgs;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Endpoints.Endpoint;
import io.eventsaas.contracts.users.AcceptInvitation;
import io.eventsaas.contracts.users.ApiKey;
import io.eventsaas.contracts.users.ApiKeyIssued;
import io.eventsaas.contracts.users.ApiKeyList;
import io.eventsaas.contracts.users.ChangeMemberRole;
import io.eventsaas.contracts.users.CreateApiKey;
import io.eventsaas.contracts.users.CreateOrganization;
import io.eventsaas.contracts.users.GetInvitation;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.Invitation;
import io.eventsaas.contracts.users.InvitationDetails;
import io.eventsaas.contracts.users.InvitationIssued;
import io.eventsaas.contracts.users.InvitationList;
import io.eventsaas.contracts.users.InviteMember;
import io.eventsaas.contracts.users.ListApiKeys;
import io.eventsaas.contracts.users.ListInvitations;
import io.eventsaas.contracts.users.ListMembers;
import io.eventsaas.contracts.users.Member;
import io.eventsaas.contracts.users.MemberList;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.contracts.users.RemoveMember;
import io.eventsaas.contracts.users.RevokeApiKey;
import io.eventsaas.contracts.users.RevokeInvitation;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.users.UsersClient;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The users service's organisations, members, invitations and API keys as the gateway sees them: plain records,
 * protobuf only here. Every call carries the caller; user-service checks membership and role (404 for a
 * non-member, 403 for a missing role) — the gateway decides nothing.
 */
@Component
public class OrganizationsClient {

    private static final Map<String, String> FIELD_NAMES = Map.of(
            "organization_id", "orgId",
            "user_id", "userId",
            "invitation_id", "invitationId",
            "api_key_id", "keyId");

    private final RpcClient rpc;

    OrganizationsClient(RpcClient rpc) {
        this.rpc = rpc;
    }

    public Organization create(String name, String commandId, SignedIn who, String correlationId) {
        CreateOrganization command = CreateOrganization.newBuilder().setName(name).setCommandId(commandId).build();
        return organization(call(Endpoints.CREATE_ORGANIZATION, command, OrganizationDetails.parser(), correlationId,
                who));
    }

    public Organization get(String orgId, SignedIn who, String correlationId) {
        GetOrganization query = GetOrganization.newBuilder().setOrganizationId(orgId).build();
        return organization(call(Endpoints.GET_ORGANIZATION, query, OrganizationDetails.parser(), correlationId, who));
    }

    public List<OrgMember> members(String orgId, SignedIn who, String correlationId) {
        ListMembers query = ListMembers.newBuilder().setOrganizationId(orgId).build();
        return members(call(Endpoints.LIST_MEMBERS, query, MemberList.parser(), correlationId, who));
    }

    public List<OrgMember> changeRole(String orgId, String userId, String role, SignedIn who, String correlationId) {
        ChangeMemberRole command = ChangeMemberRole.newBuilder().setOrganizationId(orgId).setUserId(userId)
                .setRole(role).build();
        return members(call(Endpoints.CHANGE_MEMBER_ROLE, command, MemberList.parser(), correlationId, who));
    }

    /** Removes a member, or leaves when the user is the caller. */
    public List<OrgMember> remove(String orgId, String userId, SignedIn who, String correlationId) {
        RemoveMember command = RemoveMember.newBuilder().setOrganizationId(orgId).setUserId(userId).build();
        return members(call(Endpoints.REMOVE_MEMBER, command, MemberList.parser(), correlationId, who));
    }

    public IssuedInvitation invite(String orgId, String email, String role, String commandId, SignedIn who,
            String correlationId) {
        InviteMember command = InviteMember.newBuilder().setOrganizationId(orgId).setEmail(email).setRole(role)
                .setCommandId(commandId).build();
        InvitationIssued reply = call(Endpoints.INVITE_MEMBER, command, InvitationIssued.parser(), correlationId, who);
        return new IssuedInvitation(reply.getInvitationId(), reply.getToken(), instantOrNull(reply.hasExpiresAt(),
                reply.getExpiresAt()));
    }

    public List<OpenInvitation> invitations(String orgId, SignedIn who, String correlationId) {
        ListInvitations query = ListInvitations.newBuilder().setOrganizationId(orgId).build();
        return invitations(call(Endpoints.LIST_INVITATIONS, query, InvitationList.parser(), correlationId, who));
    }

    public List<OpenInvitation> revokeInvitation(String orgId, String invitationId, SignedIn who,
            String correlationId) {
        RevokeInvitation command = RevokeInvitation.newBuilder().setOrganizationId(orgId)
                .setInvitationId(invitationId).build();
        return invitations(call(Endpoints.REVOKE_INVITATION, command, InvitationList.parser(), correlationId, who));
    }

    /** What an invitation link is about; anyone holding the link may ask. */
    public InvitationSummary invitation(String token, String correlationId) {
        GetInvitation query = GetInvitation.newBuilder().setToken(token).build();
        InvitationDetails reply = call(Endpoints.GET_INVITATION, query, InvitationDetails.parser(), correlationId,
                null);
        return new InvitationSummary(reply.getInvitationId(), reply.getOrganizationId(), reply.getOrganizationName(),
                reply.getRole(), reply.getInvitedByName(), reply.getEmail(), reply.getStatus(),
                instantOrNull(reply.hasExpiresAt(), reply.getExpiresAt()));
    }

    public Organization accept(String token, SignedIn who, String correlationId) {
        AcceptInvitation command = AcceptInvitation.newBuilder().setToken(token).build();
        return organization(call(Endpoints.ACCEPT_INVITATION, command, OrganizationDetails.parser(), correlationId,
                who));
    }

    public IssuedApiKey createApiKey(String orgId, String name, String role, String commandId, SignedIn who,
            String correlationId) {
        CreateApiKey command = CreateApiKey.newBuilder().setOrganizationId(orgId).setName(name)
                .setRole(role == null ? "" : role).setCommandId(commandId).build();
        ApiKeyIssued reply = call(Endpoints.CREATE_API_KEY, command, ApiKeyIssued.parser(), correlationId, who);
        return new IssuedApiKey(apiKey(reply.getApiKey()), reply.getSecret());
    }

    public List<OrgApiKey> apiKeys(String orgId, SignedIn who, String correlationId) {
        ListApiKeys query = ListApiKeys.newBuilder().setOrganizationId(orgId).build();
        return apiKeys(call(Endpoints.LIST_API_KEYS, query, ApiKeyList.parser(), correlationId, who));
    }

    public List<OrgApiKey> revokeApiKey(String orgId, String keyId, SignedIn who, String correlationId) {
        RevokeApiKey command = RevokeApiKey.newBuilder().setOrganizationId(orgId).setApiKeyId(keyId).build();
        return apiKeys(call(Endpoints.REVOKE_API_KEY, command, ApiKeyList.parser(), correlationId, who));
    }

    private static Organization organization(OrganizationDetails reply) {
        return new Organization(reply.getOrganizationId(), reply.getName(), reply.getPersonal(),
                reply.getCallerRole(), reply.getMemberCount(), instantOrNull(reply.hasCreatedAt(),
                reply.getCreatedAt()));
    }

    private static List<OrgMember> members(MemberList reply) {
        return reply.getMembersList().stream().map(OrganizationsClient::member).toList();
    }

    private static OrgMember member(Member member) {
        return new OrgMember(member.getUserId(), member.getDisplayName(), member.getEmail(), member.getRole(),
                instantOrNull(member.hasJoinedAt(), member.getJoinedAt()));
    }

    private static List<OpenInvitation> invitations(InvitationList reply) {
        return reply.getInvitationsList().stream().map(OrganizationsClient::invitation).toList();
    }

    private static OpenInvitation invitation(Invitation invitation) {
        return new OpenInvitation(invitation.getInvitationId(), invitation.getEmail(), invitation.getRole(),
                invitation.getInvitedByUserId(), instantOrNull(invitation.hasInvitedAt(), invitation.getInvitedAt()),
                instantOrNull(invitation.hasExpiresAt(), invitation.getExpiresAt()));
    }

    private static List<OrgApiKey> apiKeys(ApiKeyList reply) {
        return reply.getApiKeysList().stream().map(OrganizationsClient::apiKey).toList();
    }

    private static OrgApiKey apiKey(ApiKey key) {
        return new OrgApiKey(key.getApiKeyId(), key.getName(), key.getRole(), key.getPrefix(),
                key.getCreatedByUserId(), instantOrNull(key.hasCreatedAt(), key.getCreatedAt()));
    }

    private static Instant instantOrNull(boolean present, Timestamp timestamp) {
        return present ? Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()) : null;
    }

    private <R extends Message> R call(Endpoint endpoint, Message request, Parser<R> parser, String correlationId,
            SignedIn who) {
        try {
            return rpc.call(endpoint, request, parser, correlationId, who == null ? null : who.caller());
        } catch (RpcException e) {
            throw UsersClient.renamed(e, FIELD_NAMES);
        }
    }
}
