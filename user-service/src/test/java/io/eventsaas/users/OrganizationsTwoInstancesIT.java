package io.eventsaas.users;

import static io.eventsaas.users.OrganizationsClient.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.InvitationIssued;
import io.eventsaas.contracts.users.Member;
import io.eventsaas.contracts.users.UserErased;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.users.store.OrganizationsReadModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two instances in one namespace (law 5), with a short invitation lifetime and an SMTP server: an owner's erasure
 * handled once between them, expiry, and the invitation mail.
 */
@DisplayName("organisations on two instances")
class OrganizationsTwoInstancesIT {

    private static final Duration LIFETIME = Duration.ofSeconds(2);
    private static String namespace;
    private static final List<String> databases = new ArrayList<>();
    private static final List<UserServiceInstance> instances = new ArrayList<>();
    private static UsersClient users;
    private static OrganizationsClient orgs;
    private static FakeSmtpServer smtp;

    @BeforeAll
    static void start() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        smtp = new FakeSmtpServer();
        for (String name : List.of("users_orgs_two_a", "users_orgs_two_b")) {
            String database = TestInfrastructure.newDatabase(name);
            databases.add(database);
            instances.add(UserServiceInstance.start(namespace, database,
                    "users.organizations.invitation-lifetime=" + LIFETIME.toMillis() + "ms",
                    "users.organizations.smtp-host=127.0.0.1",
                    "users.organizations.smtp-port=" + smtp.port(),
                    "users.organizations.public-url=https://app.example.org/",
                    // The sweep that shreds expired invitations' addresses stays out of the way: an expired
                    // invitation must show none whether or not it ran (ExpiredInvitationsIT tests the sweep).
                    "users.invitations.address-sweep-interval=1h"));
        }
        users = new UsersClient(namespace);
        orgs = new OrganizationsClient(namespace);
    }

    @AfterAll
    static void stop() throws Exception {
        if (orgs != null) {
            orgs.close();
        }
        if (users != null) {
            users.close();
        }
        instances.forEach(UserServiceInstance::close);
        databases.forEach(TestInfrastructure::dropDatabase);
        TestInfrastructure.deleteNamespace(namespace);
        if (smtp != null) {
            smtp.close();
        }
    }

    private record Person(String userId, String email, Caller caller, String personalOrg) {
    }

    private static Person person(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org";
        var registration = users.register(email, name);
        return new Person(registration.getUserId(), email, user(registration.getUserId()),
                registration.getOrganizationId());
    }

    private static void join(Person inviter, String org, Person invitee, String role) {
        orgs.accept(invitee.caller(), orgs.invite(inviter.caller(), org, invitee.email(), role).getToken());
    }

    private static void erase(String userId) {
        long version = orgs.eventStore.versionOf(Streams.USER, userId);
        orgs.eventStore.append(new Append(Streams.USER, userId, version, "erase-" + UUID.randomUUID(), "corr-erase",
                "erase-test", List.of(new NewEvent(EventTypes.USER_ERASED, 1,
                        UserErased.newBuilder().setUserId(userId).build().toByteArray()))));
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> typesOn(String org) {
        return orgs.eventStore.load(Streams.ORGANIZATION, org).stream().map(RecordedEvent::type).toList();
    }

    private static long erasuresHandled() {
        return instances.stream().mapToLong(i -> i.bean("erasedMembershipsPolicy", PolicyRunner.class).handled())
                .sum();
    }

    @Test
    @DisplayName("given an owner erased (twice) while two instances run, then their longest-standing admin becomes "
            + "owner, they are removed, the organisation they were alone in closes, once, seen alike by both instances")
    void ownerErasure() throws Exception {
        Person owner = person("Olga Owner");
        Person member = person("Mia Member");
        Person admin = person("Adam Admin");
        Person laterAdmin = person("Lea Later");
        Person other = person("Otto Other");
        String team = orgs.create(owner.caller(), "Erasure Team").getOrganizationId();
        join(owner, team, member, "member");
        join(owner, team, admin, "admin");
        join(owner, team, laterAdmin, "admin");
        String elsewhere = orgs.create(other.caller(), "Elsewhere").getOrganizationId();
        join(other, elsewhere, owner, "member");
        List<String> teamBefore = typesOn(team);
        long handledBefore = erasuresHandled();

        erase(owner.userId());
        eventually("the erased owner leaves all three organisations", () -> typesOn(team).size() > teamBefore.size()
                && typesOn(owner.personalOrg()).contains(EventTypes.ORGANIZATION_CLOSED)
                && typesOn(elsewhere).contains(EventTypes.MEMBER_REMOVED));
        erase(owner.userId()); // a second erasure event for the same user: a redelivery in effect
        eventually("both erasures are handled", () -> erasuresHandled() == handledBefore + 2);
        Thread.sleep(500);

        assertThat(typesOn(team)).as("one commit: the successor's new role and the removal")
                .containsSubsequence(EventTypes.MEMBER_ROLE_CHANGED, EventTypes.MEMBER_REMOVED)
                .hasSize(teamBefore.size() + 2);
        assertThat(orgs.eventStore.load(Streams.ORGANIZATION, team).stream().skip(teamBefore.size())
                .map(RecordedEvent::streamSequence).distinct()).hasSize(1);
        assertThat(typesOn(owner.personalOrg())).containsExactly(EventTypes.ORGANIZATION_CREATED,
                EventTypes.ORGANIZATION_CLOSED);
        assertThat(typesOn(elsewhere)).endsWith(EventTypes.MEMBER_REMOVED).doesNotContain(EventTypes.MEMBER_ROLE_CHANGED);

        var members = orgs.members(admin.caller(), team).getMembersList();
        assertThat(members).extracting(Member::getUserId, Member::getRole).containsExactly(
                org.assertj.core.api.Assertions.tuple(admin.userId(), "owner"),
                org.assertj.core.api.Assertions.tuple(laterAdmin.userId(), "admin"),
                org.assertj.core.api.Assertions.tuple(member.userId(), "member"));
        for (UserServiceInstance instance : instances) {
            var readModel = instance.bean(OrganizationsReadModel.class);
            assertThat(readModel.organizationsOf(UUID.fromString(owner.userId()))).isEmpty();
            assertThat(readModel.organization(UUID.fromString(owner.personalOrg()))).isEmpty();
            assertThat(readModel.roleOf(UUID.fromString(team), UUID.fromString(admin.userId()))).contains("owner");
        }
        RpcException closed = catchThrowableOfType(RpcException.class,
                () -> orgs.get(owner.caller(), owner.personalOrg()));
        assertThat(closed.status()).isEqualTo(RpcStatus.NOT_FOUND);
    }

    @Test
    @DisplayName("given the only owner erases their account through erase-user, then, with no more to do, the "
            + "member who joined first becomes owner, the personal organisation closes, the reply says so, and the "
            + "erased user shows nowhere")
    void ownerErasesThroughTheEndpoint() throws Exception {
        Person owner = person("Ursula Owner");
        Person first = person("Fred First");
        Person second = person("Sam Second");
        String team = orgs.create(owner.caller(), "Erase Endpoint").getOrganizationId();
        join(owner, team, first, "member");
        join(owner, team, second, "member");

        var erasure = users.erase(owner.caller(), UsersClient.PASSWORD);

        assertThat(erasure.getTransferredOrganizationIdsList()).as("the reply says who keeps what")
                .containsExactly(team);
        assertThat(erasure.getClosedOrganizationIdsList()).containsExactly(owner.personalOrg());
        eventually("ownership passes to the longest-standing member", () -> {
            var members = orgs.members(first.caller(), team).getMembersList();
            return members.size() == 2 && members.getFirst().getUserId().equals(first.userId())
                    && members.getFirst().getRole().equals("owner");
        });
        assertThat(orgs.members(second.caller(), team).getMembersList())
                .noneMatch(m -> m.getUserId().equals(owner.userId()));
        assertThat(typesOn(owner.personalOrg())).endsWith(EventTypes.ORGANIZATION_CLOSED);
    }

    @Test
    @DisplayName("given two owners who both leave at the same moment through either instance, then one leaves and the "
            + "other gets 409: the organisation is never left without an owner")
    void concurrentLeavesKeepAnOwner() throws Exception {
        for (int round = 0; round < 3; round++) {
            Person a = person("Ann Concurrent");
            Person b = person("Bob Concurrent");
            String org = orgs.create(a.caller(), "Concurrent " + round).getOrganizationId();
            join(a, org, b, "owner");
            var start = new java.util.concurrent.CountDownLatch(1);
            List<Object> outcomes;
            try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var left = List.of(a, b).stream().map(p -> callers.submit(() -> {
                    start.await();
                    try {
                        orgs.remove(p.caller(), org, p.userId());
                        return (Object) "left";
                    } catch (RpcException e) {
                        return e.status();
                    }
                })).toList();
                start.countDown();
                outcomes = new ArrayList<>();
                for (var f : left) {
                    outcomes.add(f.get());
                }
            }

            assertThat(outcomes).containsExactlyInAnyOrder("left", RpcStatus.CONFLICT);
            Person stayed = outcomes.get(0).equals("left") ? b : a;
            assertThat(orgs.members(stayed.caller(), org).getMembersList()).singleElement()
                    .satisfies(m -> assertThat(m.getRole()).isEqualTo("owner"));
        }
    }

    @Test
    @DisplayName("given an invitation past its lifetime, then it shows as expired and without its invitee's address "
            + "before any sweep shredded it, is not listed, and accepting it answers 410 and appends nothing")
    void expiredInvitation() throws Exception {
        Person owner = person("Exp Owner");
        Person late = person("Exp Late");
        String org = orgs.create(owner.caller(), "Expiring").getOrganizationId();
        InvitationIssued issued = orgs.invite(owner.caller(), org, late.email(), "member");
        var open = orgs.invitation(issued.getToken());
        assertThat(open.getStatus()).isEqualTo("open");
        assertThat(open.getEmail()).isEqualTo(late.email());

        await().atMost(LIFETIME.plus(Duration.ofSeconds(5))).pollInterval(Duration.ofMillis(100))
                .until(() -> orgs.invitation(issued.getToken()).getStatus().equals("expired"));
        long version = orgs.version(org);

        var expired = orgs.invitation(issued.getToken());
        for (UserServiceInstance instance : instances) { // whichever answered, its row still has the address
            assertThat(instance.bean(OrganizationsReadModel.class).invitation(UUID.fromString(issued.getInvitationId()))
                    .orElseThrow().email()).as("the read model's row (no sweep ran)").isEqualTo(late.email());
        }
        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThat(expired.getEmail()).as("the expired invitation's address, as if shredded already").isEmpty();
        assertThat(expired.getOrganizationName()).isEqualTo("Expiring");
        assertThat(orgs.invitations(owner.caller(), org).getInvitationsList()).isEmpty();
        RpcException refused = catchThrowableOfType(RpcException.class, () -> orgs.accept(late.caller(),
                issued.getToken()));
        assertThat(refused.status()).isEqualTo(RpcStatus.GONE);
        assertThat(orgs.version(org)).isEqualTo(version);
    }

    @Test
    @DisplayName("given SMTP is configured, when someone is invited, then the invitee is mailed the accept link")
    void invitationMail() throws Exception {
        Person owner = person("Mail Owner");
        String org = orgs.create(owner.caller(), "Mailing").getOrganizationId();
        String invitee = "invitee." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        InvitationIssued issued = orgs.invite(owner.caller(), org, invitee, "member");

        eventually("the mail arrives", () -> smtp.messages.stream().anyMatch(m -> m.contains(invitee)));
        String mail = smtp.messages.stream().filter(m -> m.contains(invitee)).findFirst().orElseThrow();
        assertThat(mail).contains("https://app.example.org/invitations/" + issued.getToken()).contains("Mailing");
    }
}
