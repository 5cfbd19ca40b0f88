package io.eventsaas.users.nats;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AcceptInvitation;
import io.eventsaas.contracts.users.ApiKey;
import io.eventsaas.contracts.users.ApiKeyIssued;
import io.eventsaas.contracts.users.ApiKeyList;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.AuthenticateApiKey;
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
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.users.access.Access;
import io.eventsaas.users.apikeys.ApiKeysHandler;
import io.eventsaas.users.domain.OrganizationActor;
import io.eventsaas.users.invitations.InvitationsHandler;
import io.eventsaas.users.membership.MembershipHandler;
import io.eventsaas.users.organizations.OrganizationsHandler;
import io.eventsaas.users.store.OrganizationsReadModel.ApiKeyView;
import io.eventsaas.users.store.OrganizationsReadModel.InvitationView;
import io.eventsaas.users.store.OrganizationsReadModel.MemberView;
import java.util.List;
import java.util.UUID;

/**
 * The organisation endpoints ({@code rpc.users.*}, organizations.proto): protobuf in and out, the caller read from
 * the {@code Caller} header and handed on as an {@link OrganizationActor}. Every decision about what the caller may
 * do is the handlers' (and, for commands, the aggregate's).
 */
final class OrganizationEndpoints {

    static final String ERASED_USER = "Erased user";

    private final OrganizationsHandler organizations;
    private final MembershipHandler membership;
    private final InvitationsHandler invitations;
    private final ApiKeysHandler apiKeys;

    OrganizationEndpoints(OrganizationsHandler organizations, MembershipHandler membership,
            InvitationsHandler invitations, ApiKeysHandler apiKeys) {
        this.organizations = organizations;
        this.membership = membership;
        this.invitations = invitations;
        this.apiKeys = apiKeys;
    }

    RpcServer registerOn(RpcServer server) {
        return server
                .endpoint(Endpoints.CREATE_ORGANIZATION, CreateOrganization.parser(), this::createOrganization)
                .endpoint(Endpoints.GET_ORGANIZATION, GetOrganization.parser(), this::getOrganization)
                .endpoint(Endpoints.LIST_MEMBERS, ListMembers.parser(), this::listMembers)
                .endpoint(Endpoints.CHANGE_MEMBER_ROLE, ChangeMemberRole.parser(), this::changeMemberRole)
                .endpoint(Endpoints.REMOVE_MEMBER, RemoveMember.parser(), this::removeMember)
                .endpoint(Endpoints.INVITE_MEMBER, InviteMember.parser(), this::inviteMember)
                .endpoint(Endpoints.LIST_INVITATIONS, ListInvitations.parser(), this::listInvitations)
                .endpoint(Endpoints.REVOKE_INVITATION, RevokeInvitation.parser(), this::revokeInvitation)
                .endpoint(Endpoints.GET_INVITATION, GetInvitation.parser(), this::getInvitation)
                .endpoint(Endpoints.ACCEPT_INVITATION, AcceptInvitation.parser(), this::acceptInvitation)
                .endpoint(Endpoints.CREATE_API_KEY, CreateApiKey.parser(), this::createApiKey)
                .endpoint(Endpoints.LIST_API_KEYS, ListApiKeys.parser(), this::listApiKeys)
                .endpoint(Endpoints.REVOKE_API_KEY, RevokeApiKey.parser(), this::revokeApiKey)
                .endpoint(Endpoints.AUTHENTICATE_API_KEY, AuthenticateApiKey.parser(), this::authenticateApiKey);
    }

    OrganizationDetails createOrganization(CreateOrganization request, RpcContext context) {
        UUID user = userOf(Callers.requireUser(context));
        return details(organizations.create(user, request.getCommandId(), request.getName(),
                context.correlationId()));
    }

    OrganizationDetails getOrganization(GetOrganization request, RpcContext context) {
        return details(organizations.get(actor(context), request.getOrganizationId()));
    }

    MemberList listMembers(ListMembers request, RpcContext context) {
        return members(request.getOrganizationId(),
                membership.members(actor(context), request.getOrganizationId()));
    }

    MemberList changeMemberRole(ChangeMemberRole request, RpcContext context) {
        return members(request.getOrganizationId(), membership.changeRole(actor(context),
                request.getOrganizationId(), request.getUserId(), request.getRole(), context.correlationId()));
    }

    MemberList removeMember(RemoveMember request, RpcContext context) {
        return members(request.getOrganizationId(), membership.remove(actor(context), request.getOrganizationId(),
                request.getUserId(), context.correlationId()));
    }

    InvitationIssued inviteMember(InviteMember request, RpcContext context) {
        var issued = invitations.invite(actor(context), request.getOrganizationId(), request.getEmail(),
                request.getRole(), request.getCommandId(), context.correlationId());
        return InvitationIssued.newBuilder()
                .setInvitationId(issued.invitationId().toString())
                .setToken(issued.token())
                .setExpiresAt(OrganizationEventCodec.timestamp(issued.expiresAt()))
                .build();
    }

    InvitationList listInvitations(ListInvitations request, RpcContext context) {
        return invitationList(request.getOrganizationId(),
                invitations.open(actor(context), request.getOrganizationId()));
    }

    InvitationList revokeInvitation(RevokeInvitation request, RpcContext context) {
        return invitationList(request.getOrganizationId(), invitations.revoke(actor(context),
                request.getOrganizationId(), request.getInvitationId(), context.correlationId()));
    }

