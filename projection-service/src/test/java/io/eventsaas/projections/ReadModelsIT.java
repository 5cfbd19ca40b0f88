package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.billing.InvoiceIssued;
import io.eventsaas.contracts.billing.InvoicePaid;
import io.eventsaas.contracts.billing.InvoicePaymentFailed;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.users.ApiKeyCreated;
import io.eventsaas.contracts.users.InviteePersonalData;
import io.eventsaas.contracts.users.InvitationRevoked;
import io.eventsaas.contracts.users.MemberInvited;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.MemberRemoved;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.users.UserErased;
import io.eventsaas.contracts.views.ActivityEntry;
import io.eventsaas.contracts.views.ActivityFeedChunk;
import io.eventsaas.contracts.views.ActivityFeedHead;
import io.eventsaas.contracts.views.OrganizationOverviewView;
import io.eventsaas.contracts.views.PlanCount;
import io.eventsaas.contracts.views.PlatformMetricsView;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dashboards' read models from every service's events, against the real servers. */
@DisplayName("projection-service builds platform metrics, activity feeds and organisation overviews")
class ReadModelsIT {

    private EventStreamFixture stream;
    private String database;
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String adaPersonal = UUID.randomUUID().toString();
    private final String bobPersonal = UUID.randomUUID().toString();
    private final String acme = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() throws Exception {
        stream = new EventStreamFixture();
        database = TestInfrastructure.newDatabase("projections_models");
    }

    @AfterEach
    void tearDown() throws Exception {
        stream.close();
        TestInfrastructure.dropDatabase(database);
    }

    private static Money eur(long minor) {
        return Money.newBuilder().setMinorUnits(minor).setCurrency("EUR").build();
    }

    /** Two people, Ada's team on Pro with an invoice paid and a payment failed, Bob invited into it. */
    private long givenHistory() {
        stream.userRegisteredSealed(ada, "Ada", "ada@example.com", adaPersonal);
        stream.appendNext(Streams.ORGANIZATION, adaPersonal, OrganizationCreated.newBuilder()
                .setOrganizationId(adaPersonal).setName("Personal").setOwnerUserId(ada).setPersonal(true).build());
        stream.appendNext(Streams.SUBSCRIPTION, adaPersonal, SubscriptionStarted.newBuilder()
                .setOrganizationId(adaPersonal).setPlanCode("free").setMonthlyAmount(eur(0)).setSeats(1).build());
        stream.userRegisteredSealed(bob, "Bob", "bob@example.com", bobPersonal);
        stream.appendNext(Streams.ORGANIZATION, bobPersonal, OrganizationCreated.newBuilder()
                .setOrganizationId(bobPersonal).setName("Personal").setOwnerUserId(bob).setPersonal(true).build());
        stream.appendNext(Streams.ORGANIZATION, acme, OrganizationCreated.newBuilder()
                .setOrganizationId(acme).setName("Acme").setOwnerUserId(ada).build());
        stream.appendNext(Streams.SUBSCRIPTION, acme, SubscriptionStarted.newBuilder()
                .setOrganizationId(acme).setPlanCode("free").setMonthlyAmount(eur(0)).setSeats(1).build());
        String invitation = UUID.randomUUID().toString();
        stream.appendNext(Streams.ORGANIZATION, acme, MemberInvited.newBuilder().setOrganizationId(acme)
                .setInvitationId(invitation).setRole("member").setInvitedByUserId(ada)
                .setInvitee(stream.vault().seal("invitation-" + invitation,
                        InviteePersonalData.newBuilder().setEmail("bob@example.com").build())).build());
        stream.appendNext(Streams.ORGANIZATION, acme, MemberJoined.newBuilder().setOrganizationId(acme)
                .setUserId(bob).setRole("member").setInvitationId(invitation).build());
        stream.appendNext(Streams.SUBSCRIPTION, acme, PlanChanged.newBuilder().setOrganizationId(acme)
                .setFromPlanCode("free").setToPlanCode("pro").setMonthlyAmount(eur(2900)).setReason("upgrade")
                .setChangedByUserId(ada).build());
        String invoice = UUID.randomUUID().toString();
        stream.appendNext("invoice", invoice, InvoiceIssued.newBuilder().setInvoiceId(invoice)
                .setOrganizationId(acme).setNumber("2026-000001").setTotal(eur(2900)).build());
        stream.appendNext("invoice", invoice, InvoicePaymentFailed.newBuilder().setInvoiceId(invoice)
                .setOrganizationId(acme).setReason("card_declined").setAttempt(1).build());
        stream.appendNext("invoice", invoice, InvoicePaid.newBuilder().setInvoiceId(invoice)
                .setOrganizationId(acme).setAmount(eur(2900)).setAttempt(2).build());
        return stream.appendNext(Streams.ORGANIZATION, acme, ApiKeyCreated.newBuilder().setOrganizationId(acme)
                .setApiKeyId(UUID.randomUUID().toString()).setName("CI").setRole("member").setPrefix("esk_ab12")
                .setCreatedByUserId(ada).build());
    }

