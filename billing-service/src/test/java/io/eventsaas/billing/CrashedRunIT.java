package io.eventsaas.billing;

import static io.eventsaas.billing.BillingTestClient.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.billing.domain.InvoiceDrafts;
import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.domain.SubscriptionCommand.Renew;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionRenewed;
import io.eventsaas.billing.events.Aggregates;
import io.eventsaas.billing.invoicing.InvoiceIssuer;
import io.eventsaas.billing.nats.BillingBuckets;
import io.eventsaas.contracts.billing.InvoiceDetails;
import io.eventsaas.contracts.billing.SubscriptionDetails;
import io.eventsaas.platform.testing.RunningInstances;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run that died half-way: the next run finishes its work, and invoice numbers keep no gaps. */
@DisplayName("a billing run that crashed")
class CrashedRunIT {

    @RegisterExtension
    static final RunningInstances<BillingServiceInstance> billing = RunningInstances.of("billing_crash", 1,
            BillingServiceInstance::start);
    private static BillingTestClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = billing.closeAfterAll(new BillingTestClient(billing.namespace()));
    }

    @Test
    @DisplayName("given a run that renewed a subscription and took an invoice number but died before appending the "
            + "invoice, when the next run comes, then that invoice is issued with that number, charged once, and the "
            + "numbers have no gaps")
    void nextRunFinishesTheWork() throws Exception {
        String ownerA = UUID.randomUUID().toString();
        String ownerB = UUID.randomUUID().toString();
        String a = client.createOrganization(ownerA);
        String b = client.createOrganization(ownerB);
        for (String[] org : List.of(new String[] {a, ownerA}, new String[] {b, ownerB})) {
            client.attachCard(org[0], user(org[1]), "4242424242424242", 12, 2099);
            client.changePlan(org[0], user(org[1]), "pro"); // prorated invoices: numbers 1 and 2
        }
        SubscriptionDetails subscriptionA = client.subscription(a, user(ownerA));
        Instant asOf = Instant.ofEpochSecond(subscriptionA.getPeriodEnd().getSeconds()).plusSeconds(3600);

        // The crashed run: renews A, takes the next number for A's invoice, and dies before appending it.
        var renewal = billing.instance().bean(Aggregates.class).decideSubscription(a,
                s -> Subscription.decide(s, new Renew(asOf, 1)), "renew:" + a + ":crashed", "crashed-run", "crashed");
        SubscriptionRenewed renewed = (SubscriptionRenewed) renewal.events().getLast();
        InvoiceIssued draft = InvoiceDrafts.forPeriod(renewed, renewed.periodStart());
        String series = InvoiceIssuer.seriesOf(draft);
        var numbers = billing.instance().bean(BillingBuckets.class).invoiceNumbers();
        var last = numbers.last(series);
        long next = last.map(l -> Long.parseLong(l.invoice().number().substring(5)) + 1).orElse(1L);
        String taken = series + "-" + String.format("%06d", next);
        assertThat(numbers.compareAndSet(series, last.map(l -> l.revision()).orElse(0L), draft.withNumber(taken)))
                .isTrue();
        assertThat(client.invoices(a, user(ownerA)).getInvoicesList()).as("not appended").hasSize(1);

        var report = client.run(asOf);

        List<InvoiceDetails> invoicesA = client.invoices(a, user(ownerA)).getInvoicesList();
        assertThat(invoicesA).hasSize(2);
        InvoiceDetails recovered = invoicesA.stream().filter(i -> i.getInvoiceId().equals(draft.invoiceId()))
                .findFirst().orElseThrow();
        assertThat(recovered.getNumber()).isEqualTo(taken);
        assertThat(recovered.getStatus()).isEqualTo("paid");
        assertThat(client.sandboxChargesOf(recovered.getInvoiceId())).isEqualTo(1);
        assertThat(report.getInvoicesPaid()).isGreaterThanOrEqualTo(2);

        List<String> all = new ArrayList<>();
        client.invoices(a, user(ownerA)).getInvoicesList().forEach(i -> all.add(i.getNumber()));
        client.invoices(b, user(ownerB)).getInvoicesList().forEach(i -> all.add(i.getNumber()));
        assertThat(all).hasSize(4);
        // Per series (year): 1, 2, 3 ... without gaps (near New Year the renewals fall into the next year's series).
        var bySeries = all.stream().collect(java.util.stream.Collectors.groupingBy(n -> n.substring(0, 4),
                java.util.stream.Collectors.mapping(n -> Long.parseLong(n.substring(5)),
                        java.util.stream.Collectors.toList())));
        bySeries.forEach((year, inYear) -> assertThat(inYear.stream().sorted().toList()).as("series " + year)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, inYear.size()).boxed().toList()));
    }
}
