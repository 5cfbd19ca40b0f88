package io.eventsaas.users;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AcceptInvitation;
import io.eventsaas.contracts.users.ApiKeyIssued;
import io.eventsaas.contracts.users.ApiKeyList;
import io.eventsaas.contracts.users.AuthenticateApiKey;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.ChangeMemberRole;
import io.eventsaas.contracts.users.CreateApiKey;
import io.eventsaas.contracts.users.CreateOrganization;
import io.eventsaas.contracts.users.GetInvitation;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.InvitationDetails;
import io.eventsaas.contracts.users.InvitationIssued;
import io.eventsaas.contracts.users.InvitationList;
import io.eventsaas.contracts.users.InviteMember;
import io.eventsaas.contracts.users.ListApiKeys;
import io.eventsaas.contracts.users.ListInvitations;
import io.eventsaas.contracts.users.ListMembers;
import io.eventsaas.contracts.users.MemberList;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.contracts.users.RemoveMember;
import io.eventsaas.contracts.users.RevokeApiKey;
import io.eventsaas.contracts.users.RevokeInvitation;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The organisation endpoints as the gateway calls them: each call on behalf of a {@link Caller}. */
final class OrganizationsClient implements AutoCloseable {

    private final NatsConnector connector;
    private final RpcClient rpc;
    final EventStore eventStore;

    OrganizationsClient(String namespace) throws Exception {
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(15), Duration.ofHours(1)), "organizations-test-client");
        connector.awaitConnection(Duration.ofSeconds(10));
        rpc = new RpcClient(connector);
        eventStore = new EventStore(connector, Clock.systemUTC());
    }

    static Caller user(String userId) {
        return Caller.newBuilder().setUserId(userId).setSessionId("s-" + userId).build();
    }

    <R extends Message> R call(Endpoints.Endpoint endpoint, Message request, Parser<R> parser, Caller caller) {
        return rpc.call(endpoint, request, parser, "corr-" + UUID.randomUUID(), caller);
    }

    OrganizationDetails create(Caller caller, String name) {
        return call(Endpoints.CREATE_ORGANIZATION, CreateOrganization.newBuilder()
                .setCommandId(UUID.randomUUID().toString()).setName(name).build(), OrganizationDetails.parser(), caller);
    }

    OrganizationDetails get(Caller caller, String org) {
        return call(Endpoints.GET_ORGANIZATION, GetOrganization.newBuilder().setOrganizationId(org).build(),
                OrganizationDetails.parser(), caller);
    }

    MemberList members(Caller caller, String org) {
        return call(Endpoints.LIST_MEMBERS, ListMembers.newBuilder().setOrganizationId(org).build(),
                MemberList.parser(), caller);
    }

    MemberList changeRole(Caller caller, String org, String userId, String role) {
        return call(Endpoints.CHANGE_MEMBER_ROLE, ChangeMemberRole.newBuilder().setOrganizationId(org)
                .setUserId(userId).setRole(role).build(), MemberList.parser(), caller);
    }

    MemberList remove(Caller caller, String org, String userId) {
        return call(Endpoints.REMOVE_MEMBER, RemoveMember.newBuilder().setOrganizationId(org).setUserId(userId)
                .build(), MemberList.parser(), caller);
    }

    InvitationIssued invite(Caller caller, String org, String email, String role) {
        return call(Endpoints.INVITE_MEMBER, InviteMember.newBuilder().setOrganizationId(org).setEmail(email)
                .setRole(role).setCommandId(UUID.randomUUID().toString()).build(), InvitationIssued.parser(), caller);
    }

    InvitationList invitations(Caller caller, String org) {
        return call(Endpoints.LIST_INVITATIONS, ListInvitations.newBuilder().setOrganizationId(org).build(),
                InvitationList.parser(), caller);
    }

    InvitationList revokeInvitation(Caller caller, String org, String invitationId) {
        return call(Endpoints.REVOKE_INVITATION, RevokeInvitation.newBuilder().setOrganizationId(org)
                .setInvitationId(invitationId).build(), InvitationList.parser(), caller);
    }

    InvitationDetails invitation(String token) {
        return call(Endpoints.GET_INVITATION, GetInvitation.newBuilder().setToken(token).build(),
                InvitationDetails.parser(), null);
    }

    OrganizationDetails accept(Caller caller, String token) {
        return call(Endpoints.ACCEPT_INVITATION, AcceptInvitation.newBuilder().setToken(token).build(),
                OrganizationDetails.parser(), caller);
    }

    ApiKeyIssued createApiKey(Caller caller, String org, String name, String role) {
        return call(Endpoints.CREATE_API_KEY, CreateApiKey.newBuilder().setOrganizationId(org).setName(name)
                .setRole(role).setCommandId(UUID.randomUUID().toString()).build(), ApiKeyIssued.parser(), caller);
    }

    ApiKeyList apiKeys(Caller caller, String org) {
        return call(Endpoints.LIST_API_KEYS, ListApiKeys.newBuilder().setOrganizationId(org).build(),
                ApiKeyList.parser(), caller);
    }

    ApiKeyList revokeApiKey(Caller caller, String org, String keyId) {
        return call(Endpoints.REVOKE_API_KEY, RevokeApiKey.newBuilder().setOrganizationId(org).setApiKeyId(keyId)
                .build(), ApiKeyList.parser(), caller);
    }

    Authentication authenticate(String secret) {
        return call(Endpoints.AUTHENTICATE_API_KEY, AuthenticateApiKey.newBuilder().setApiKey(secret).build(),
                Authentication.parser(), null);
    }

    /** The organisation's version: the stream sequence of its last message (0 for none). */
    long version(String org) {
        return eventStore.versionOf(Streams.ORGANIZATION, org);
    }

    long lastSequence() {
        return eventStore.lastSequence();
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