    InvitationDetails getInvitation(GetInvitation request, RpcContext context) {
        var found = invitations.byToken(request.getToken());
        InvitationView i = found.invitation();
        return InvitationDetails.newBuilder()
                .setInvitationId(i.invitationId().toString())
                .setOrganizationId(i.organizationId().toString())
                .setOrganizationName(i.organizationName())
                .setRole(i.role())
                .setInvitedByName(i.invitedByUserId() == null ? ""
                        : i.invitedByName() == null ? ERASED_USER : i.invitedByName())
                .setEmail(i.email())
                .setStatus(found.status())
                .setExpiresAt(OrganizationEventCodec.timestamp(i.expiresAt()))
                .build();
    }

    OrganizationDetails acceptInvitation(AcceptInvitation request, RpcContext context) {
        UUID user = userOf(Callers.requireUser(context));
        return details(invitations.accept(user, request.getToken(), context.correlationId()));
    }

    ApiKeyIssued createApiKey(CreateApiKey request, RpcContext context) {
        var issued = apiKeys.create(actor(context), request.getOrganizationId(), request.getName(),
                request.getRole(), request.getCommandId(), context.correlationId());
        return ApiKeyIssued.newBuilder().setApiKey(apiKey(issued.apiKey())).setSecret(issued.secret()).build();
    }

    ApiKeyList listApiKeys(ListApiKeys request, RpcContext context) {
        return apiKeyList(request.getOrganizationId(), apiKeys.active(actor(context), request.getOrganizationId()));
    }

    ApiKeyList revokeApiKey(RevokeApiKey request, RpcContext context) {
        return apiKeyList(request.getOrganizationId(), apiKeys.revoke(actor(context), request.getOrganizationId(),
                request.getApiKeyId(), context.correlationId()));
    }

    Authentication authenticateApiKey(AuthenticateApiKey request, RpcContext context) {
        ApiKeyView key = apiKeys.authenticate(request.getApiKey());
        return Authentication.newBuilder()
                .setCaller(Caller.newBuilder()
                        .setApiKeyId(key.apiKeyId().toString())
                        .setOrganizationId(key.organizationId().toString())
                        .setRole(key.role()))
                .setDisplayName(key.name())
                .build();
    }

    /** A user or an API key (401 without a caller). */
    static OrganizationActor actor(RpcContext context) {
        Caller caller = Callers.require(context);
        if (!caller.getUserId().isEmpty()) {
            return new OrganizationActor.User(userOf(caller));
        }
        return new OrganizationActor.ApiKey(Access.Ids.parse(caller.getApiKeyId())
                .orElseThrow(() -> RpcException.unauthorized("the API key is revoked or unknown")));
    }

    private static UUID userOf(Caller caller) {
        return Access.Ids.parse(caller.getUserId())
                .orElseThrow(() -> RpcException.unauthorized("the caller names no valid user"));
    }

    private static OrganizationDetails details(Access.Granted granted) {
        var org = granted.organization();
        return OrganizationDetails.newBuilder()
                .setOrganizationId(org.organizationId().toString())
                .setName(org.name())
                .setPersonal(org.personal())
                .setCallerRole(granted.role().wireName())
                .setMemberCount(org.memberCount())
                .setCreatedAt(OrganizationEventCodec.timestamp(org.createdAt()))
                .build();
    }

    private static MemberList members(String organizationId, List<MemberView> members) {
        MemberList.Builder list = MemberList.newBuilder().setOrganizationId(organizationId.strip());
        for (MemberView m : members) {
            boolean erased = m.email() == null || m.email().isEmpty();
            Member.Builder member = Member.newBuilder()
                    .setUserId(m.userId().toString())
                    .setDisplayName(erased || m.displayName() == null ? ERASED_USER : m.displayName())
                    .setEmail(erased ? "" : m.email())
                    .setRole(m.role());
            if (m.joinedAt() != null) {
                member.setJoinedAt(OrganizationEventCodec.timestamp(m.joinedAt()));
            }
            list.addMembers(member);
        }
        return list.build();
    }

    private static InvitationList invitationList(String organizationId, List<InvitationView> invitations) {
        InvitationList.Builder list = InvitationList.newBuilder().setOrganizationId(organizationId.strip());
        for (InvitationView i : invitations) {
            list.addInvitations(Invitation.newBuilder()
                    .setInvitationId(i.invitationId().toString())
                    .setEmail(i.email())
                    .setRole(i.role())
                    .setInvitedByUserId(i.invitedByUserId() == null ? "" : i.invitedByUserId().toString())
                    .setInvitedAt(OrganizationEventCodec.timestamp(i.invitedAt()))
                    .setExpiresAt(OrganizationEventCodec.timestamp(i.expiresAt())));
        }
        return list.build();
    }

    private static ApiKeyList apiKeyList(String organizationId, List<ApiKeyView> keys) {
        ApiKeyList.Builder list = ApiKeyList.newBuilder().setOrganizationId(organizationId.strip());
        keys.forEach(key -> list.addApiKeys(apiKey(key)));
        return list.build();
    }

    private static ApiKey apiKey(ApiKeyView key) {
        return ApiKey.newBuilder()
                .setApiKeyId(key.apiKeyId().toString())
                .setName(key.name())
                .setRole(key.role())
                .setPrefix(key.prefix())
                .setCreatedByUserId(key.createdByUserId() == null ? "" : key.createdByUserId().toString())
                .setCreatedAt(OrganizationEventCodec.timestamp(key.createdAt()))
                .build();
    }
}