    @Test
    @DisplayName("given users, organisations, billing and invitations, the views say so; an erased person shows as "
            + "'Erased user'; and a dropped database rebuilds identical views")
    void viewsFromEveryService() throws Exception {
        long last = givenHistory();
        Map<String, String> rebuilt;
        Map<String, String> before;
        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database)) {
            await().atMost(Duration.ofSeconds(60)).until(instance::isReady);

            PlatformMetricsView metrics = PlatformMetricsView.parseFrom(
                    stream.views().get(Buckets.PLATFORM_METRICS).getValue());
            assertThat(metrics.getAsOfSequence()).isEqualTo(last - 1); // the API key changes no figure
            assertThat(metrics.getUsers()).isEqualTo(2);
            assertThat(metrics.getOrganizations()).isEqualTo(3);
            assertThat(metrics.getActiveSubscriptionsList()).extracting(PlanCount::getPlanCode, PlanCount::getCount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("free", 1L),
                            org.assertj.core.groups.Tuple.tuple("pro", 1L));
            assertThat(metrics.getMrrMinorUnits()).isEqualTo(2900);
            assertThat(metrics.getCurrency()).isEqualTo("EUR");
            assertThat(metrics.getInvoicesPaid()).isEqualTo(1);
            assertThat(metrics.getInvoicesFailed()).isEqualTo(1);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(metrics.getSignupsPerDayList()).singleElement()
                    .satisfies(day -> assertThat(day.getDay() + "=" + day.getCount()).isEqualTo(today + "=2"));
            assertThat(metrics.getMrrPerDayList().getLast().getMinorUnits()).isEqualTo(2900);

            ActivityFeedHead head = ActivityFeedHead.parseFrom(stream.views().get(Buckets.activity(acme)).getValue());
            assertThat(head.getTotal()).isEqualTo(9);
            ActivityFeedChunk chunk = ActivityFeedChunk.parseFrom(
                    stream.views().get(Buckets.activityChunk(acme, 0)).getValue());
            assertThat(chunk.getEntriesList()).extracting(ActivityEntry::getLine).containsExactly(
                    "Ada created the organisation \u201cAcme\u201d",
                    "Subscription started on the free plan (free a month)",
                    "Ada invited someone as member", // Bob accepted: his address as an invitee is forgotten
                    "Bob joined as member",
                    "Ada changed the plan from free to pro (upgrade, EUR 29.00 a month)",
                    "Invoice 2026-000001 issued: EUR 29.00",
                    "Payment failed (card_declined, attempt 1)",
                    "Invoice paid: EUR 29.00",
                    "Ada created the API key \u201cCI\u201d (member, esk_ab12\u2026)");

            OrganizationOverviewView overview = OrganizationOverviewView.parseFrom(
                    stream.views().get(Buckets.orgOverview(acme)).getValue());
            assertThat(overview.getName()).isEqualTo("Acme");
            assertThat(overview.getMembers()).isEqualTo(2);
            assertThat(overview.getOpenInvitations()).isZero();
            assertThat(overview.getActiveApiKeys()).isEqualTo(1);
            assertThat(overview.getPlanCode()).isEqualTo("pro");
            assertThat(overview.getMonthlyMinorUnits()).isEqualTo(2900);
            assertThat(overview.getInvoicesPaid()).isEqualTo(1);
            assertThat(overview.getInvoicesFailed()).isEqualTo(1);
            assertThat(overview.getAsOfSequence()).isEqualTo(last);

            // Bob is erased: his key is destroyed, the policy removes him from Acme.
            stream.vault().destroy("user-" + bob);
            stream.appendNext(Streams.USER, bob, UserErased.newBuilder().setUserId(bob).build());
            long erased = stream.appendNext(Streams.ORGANIZATION, acme, MemberRemoved.newBuilder()
                    .setOrganizationId(acme).setUserId(bob).setReason("erased").build());
            await().atMost(Duration.ofSeconds(20)).until(() -> ActivityFeedHead.parseFrom(
                    stream.views().get(Buckets.activity(acme)).getValue()).getAsOfSequence() == erased);
            ActivityFeedChunk afterErasure = ActivityFeedChunk.parseFrom(
                    stream.views().get(Buckets.activityChunk(acme, 0)).getValue());
            assertThat(afterErasure.getEntriesList()).extracting(ActivityEntry::getLine)
                    .contains("Erased user joined as member", "Erased user left (account erased)")
                    .noneMatch(line -> line.contains("Bob"));
            await().atMost(Duration.ofSeconds(20)).until(() -> PlatformMetricsView.parseFrom(
                    stream.views().get(Buckets.PLATFORM_METRICS).getValue()).getUsers() == 1);

            // An open invitation names its invitee; once revoked, no view does any more.
            String toCarol = UUID.randomUUID().toString();
            long invited = stream.appendNext(Streams.ORGANIZATION, acme, MemberInvited.newBuilder()
                    .setOrganizationId(acme).setInvitationId(toCarol).setRole("admin").setInvitedByUserId(ada)
                    .setInvitee(stream.vault().seal("invitation-" + toCarol,
                            InviteePersonalData.newBuilder().setEmail("carol@example.com").build())).build());
            await().atMost(Duration.ofSeconds(20)).until(() -> ActivityFeedHead.parseFrom(
                    stream.views().get(Buckets.activity(acme)).getValue()).getAsOfSequence() == invited);
            assertThat(ActivityFeedChunk.parseFrom(stream.views().get(Buckets.activityChunk(acme, 0)).getValue())
                    .getEntriesList()).extracting(ActivityEntry::getLine).contains("Ada invited carol@example.com as admin");
            long revoked = stream.appendNext(Streams.ORGANIZATION, acme, InvitationRevoked.newBuilder()
                    .setOrganizationId(acme).setInvitationId(toCarol).setRevokedByUserId(ada).build());
            await().atMost(Duration.ofSeconds(20)).until(() -> ActivityFeedHead.parseFrom(
                    stream.views().get(Buckets.activity(acme)).getValue()).getAsOfSequence() == revoked);
            assertThat(ActivityFeedChunk.parseFrom(stream.views().get(Buckets.activityChunk(acme, 0)).getValue())
                    .getEntriesList()).extracting(ActivityEntry::getLine)
                    .contains("Ada invited someone as admin", "Ada revoked the invitation of someone")
                    .noneMatch(line -> line.contains("carol"));
            String carolInHex = java.util.HexFormat.of().formatHex(
                    "carol@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(stream.allViews().values()).as("no view holds the address").noneMatch(
                    view -> view.contains(carolInHex));
            before = stream.allViews();
        }

        // The documented rebuild: drop the database, start again.
        TestInfrastructure.recreateEmptyDatabase(database);
        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database)) {
            await().atMost(Duration.ofSeconds(60)).until(instance::isReady);
            rebuilt = stream.allViews();
        }
        assertThat(rebuilt).isEqualTo(before);
    }

    static Timestamp now() {
        var now = java.time.Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
    }
}
