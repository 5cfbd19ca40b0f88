package io.eventsaas.users;

import static io.eventsaas.users.OrganizationsClient.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AcceptInvitation;
import io.eventsaas.contracts.users.ApiKeyIssued;
import io.eventsaas.contracts.users.ApiKeyList;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.ChangeMemberRole;
import io.eventsaas.contracts.users.CreateApiKey;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.InvitationIssued;
import io.eventsaas.contracts.users.InvitationList;
import io.eventsaas.contracts.users.InviteMember;
import io.eventsaas.contracts.users.ListApiKeys;
import io.eventsaas.contracts.users.ListInvitations;
import io.eventsaas.contracts.users.ListMembers;
import io.eventsaas.contracts.users.Member;
import io.eventsaas.contracts.users.MemberList;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.RemoveMember;
import io.eventsaas.contracts.users.RevokeApiKey;
import io.eventsaas.contracts.users.RevokeInvitation;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The organisation endpoints against one instance, over real NATS and PostgreSQL, called as the gateway calls them. */
@DisplayName("organisations, members, invitations and API keys")
class OrganizationsIT {

    @RegisterExtension
    static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_orgs", 1,
            UserServiceInstance::start);
    private static UsersClient users;
    private static OrganizationsClient orgs;

    @BeforeAll
    static void connect() throws Exception {
        users = service.closeAfterAll(new UsersClient(service.namespace()));
        orgs = service.closeAfterAll(new OrganizationsClient(service.namespace()));
    }

    record Person(String userId, String email, String name, Caller caller) {
    }

    static Person person(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org";
        String userId = users.register(email, name).getUserId();
        return new Person(userId, email, name, user(userId));
    }

    static RpcStatus statusOf(Runnable call) {
        RpcException e = catchThrowableOfType(RpcException.class, call::run);
        assertThat(e).as("the call was refused").isNotNull();
        return e.status();
    }

    /** An organisation with an owner, an admin and a member who joined by invitation. */
    record Team(String org, Person owner, Person admin, Person member) {
    }

    static Team team(String name) {
        Person owner = person(name + " Owner");
        Person admin = person(name + " Admin");
        Person member = person(name + " Member");
        String org = orgs.create(owner.caller(), name).getOrganizationId();
        orgs.accept(admin.caller(), orgs.invite(owner.caller(), org, admin.email(), "admin").getToken());
        orgs.accept(member.caller(), orgs.invite(owner.caller(), org, member.email(), "member").getToken());
        return new Team(org, owner, admin, member);
    }

    private static String roleOf(MemberList list, String userId) {
        return list.getMembersList().stream().filter(m -> m.getUserId().equals(userId)).map(Member::getRole)
                .findFirst().orElse("none");
    }

    @Test
    @DisplayName("given a signed-in user, when they create an organisation, invite, the invitee accepts, roles change "
            + "and members go, then every next read shows it at once")
    void wholeFlow() {
        Person ann = person("Ann Flow");
        Person bob = person("Bob Flow");

        OrganizationDetails created = orgs.create(ann.caller(), "  Acme Flow ");
        assertThat(created.getName()).isEqualTo("Acme Flow");
        assertThat(created.getCallerRole()).isEqualTo("owner");
        assertThat(created.getMemberCount()).isEqualTo(1);
        assertThat(created.getPersonal()).isFalse();
        String org = created.getOrganizationId();

        InvitationIssued issued = orgs.invite(ann.caller(), org, "  " + bob.email().toUpperCase() + " ", "admin");
        assertThat(issued.getToken()).hasSizeGreaterThanOrEqualTo(43);
        InvitationList open = orgs.invitations(ann.caller(), org);
        assertThat(open.getInvitationsList()).singleElement().satisfies(i -> {
            assertThat(i.getEmail()).isEqualTo(bob.email());
            assertThat(i.getRole()).isEqualTo("admin");
            assertThat(i.getInvitedByUserId()).isEqualTo(ann.userId());
        });
        var details = orgs.invitation(issued.getToken());
        assertThat(details.getStatus()).isEqualTo("open");
        assertThat(details.getOrganizationName()).isEqualTo("Acme Flow");
        assertThat(details.getInvitedByName()).isEqualTo("Ann Flow");

        OrganizationDetails joined = orgs.accept(bob.caller(), issued.getToken());
        assertThat(joined.getCallerRole()).isEqualTo("admin");
        assertThat(joined.getMemberCount()).isEqualTo(2);
        assertThat(orgs.invitation(issued.getToken()).getStatus()).isEqualTo("accepted");
        assertThat(orgs.invitations(ann.caller(), org).getInvitationsList()).isEmpty();

        MemberList members = orgs.members(bob.caller(), org);
        assertThat(members.getMembersList()).extracting(Member::getUserId, Member::getDisplayName, Member::getEmail,
                        Member::getRole)
                .containsExactly(
                        tuple(ann.userId(), "Ann Flow", ann.email(), "owner"),
                        tuple(bob.userId(), "Bob Flow", bob.email(), "admin"));
        assertThat(users.getUser(bob.userId()).getOrganizationsList()).extracting(OrganizationSummary::getOrganizationId,
                OrganizationSummary::getRole).contains(tuple(org, "admin"));

        assertThat(roleOf(orgs.changeRole(ann.caller(), org, bob.userId(), "owner"), bob.userId())).isEqualTo("owner");
        assertThat(roleOf(orgs.changeRole(bob.caller(), org, ann.userId(), "member"), ann.userId()))
                .isEqualTo("member");
        MemberList afterLeave = orgs.remove(ann.caller(), org, ann.userId());
        assertThat(afterLeave.getMembersList()).extracting(Member::getUserId).containsExactly(bob.userId());
        assertThat(users.getUser(ann.userId()).getOrganizationsList())
                .noneMatch(o -> o.getOrganizationId().equals(org));
        assertThat(statusOf(() -> orgs.get(ann.caller(), org))).isEqualTo(RpcStatus.NOT_FOUND);
    }

    @Test
    @DisplayName("given the only owner, when they leave, are demoted or removed, then 409 and nothing is appended")
    void lastOwnerStays() {
        Team team = team("Last Owner");
        long version = orgs.version(team.org());

        assertThat(statusOf(() -> orgs.remove(team.owner().caller(), team.org(), team.owner().userId())))
                .isEqualTo(RpcStatus.CONFLICT);
        assertThat(statusOf(() -> orgs.changeRole(team.owner().caller(), team.org(), team.owner().userId(), "admin")))
                .isEqualTo(RpcStatus.CONFLICT);
        assertThat(statusOf(() -> orgs.remove(team.admin().caller(), team.org(), team.owner().userId())))
                .isEqualTo(RpcStatus.FORBIDDEN);
        assertThat(statusOf(() -> orgs.changeRole(team.admin().caller(), team.org(), team.member().userId(), "owner")))
                .isEqualTo(RpcStatus.FORBIDDEN);
        assertThat(statusOf(() -> orgs.changeRole(team.member().caller(), team.org(), team.admin().userId(), "member")))
                .isEqualTo(RpcStatus.FORBIDDEN);
        assertThat(orgs.version(team.org())).isEqualTo(version);
    }

    @Test
    @DisplayName("given invitations, when revoked (410), accepted twice (409), accepted by a member (409), or the "
            + "token is unknown (404), then refused and nothing is appended")
    void invitationRefusals() {
        Team team = team("Refusals");
        Person carol = person("Carol Refused");
        InvitationIssued revoked = orgs.invite(team.admin().caller(), team.org(), "carol@example.org", "member");
        assertThat(orgs.revokeInvitation(team.admin().caller(), team.org(), revoked.getInvitationId())
                .getInvitationsList()).noneMatch(i -> i.getInvitationId().equals(revoked.getInvitationId()));
        InvitationIssued accepted = orgs.invite(team.owner().caller(), team.org(), carol.email(), "member");
        orgs.accept(carol.caller(), accepted.getToken());
        InvitationIssued forMember = orgs.invite(team.owner().caller(), team.org(), "x@example.org", "member");
        long version = orgs.version(team.org());

        assertThat(orgs.invitation(revoked.getToken()).getStatus()).isEqualTo("revoked");
        assertThat(statusOf(() -> orgs.accept(person("Dan Late").caller(), revoked.getToken())))
                .isEqualTo(RpcStatus.GONE);
        assertThat(statusOf(() -> orgs.accept(person("Eve Second").caller(), accepted.getToken())))
                .isEqualTo(RpcStatus.CONFLICT);
        assertThat(statusOf(() -> orgs.accept(team.member().caller(), forMember.getToken())))
                .isEqualTo(RpcStatus.CONFLICT);
        assertThat(statusOf(() -> orgs.accept(carol.caller(), "no-such-token"))).isEqualTo(RpcStatus.NOT_FOUND);
        assertThat(statusOf(() -> orgs.invitation("no-such-token"))).isEqualTo(RpcStatus.NOT_FOUND);
        assertThat(statusOf(() -> orgs.accept(null, forMember.getToken()))).isEqualTo(RpcStatus.UNAUTHORIZED);
        assertThat(orgs.version(team.org())).isEqualTo(version);
        PersonalDataVault vault = service.instance().bean(PersonalDataVault.class);
        assertThat(vault.hasKey("invitation-" + revoked.getInvitationId()))
                .as("a revoked invitation's address is shredded").isFalse();
        assertThat(vault.hasKey("invitation-" + accepted.getInvitationId()))
                .as("an accepted invitation's address is shredded").isFalse();
        assertThat(vault.hasKey("invitation-" + forMember.getInvitationId()))
                .as("an open invitation's address stays readable").isTrue();
    }

    @Test
    @DisplayName("given API keys, then the secret starts esk_ and is never listed, the key authenticates as its "
            + "organisation and role, acts only there and within its role, and once revoked gets 401")
    void apiKeys() {
        Team team = team("Keys");
        Team other = team("Other Keys");
        ApiKeyIssued admin = orgs.createApiKey(team.admin().caller(), team.org(), "ci", "admin");
        ApiKeyIssued member = orgs.createApiKey(team.owner().caller(), team.org(), "reader", "");

        assertThat(admin.getSecret()).startsWith("esk_").startsWith(admin.getApiKey().getPrefix());
        assertThat(admin.getApiKey().getPrefix()).hasSize(12);
        assertThat(member.getApiKey().getRole()).isEqualTo("member");
        ApiKeyList listed = orgs.apiKeys(team.owner().caller(), team.org());
        assertThat(listed.getApiKeysList()).extracting(k -> k.getApiKeyId())
                .containsExactly(member.getApiKey().getApiKeyId(), admin.getApiKey().getApiKeyId());
        assertThat(listed.toString()).doesNotContain(admin.getSecret()).doesNotContain(member.getSecret());
        assertThat(statusOf(() -> orgs.createApiKey(team.admin().caller(), team.org(), "root", "owner")))
                .isEqualTo(RpcStatus.FORBIDDEN);

        Authentication auth = orgs.authenticate(admin.getSecret());
        assertThat(auth.getCaller().getApiKeyId()).isEqualTo(admin.getApiKey().getApiKeyId());
        assertThat(auth.getCaller().getOrganizationId()).isEqualTo(team.org());
        assertThat(auth.getCaller().getRole()).isEqualTo("admin");
        assertThat(auth.getCaller().getUserId()).isEmpty();
        assertThat(auth.getDisplayName()).isEqualTo("ci");
        Caller adminKey = auth.getCaller();
        Caller memberKey = orgs.authenticate(member.getSecret()).getCaller();

        assertThat(orgs.members(adminKey, team.org()).getMembersCount()).isEqualTo(3);
        assertThat(orgs.createApiKey(adminKey, team.org(), "child", "member").getApiKey().getCreatedByUserId())
                .isEmpty();
        assertThat(statusOf(() -> orgs.createApiKey(adminKey, team.org(), "escalate", "owner")))
                .isEqualTo(RpcStatus.FORBIDDEN);
        assertThat(statusOf(() -> orgs.invite(memberKey, team.org(), "m@example.org", "member")))
                .isEqualTo(RpcStatus.FORBIDDEN);
        assertThat(statusOf(() -> orgs.members(adminKey, other.org()))).isEqualTo(RpcStatus.NOT_FOUND);
        assertThat(statusOf(() -> orgs.create(adminKey, "Key Org"))).isEqualTo(RpcStatus.FORBIDDEN);
        // A forged caller naming another organisation and role changes nothing: the key's own record decides.
        Caller forged = adminKey.toBuilder().setOrganizationId(other.org()).setRole("owner").build();
        assertThat(statusOf(() -> orgs.members(forged, other.org()))).isEqualTo(RpcStatus.NOT_FOUND);

        orgs.revokeApiKey(team.owner().caller(), team.org(), admin.getApiKey().getApiKeyId());
        assertThat(statusOf(() -> orgs.authenticate(admin.getSecret()))).isEqualTo(RpcStatus.UNAUTHORIZED);
        assertThat(statusOf(() -> orgs.members(adminKey, team.org()))).isEqualTo(RpcStatus.UNAUTHORIZED);
        assertThat(statusOf(() -> orgs.authenticate("esk_not-a-key"))).isEqualTo(RpcStatus.UNAUTHORIZED);
        assertThat(statusOf(() -> orgs.authenticate("not even a key"))).isEqualTo(RpcStatus.UNAUTHORIZED);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("a blank organisation name", (Function<Team, Runnable>) t -> () -> orgs.call(
                        Endpoints.CREATE_ORGANIZATION, io.eventsaas.contracts.users.CreateOrganization.newBuilder()
                                .setCommandId("c-" + UUID.randomUUID()).setName("   ").build(),
                        OrganizationDetails.parser(), t.owner().caller()), RpcStatus.BAD_REQUEST),
                Arguments.of("a missing command id", (Function<Team, Runnable>) t -> () -> orgs.call(
                        Endpoints.CREATE_ORGANIZATION, io.eventsaas.contracts.users.CreateOrganization.newBuilder()
                                .setName("Fine").build(), OrganizationDetails.parser(), t.owner().caller()),
                        RpcStatus.BAD_REQUEST),
                Arguments.of("a bad role", (Function<Team, Runnable>) t -> () -> orgs.changeRole(t.owner().caller(),
                        t.org(), t.member().userId(), "king"), RpcStatus.BAD_REQUEST),
                Arguments.of("a bad invitation role", (Function<Team, Runnable>) t -> () -> orgs.invite(
                        t.owner().caller(), t.org(), "ok@example.org", "boss"), RpcStatus.BAD_REQUEST),
                Arguments.of("a bad e-mail", (Function<Team, Runnable>) t -> () -> orgs.invite(t.owner().caller(),
                        t.org(), "not-an-address", "member"), RpcStatus.BAD_REQUEST),
                Arguments.of("a blank API key name", (Function<Team, Runnable>) t -> () -> orgs.createApiKey(
                        t.owner().caller(), t.org(), " ", "member"), RpcStatus.BAD_REQUEST),
                Arguments.of("an unknown member", (Function<Team, Runnable>) t -> () -> orgs.changeRole(
                        t.owner().caller(), t.org(), UUID.randomUUID().toString(), "admin"), RpcStatus.NOT_FOUND),
                Arguments.of("a malformed member id", (Function<Team, Runnable>) t -> () -> orgs.remove(
                        t.owner().caller(), t.org(), "1-2-3-4-5"), RpcStatus.NOT_FOUND),
                Arguments.of("an unknown invitation", (Function<Team, Runnable>) t -> () -> orgs.revokeInvitation(
                        t.owner().caller(), t.org(), UUID.randomUUID().toString()), RpcStatus.NOT_FOUND),
                Arguments.of("an unknown API key", (Function<Team, Runnable>) t -> () -> orgs.revokeApiKey(
                        t.owner().caller(), t.org(), UUID.randomUUID().toString()), RpcStatus.NOT_FOUND),
                Arguments.of("an unknown organisation", (Function<Team, Runnable>) t -> () -> orgs.invite(
                        t.owner().caller(), UUID.randomUUID().toString(), "ok@example.org", "member"),
                        RpcStatus.NOT_FOUND),
                Arguments.of("no caller", (Function<Team, Runnable>) t -> () -> orgs.members(null, t.org()),
                        RpcStatus.UNAUTHORIZED));
    }

    private static Team badInputTeam;

    @ParameterizedTest(name = "given {0}, then {2} and the stream does not move")
    @MethodSource("badInput")
    void badInputChangesNothing(String what, Function<Team, Runnable> call, RpcStatus expected) {
        if (badInputTeam == null) {
            badInputTeam = team("Bad Input");
        }
        long last = orgs.lastSequence();

        assertThat(statusOf(call.apply(badInputTeam))).isEqualTo(expected);
        assertThat(orgs.lastSequence()).isEqualTo(last);
    }

    /** Every organisation endpoint, called by a caller of organisation B on organisation A. */
    static Stream<Arguments> everyEndpoint() {
        record Call(String name, Function<Context, Runnable> call) {
        }
        List<Call> calls = List.of(
                new Call("get-organization", c -> () -> orgs.call(Endpoints.GET_ORGANIZATION,
                        GetOrganization.newBuilder().setOrganizationId(c.a().org()).build(),
                        OrganizationDetails.parser(), c.caller())),
                new Call("list-members", c -> () -> orgs.call(Endpoints.LIST_MEMBERS,
                        ListMembers.newBuilder().setOrganizationId(c.a().org()).build(), MemberList.parser(),
                        c.caller())),
                new Call("change-member-role", c -> () -> orgs.call(Endpoints.CHANGE_MEMBER_ROLE,
                        ChangeMemberRole.newBuilder().setOrganizationId(c.a().org()).setUserId(c.a().member().userId())
                                .setRole("owner").build(), MemberList.parser(), c.caller())),
                new Call("remove-member", c -> () -> orgs.call(Endpoints.REMOVE_MEMBER,
                        RemoveMember.newBuilder().setOrganizationId(c.a().org()).setUserId(c.a().admin().userId())
                                .build(), MemberList.parser(), c.caller())),
                new Call("invite-member", c -> () -> orgs.call(Endpoints.INVITE_MEMBER,
                        InviteMember.newBuilder().setOrganizationId(c.a().org()).setEmail("intruder@example.org")
                                .setRole("owner").setCommandId(UUID.randomUUID().toString()).build(),
                        InvitationIssued.parser(), c.caller())),
                new Call("list-invitations", c -> () -> orgs.call(Endpoints.LIST_INVITATIONS,
                        ListInvitations.newBuilder().setOrganizationId(c.a().org()).build(), InvitationList.parser(),
                        c.caller())),
                new Call("revoke-invitation", c -> () -> orgs.call(Endpoints.REVOKE_INVITATION,
                        RevokeInvitation.newBuilder().setOrganizationId(c.a().org())
                                .setInvitationId(c.invitationOfA()).build(), InvitationList.parser(), c.caller())),
                new Call("accept-invitation (B's admin with A's member already in A)", c -> () -> orgs.call(
                        Endpoints.ACCEPT_INVITATION, AcceptInvitation.newBuilder().setToken("guess-" + c.a().org())
                                .build(), OrganizationDetails.parser(), c.caller())),
                new Call("create-api-key", c -> () -> orgs.call(Endpoints.CREATE_API_KEY,
                        CreateApiKey.newBuilder().setOrganizationId(c.a().org()).setName("intruder").setRole("owner")
                                .setCommandId(UUID.randomUUID().toString()).build(), ApiKeyIssued.parser(),
                        c.caller())),
                new Call("list-api-keys", c -> () -> orgs.call(Endpoints.LIST_API_KEYS,
                        ListApiKeys.newBuilder().setOrganizationId(c.a().org()).build(), ApiKeyList.parser(),
                        c.caller())),
                new Call("revoke-api-key", c -> () -> orgs.call(Endpoints.REVOKE_API_KEY,
                        RevokeApiKey.newBuilder().setOrganizationId(c.a().org()).setApiKeyId(c.keyOfA()).build(),
                        ApiKeyList.parser(), c.caller())));
        return Stream.of("B's owner", "B's admin API key").flatMap(who -> calls.stream()
                .map(call -> Arguments.of(call.name(), who, call.call())));
    }

    /** Organisation A (with an invitation and a key), organisation B, and who of B calls. */
    record Context(Team a, Caller caller, String invitationOfA, String keyOfA) {
    }

    private static Team isolationA;
    private static Team isolationB;
    private static String invitationOfA;
    private static String keyOfA;
    private static Caller keyOfB;

    @ParameterizedTest(name = "given a caller of organisation B ({1}), when it calls {0} on organisation A, then 404 "
            + "(403 for what a key may never do) and nothing changes")
    @MethodSource("everyEndpoint")
    void tenantIsolation(String endpoint, String who, Function<Context, Runnable> call) {
        if (isolationA == null) {
            isolationA = team("Tenant A");
            isolationB = team("Tenant B");
            invitationOfA = orgs.invite(isolationA.owner().caller(), isolationA.org(), "pending@example.org", "member")
                    .getInvitationId();
            keyOfA = orgs.createApiKey(isolationA.owner().caller(), isolationA.org(), "a-key", "admin").getApiKey()
                    .getApiKeyId();
            keyOfB = orgs.authenticate(orgs.createApiKey(isolationB.owner().caller(), isolationB.org(), "b-key",
                    "admin").getSecret()).getCaller();
        }
        Caller caller = who.startsWith("B's owner") ? isolationB.owner().caller() : keyOfB;
        long last = orgs.lastSequence();
        MemberList membersBefore = orgs.members(isolationA.owner().caller(), isolationA.org());

        RpcStatus status = statusOf(call.apply(new Context(isolationA, caller, invitationOfA, keyOfA)));

        // An API key may never accept an invitation (403 whatever the organisation); everything else: a stranger
        // learns nothing, not even that A exists.
        boolean userOnly = endpoint.startsWith("accept-invitation") && caller.getUserId().isEmpty();
        assertThat(status).isEqualTo(userOnly ? RpcStatus.FORBIDDEN : RpcStatus.NOT_FOUND);
        assertThat(orgs.lastSequence()).isEqualTo(last);
        assertThat(orgs.members(isolationA.owner().caller(), isolationA.org())).isEqualTo(membersBefore);
    }

    @Test
    @DisplayName("given a member removed whose removal the read model cannot apply in time (stuck, its database "
            + "away), when they ask for the members, then the check fails closed: 503, not the list")
    void failsClosedWhileTheReadModelIsBehind() throws Exception {
        Team team = team("Behind");
        long before = orgs.version(team.org());
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(service.database(),
                TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
                var caller = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            db.setAutoCommit(false);
            db.createStatement().execute("SELECT * FROM projection_checkpoint FOR UPDATE");
            // Stored at once; its own reply then waits for the read model in vain, in the background.
            caller.submit(() -> catchThrowableOfType(RpcException.class,
                    () -> orgs.remove(team.owner().caller(), team.org(), team.member().userId())));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> orgs.version(team.org()) > before);

            RpcStatus status = statusOf(() -> orgs.members(team.member().caller(), team.org()));
            db.rollback();

            assertThat(status).as("refused as unavailable, not answered from the rows that still list them")
                    .isEqualTo(RpcStatus.UNAVAILABLE);
        }
        assertThat(statusOf(() -> orgs.members(team.member().caller(), team.org()))).isEqualTo(RpcStatus.NOT_FOUND);
    }
}
