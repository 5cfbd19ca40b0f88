package io.eventsaas.users;

import static io.eventsaas.users.OrganizationsClient.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plan's seat limit, enforced by user-service from billing's events: the test appends SubscriptionStarted and
 * PlanChanged to events.subscription.&lt;organization_id&gt; as billing-service would, and calls the organisation
 * endpoints as the gateway does, against one instance over real NATS and PostgreSQL.
 */
@DisplayName("seat limits from billing's events")
class SeatLimitsIT {

    private static final String FULL_INVITE =
            "the Free plan has 3 seats, all taken or invited: upgrade the plan or remove a member";

    @RegisterExtension
    static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_seats", 1,
            UserServiceInstance::start);
    private static UsersClient users;
    private static OrganizationsClient orgs;

    @BeforeAll
    static void connect() throws Exception {
        users = service.closeAfterAll(new UsersClient(service.namespace()));
        orgs = service.closeAfterAll(new OrganizationsClient(service.namespace()));
    }

    private static Caller person(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org";
        return user(users.register(email, name).getUserId());
    }

    @Test
    @DisplayName("given Free (3 seats): invites and acceptances beyond it are refused with 409 and append nothing; "
            + "after a change to an unlimited plan both succeed")
    void freePlanLimitsInvitationsAndAcceptances() {
        Caller owner = person("Olga Owner");
        Caller ann = person("Ann Second");
        Caller bob = person("Bob Third");
        Caller cat = person("Cat Fourth");
        String org = orgs.create(owner, "Seats Co").getOrganizationId();
        assertThat(orgs.invite(owner, org, "before@example.org", "member").getToken())
                .as("no word from billing yet: no limit").isNotEmpty();
        orgs.revokeInvitation(owner, org, orgs.invitations(owner, org).getInvitations(0).getInvitationId());
        billing(org, EventTypes.SUBSCRIPTION_STARTED, SubscriptionStarted.newBuilder().setOrganizationId(org)
                .setPlanCode("free").setPeriodStart(now()).setPeriodEnd(now()).setMonthlyAmount(usd(0)).setSeats(1)
                .setSeatLimit(3).build());

        orgs.accept(ann, orgs.invite(owner, org, "ann@example.org", "member").getToken());
        String bobsToken = orgs.invite(owner, org, "bob@example.org", "member").getToken();
        RpcException inviteRefused = refused(org, () -> orgs.invite(owner, org, "cat@example.org", "member"));
        assertThat(inviteRefused.getMessage()).isEqualTo(FULL_INVITE);

        planChanged(org, "free", "pro", "upgrade", 0);
        String catsToken = orgs.invite(owner, org, "cat@example.org", "member").getToken();
        planChanged(org, "pro", "free", "downgrade", 3);
        orgs.accept(bob, bobsToken);
        assertThat(orgs.members(owner, org).getMembersCount()).isEqualTo(3);

        RpcException acceptRefused = refused(org, () -> orgs.accept(cat, catsToken));
        assertThat(acceptRefused.getMessage()).startsWith("the Free plan has 3 seats, all taken: ");
        assertThat(orgs.invitation(catsToken).getStatus()).as("the invitation stays open").isEqualTo("open");
        assertThat(refused(org, () -> orgs.invite(owner, org, "dan@example.org", "member")).getMessage())
                .isEqualTo(FULL_INVITE);

        planChanged(org, "free", "team", "upgrade", 0);
        orgs.accept(cat, catsToken);
        assertThat(orgs.invite(owner, org, "dan@example.org", "member").getToken()).isNotEmpty();
        assertThat(orgs.members(owner, org).getMembersCount()).isEqualTo(4);
    }

    /** Refused with 409, and nothing appended: neither to the organisation nor anywhere in the stream. */
    private static RpcException refused(String org, Runnable call) {
        long version = orgs.version(org);
        long last = orgs.lastSequence();
        RpcException e = catchThrowableOfType(RpcException.class, call::run);
        assertThat(e).as("the call was refused").isNotNull();
        assertThat(e.status()).as(e.getMessage()).isEqualTo(RpcStatus.CONFLICT);
        assertThat(orgs.version(org)).as("the organisation's version").isEqualTo(version);
        assertThat(orgs.lastSequence()).as("the stream's last sequence").isEqualTo(last);
        return e;
    }

    private static void planChanged(String org, String from, String to, String reason, int seatLimit) {
        billing(org, EventTypes.PLAN_CHANGED, PlanChanged.newBuilder().setOrganizationId(org).setFromPlanCode(from)
                .setToPlanCode(to).setEffectiveAt(now()).setMonthlyAmount(usd(0)).setReason(reason)
                .setSeatLimit(seatLimit).build());
    }

    /** Appends to the organisation's subscription as billing-service does: its subject, its expected version. */
    static void billing(String org, String type, Message event) {
        long version = orgs.eventStore.versionOf(Streams.SUBSCRIPTION, org);
        orgs.eventStore.append(new Append(Streams.SUBSCRIPTION, org, version, UUID.randomUUID().toString(),
                "seats-it", UUID.randomUUID().toString(), List.of(new NewEvent(type, 1, event.toByteArray()))));
    }

    private static Timestamp now() {
        return Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()).build();
    }

    private static Money usd(long minorUnits) {
        return Money.newBuilder().setMinorUnits(minorUnits).setCurrency("USD").build();
    }
}
