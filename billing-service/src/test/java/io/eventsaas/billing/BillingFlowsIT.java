package io.eventsaas.billing;

import static io.eventsaas.billing.BillingTestClient.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.contracts.billing.InvoiceDetails;
import io.eventsaas.contracts.billing.InvoiceLine;
import io.eventsaas.contracts.billing.SubscriptionDetails;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;

/** billing-service against the real NATS and PostgreSQL servers, as the gateway and user-service would use it. */
@DisplayName("billing flows")
class BillingFlowsIT {

    static final int NEXT_YEAR = java.time.Year.now().getValue() + 2;

    @RegisterExtension
    static final RunningInstances<BillingServiceInstance> billing = RunningInstances.of("billing_flows", 1,
            BillingServiceInstance::start);
    private static BillingTestClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = billing.closeAfterAll(new BillingTestClient(billing.namespace()));
    }

    static Instant periodEnd(SubscriptionDetails s) {
        return Instant.ofEpochSecond(s.getPeriodEnd().getSeconds(), s.getPeriodEnd().getNanos());
    }

    @Test
    @DisplayName("given a new organisation on Free, when a card is added, the plan upgraded and next month's run made, "
            + "then the prorated and the monthly invoice are issued and paid, each charged once")
    void freeToPaidAndNextMonth() throws Exception {
        String owner = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        SubscriptionDetails free = client.subscription(org, user(owner));
        assertThat(free.getPlan().getCode()).isEqualTo("free");
        assertThat(free.getSeats()).isEqualTo(1);
        assertThat(free.getCallerRole()).isEqualTo("owner");

        SubscriptionDetails withCard = client.attachCard(org, user(owner), "4242 4242 4242 4242", 12, NEXT_YEAR);
        assertThat(withCard.getPaymentMethod().getBrand()).isEqualTo("visa");
        assertThat(withCard.getPaymentMethod().getLast4()).isEqualTo("4242");
        assertThat(client.streamContains("4242424242424242")).as("the card number in the stream").isFalse();

        SubscriptionDetails pro = client.changePlan(org, user(owner), "pro");
        assertThat(pro.getPlan().getCode()).isEqualTo("pro");
        assertThat(pro.getStatus()).isEqualTo("active");
        List<InvoiceDetails> afterUpgrade = client.invoices(org, user(owner)).getInvoicesList();
        assertThat(afterUpgrade).singleElement().satisfies(proration -> {
            assertThat(proration.getStatus()).isEqualTo("paid");
            assertThat(proration.getLinesList()).extracting(InvoiceLine::getKind).containsExactly("proration");
            assertThat(proration.getTotal().getMinorUnits()).isBetween(1800L, 1900L);
        });

        var report = client.run(periodEnd(pro).plusSeconds(3600));
        assertThat(report.getSubscriptionsRenewed()).isPositive();
        List<InvoiceDetails> invoices = client.invoices(org, user(owner)).getInvoicesList();
        assertThat(invoices).hasSize(2);
        InvoiceDetails monthly = invoices.getFirst();
        assertThat(monthly.getStatus()).isEqualTo("paid");
        assertThat(monthly.getTotal().getMinorUnits()).isEqualTo(1900);
        assertThat(monthly.getNumber()).matches("\\d{4}-\\d{6}");
        assertThat(monthly.getLinesList()).singleElement().satisfies(line -> {
            assertThat(line.getKind()).isEqualTo("plan");
            assertThat(line.getDescription()).startsWith("Pro plan");
        });
        assertThat(monthly.getPeriodStart()).isEqualTo(pro.getPeriodEnd());
        for (InvoiceDetails invoice : invoices) {
            assertThat(client.sandboxChargesOf(invoice.getInvoiceId())).as(invoice.getNumber()).isEqualTo(1);
        }

        // The same run again: nothing new is issued or charged.
        long before = client.lastSequence();
        client.run(periodEnd(pro).plusSeconds(3600));
        assertThat(client.invoices(org, user(owner)).getInvoicesList()).hasSize(2);
        assertThat(client.sandboxChargesOf(monthly.getInvoiceId())).isEqualTo(1);
        assertThat(client.lastSequence()).isEqualTo(before);
    }

    @Test
    @DisplayName("given Pro with a card that is then declined, when the runs come, then past due, retried after 1, 3 "
            + "and 7 days, and after the last failure back to Free")
    void decliningCardDropsToFree() {
        String owner = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        client.attachCard(org, user(owner), "4242424242424242", 12, NEXT_YEAR);
        SubscriptionDetails pro = client.changePlan(org, user(owner), "pro");
        client.attachCard(org, user(owner), "4000 0000 0000 0002", 12, NEXT_YEAR);

        Instant due = periodEnd(pro).plusSeconds(60);
        client.run(due);
        SubscriptionDetails pastDue = client.subscription(org, user(owner));
        assertThat(pastDue.getStatus()).isEqualTo("past_due");
        assertThat(pastDue.getPlan().getCode()).isEqualTo("pro");
        InvoiceDetails invoice = client.invoices(org, user(owner)).getInvoices(0);
        assertThat(invoice.getStatus()).isEqualTo("open");
        assertThat(invoice.getAttempts()).isEqualTo(1);
        assertThat(invoice.getFailureReason()).isEqualTo("card_declined");

        client.run(due.plus(Duration.ofHours(23)));
        assertThat(client.invoices(org, user(owner)).getInvoices(0).getAttempts()).as("not yet due").isEqualTo(1);
        client.run(due.plus(Duration.ofDays(1)));
        assertThat(client.invoices(org, user(owner)).getInvoices(0).getAttempts()).isEqualTo(2);
        client.run(due.plus(Duration.ofDays(3)));
        assertThat(client.invoices(org, user(owner)).getInvoices(0).getAttempts()).isEqualTo(3);
        client.run(due.plus(Duration.ofDays(7)));
        InvoiceDetails last = client.invoices(org, user(owner)).getInvoices(0);
        assertThat(last.getAttempts()).isEqualTo(4);
        assertThat(last.getStatus()).isEqualTo("uncollectible");
        SubscriptionDetails dropped = client.subscription(org, user(owner));
        assertThat(dropped.getPlan().getCode()).isEqualTo("free");
        assertThat(dropped.getStatus()).isEqualTo("active");
    }

    @Test
    @DisplayName("given Team, when members join and leave, then each next invoice charges the seats of its moment")
    void seatsOnTheNextInvoice() {
        String owner = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        client.attachCard(org, user(owner), "5555 5555 5555 4444", 12, NEXT_YEAR);
        SubscriptionDetails team = client.changePlan(org, user(owner), "team");
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        client.join(org, alice, "member");
        client.join(org, bob, "admin");

        client.run(periodEnd(team).plusSeconds(60));
        InvoiceDetails three = client.invoices(org, user(owner)).getInvoices(0);
        assertThat(three.getTotal().getMinorUnits()).isEqualTo(2700);
        assertThat(three.getLines(0).getKind()).isEqualTo("seats");
        assertThat(three.getLines(0).getQuantity()).isEqualTo(3);
        assertThat(client.subscription(org, user(bob)).getSeats()).isEqualTo(3);

        client.remove(org, alice);
        SubscriptionDetails renewed = client.subscription(org, user(owner));
        client.run(periodEnd(renewed).plusSeconds(60));
        InvoiceDetails two = client.invoices(org, user(owner)).getInvoices(0);
        assertThat(two.getTotal().getMinorUnits()).isEqualTo(1800);
        assertThat(two.getLines(0).getQuantity()).isEqualTo(2);
    }

    @Test
    @DisplayName("given Pro, when a downgrade and a cancellation are scheduled and withdrawn, then they take effect at "
            + "the end of the period only")
    void downgradeCancelResume() {
        String owner = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        client.attachCard(org, user(owner), "4242424242424242", 12, NEXT_YEAR);
        client.changePlan(org, user(owner), "team");
        SubscriptionDetails scheduled = client.changePlan(org, user(owner), "free");
        assertThat(scheduled.getPlan().getCode()).isEqualTo("team");
        assertThat(scheduled.getScheduledPlanCode()).isEqualTo("free");
        assertThat(client.resume(org, user(owner)).getScheduledPlanCode()).isEmpty();
        assertThat(client.cancel(org, user(owner)).getCancelAtPeriodEnd()).isTrue();

        client.run(periodEnd(scheduled).plusSeconds(60));
        assertThat(client.subscription(org, user(owner)).getPlan().getCode()).isEqualTo("free");
        assertThat(client.invoices(org, user(owner)).getInvoicesList()).as("only the proration").hasSize(1);
    }

    @Test
    @DisplayName("given Pro with 4 members, when downgrading to Free (3 seats), then 409 'remove members first' and "
            + "nothing appended; once one left it is scheduled, and applies at renewal though two joined since")
    void downgradeBelowTheMembers() {
        String owner = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        client.attachCard(org, user(owner), "4242424242424242", 12, NEXT_YEAR);
        client.changePlan(org, user(owner), "pro");
        List<String> members = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        members.forEach(member -> client.join(org, member, "member"));
        long before = client.lastSequence();

        assertThatThrownBy(() -> client.changePlan(org, user(owner), "free"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(RpcStatus.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo(
                            "the Free plan has 3 seats and the organisation has 4 members: remove members first");
                });
        assertThat(client.lastSequence()).as("the stream's last sequence").isEqualTo(before);
        assertThat(client.subscription(org, user(owner)).getScheduledPlanCode()).isEmpty();

        client.remove(org, members.getFirst());
        SubscriptionDetails scheduled = client.changePlan(org, user(owner), "free");
        assertThat(scheduled.getScheduledPlanCode()).isEqualTo("free");
        client.join(org, UUID.randomUUID().toString(), "member");
        client.join(org, UUID.randomUUID().toString(), "member");

        client.run(periodEnd(scheduled).plusSeconds(60));
        SubscriptionDetails free = client.subscription(org, user(owner));
        assertThat(free.getPlan().getCode()).isEqualTo("free");
        assertThat(free.getSeats()).as("billing removes nobody").isEqualTo(5);
    }

    @Test
    @DisplayName("given bad input or the wrong caller, then a clear 4xx and nothing appended")
    void badInputAppendsNothing() {
        String owner = UUID.randomUUID().toString();
        String member = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        client.join(org, member, "member");

        awaitSeats(org, owner, 2);
        Caller otherOrgsKey = Caller.newBuilder().setApiKeyId("k-1").setOrganizationId(UUID.randomUUID().toString())
                .setRole("owner").build();
        long before = client.lastSequence();

        refused(() -> client.changePlan(org, user(owner), "enterprise"), RpcStatus.BAD_REQUEST, "plan");
        refused(() -> client.attachCard(org, user(owner), "4242 4242 4242 4241", 12, NEXT_YEAR),
                RpcStatus.BAD_REQUEST, "number");
        refused(() -> client.attachCard(org, user(owner), "4242 4242 4242 4242", 1, 2020), RpcStatus.BAD_REQUEST,
                "expYear");
        refused(() -> client.changePlan(org, user(owner), "pro"), RpcStatus.CONFLICT, null);
        refused(() -> client.changePlan(org, user(member), "pro"), RpcStatus.FORBIDDEN, null);
        refused(() -> client.attachCard(org, user(member), "4242424242424242", 12, NEXT_YEAR), RpcStatus.FORBIDDEN,
                null);
        refused(() -> client.subscription(org, user(UUID.randomUUID().toString())), RpcStatus.NOT_FOUND, null);
        refused(() -> client.subscription(org, otherOrgsKey), RpcStatus.NOT_FOUND, null);
        refused(() -> client.subscription(org, null), RpcStatus.UNAUTHORIZED, null);
        refused(() -> client.call(io.eventsaas.contracts.Endpoints.START_BILLING_RUN,
                io.eventsaas.contracts.billing.StartBillingRun.getDefaultInstance(),
                io.eventsaas.contracts.billing.BillingRunReport.parser(), user(owner)), RpcStatus.FORBIDDEN, null);
        refused(() -> client.cancel(org, user(owner)), RpcStatus.CONFLICT, null);

        assertThat(client.lastSequence()).as("the stream's last sequence").isEqualTo(before);
        assertThat(client.subscription(org, user(member)).getCallerRole()).isEqualTo("member");
    }

    @Test
    @DisplayName("given an upgrade whose charge timed out, then a second upgrade is refused while it is processed, "
            + "and the next run finds the charge and pays the invoice without charging twice")
    void upgradeInProgressAndTimeout() throws Exception {
        String owner = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        client.attachCard(org, user(owner), "4000 0000 0000 0119", 12, NEXT_YEAR);
        SubscriptionDetails pro = client.changePlan(org, user(owner), "pro");
        assertThat(pro.getPlan().getCode()).isEqualTo("pro");
        InvoiceDetails proration = client.invoices(org, user(owner)).getInvoices(0);
        assertThat(proration.getStatus()).isEqualTo("open");
        assertThat(proration.getAttempts()).isZero();

        long before = client.lastSequence();
        refused(() -> client.changePlan(org, user(owner), "team"), RpcStatus.CONFLICT, null);
        assertThat(client.lastSequence()).isEqualTo(before);

        var report = client.run(Instant.now());
        assertThat(report.getInvoicesPaid()).isGreaterThanOrEqualTo(1);
        assertThat(client.invoices(org, user(owner)).getInvoices(0).getStatus()).isEqualTo("paid");
        assertThat(client.sandboxChargesOf(proration.getInvoiceId())).isEqualTo(1);
        // Team at one seat is cheaper than Pro: a downgrade, scheduled for the end of the period.
        assertThat(client.changePlan(org, user(owner), "team").getScheduledPlanCode()).isEqualTo("team");
    }

    private static void awaitSeats(String org, String owner, int seats) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> client.subscription(org, user(owner)).getSeats() == seats);
    }

    private static void refused(ThrowingCallable call, RpcStatus status, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            if (field != null) {
                assertThat(e.fieldErrors()).containsKey(field);
            }
        });
    }
}
