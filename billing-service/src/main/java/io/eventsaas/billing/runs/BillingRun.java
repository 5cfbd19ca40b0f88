package io.eventsaas.billing.runs;

import io.eventsaas.billing.domain.Invoice;
import io.eventsaas.billing.domain.InvoiceDrafts;
import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.domain.SubscriptionCommand.Renew;
import io.eventsaas.billing.domain.SubscriptionEvent;
import io.eventsaas.billing.domain.SubscriptionEvent.PlanChanged;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionRenewed;
import io.eventsaas.billing.events.Aggregates;
import io.eventsaas.billing.invoicing.Charger;
import io.eventsaas.billing.invoicing.InvoiceIssuer;
import io.eventsaas.billing.store.BillingReadModel;
import io.eventsaas.billing.store.BillingReadModel.Versioned;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.projection.ProjectionRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A billing run as of a moment: renew every subscription whose period has ended (applying scheduled downgrades and
 * cancellations), issue one invoice per paid period, and charge what is due (new invoices, and retries whose time
 * has come). Idempotent: every step is a decision on the aggregate's state appended with its expected version and a
 * message id derived from what it does, invoices have derived ids and are issued once ({@link InvoiceIssuer}), and
 * charges carry an idempotency key; two overlapping runs, or a run started again after a crash, do each thing once.
 */
public final class BillingRun {

    private static final Logger log = LoggerFactory.getLogger(BillingRun.class);
    /** Renewals and charges in flight at once: network round trips, not CPU, bound them. */
    private static final int PARALLELISM = 8;

    private final BillingReadModel readModel;
    private final ProjectionRunner readModelRunner;
    private final EventStore eventStore;
    private final Aggregates aggregates;
    private final InvoiceIssuer issuer;
    private final Charger charger;

    public BillingRun(BillingReadModel readModel, ProjectionRunner readModelRunner, EventStore eventStore,
            Aggregates aggregates, InvoiceIssuer issuer, Charger charger) {
        this.readModel = readModel;
        this.readModelRunner = readModelRunner;
        this.eventStore = eventStore;
        this.aggregates = aggregates;
        this.issuer = issuer;
        this.charger = charger;
    }

    public record Report(Instant asOf, int renewed, int issued, int paid, int failed, int downgraded, int timedOut,
            Duration took) {
    }

    private static final class Counts {
        final AtomicInteger renewed = new AtomicInteger();
        final AtomicInteger issued = new AtomicInteger();
        final AtomicInteger paid = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger downgraded = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();
    }

    public Report run(Instant asOf, String correlationId) throws Exception {
        long started = System.nanoTime();
        // A number a crashed run took reaches the stream first; then the read model catches up with everything the
        // stream holds, so the run decides on all of it.
        int year = asOf.atZone(ZoneOffset.UTC).getYear();
        issuer.finishSeries(Integer.toString(year - 1), correlationId);
        issuer.finishSeries(Integer.toString(year), correlationId);
        readModelRunner.awaitPosition(eventStore.lastSequence(), Duration.ofSeconds(60));

        // The gaps are read before what is due: an invoice another instance issues in between is then either a gap
        // (recovered below) or due (read after it), never neither.
        List<String> prorationGaps = readModel.prorationsWithoutInvoice();
        List<String> periodGaps = readModel.periodsWithoutInvoice();
        Counts counts = new Counts();
        Map<String, Versioned<Invoice.State>> toCharge = new LinkedHashMap<>();
        for (Versioned<Invoice.State> due : readModel.invoicesDue(asOf)) {
            toCharge.put(due.state().invoiceId(), due);
        }
        for (String org : prorationGaps) {
            recoverProration(org, correlationId, counts, toCharge);
        }
        for (String org : periodGaps) {
            recoverPeriodInvoice(org, correlationId, counts, toCharge);
        }
        // Renewals are independent of each other: several at a time. Issuing is serialised by the number counter
        // anyway, so it runs in one thread, in a stable order. Charges are independent again.
        List<InvoiceIssued> drafts = java.util.Collections.synchronizedList(new ArrayList<>());
        long renewing = System.nanoTime();
        inParallel(readModel.dueSubscriptions(asOf), org -> renew(org, asOf, correlationId, counts, drafts));
        long issuing = System.nanoTime();
        drafts.sort(java.util.Comparator.comparing(InvoiceIssued::periodStart)
                .thenComparing(InvoiceIssued::organizationId));
        for (InvoiceIssued draft : drafts) {
            issue(draft, correlationId, counts, toCharge);
        }
        long charging = System.nanoTime();
        inParallel(List.copyOf(toCharge.values()), invoice -> charge(invoice, asOf, correlationId, counts));
        long catchingUp = System.nanoTime();
        // Answer once this instance's read model shows what the run did (the caller's next read sees it).
        readModelRunner.awaitPosition(eventStore.lastSequence(), Duration.ofSeconds(60));
        Report report = new Report(asOf, counts.renewed.get(), counts.issued.get(), counts.paid.get(),
                counts.failed.get(), counts.downgraded.get(), counts.timedOut.get(),
                Duration.ofNanos(System.nanoTime() - started));
        log.info("Billing run as of {}: {} renewed, {} invoices issued, {} paid, {} failed, {} dropped to Free, "
                + "{} timed out, in {} ms", asOf, report.renewed(), report.issued(), report.paid(), report.failed(),
                report.downgraded(), report.timedOut(), report.took().toMillis());
        log.info("Billing run phases (ms): prepare {}, renew {}, issue {}, charge {}, read model catch-up {}",
                (renewing - started) / 1_000_000, (issuing - renewing) / 1_000_000, (charging - issuing) / 1_000_000,
                (catchingUp - charging) / 1_000_000, (System.nanoTime() - catchingUp) / 1_000_000);
        return report;
    }

    private void charge(Versioned<Invoice.State> invoice, Instant asOf, String correlationId, Counts counts) {
        if (!invoice.state().dueAt(asOf)) {
            return;
        }
        switch (charger.charge(invoice.state(), invoice.version(), asOf, correlationId)) {
            case PAID -> counts.paid.incrementAndGet();
            case FAILED -> counts.failed.incrementAndGet();
            case GAVE_UP -> {
                counts.failed.incrementAndGet();
                counts.downgraded.incrementAndGet();
            }
            case TIMED_OUT -> counts.timedOut.incrementAndGet();
            case SETTLED_ELSEWHERE -> {
            }
        }
    }

    /** Runs the work for each item, {@value #PARALLELISM} at a time, and fails after all ran if any failed. */
    private static <T> void inParallel(List<T> items, java.util.function.Consumer<T> work) throws Exception {
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(PARALLELISM);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                permits.acquire();
                done.add(pool.submit(() -> {
                    try {
                        work.accept(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        for (var future : done) {
            future.get();
        }
    }

    private void renew(String org, Instant asOf, String correlationId, Counts counts, List<InvoiceIssued> drafts) {
        Versioned<Subscription.State> current = aggregates.subscription(org).orElse(null);
        while (current != null && current.state().exists() && !current.state().periodEnd().isAfter(asOf)) {
            int seats = readModel.seats(org);
            var decided = aggregates.decideSubscription(org, s -> Subscription.decide(s, new Renew(asOf, seats)),
                    s -> "renew:" + org + ":" + s.periodEnd().getEpochSecond(), correlationId, "billing-run:" + asOf);
            for (SubscriptionEvent event : decided.events()) {
                if (event instanceof SubscriptionRenewed renewed) {
                    counts.renewed.incrementAndGet();
                    if (!renewed.monthlyAmount().isZero()) {
                        drafts.add(InvoiceDrafts.forPeriod(renewed, renewed.periodStart()));
                    }
                }
            }
            current = new Versioned<>(decided.state(), decided.version());
        }
    }

    private void issue(InvoiceIssued draft, String correlationId,
            Counts counts, Map<String, Versioned<Invoice.State>> toCharge) {
        InvoiceIssuer.Issued issued = issuer.issue(draft, correlationId);
        counts.issued.incrementAndGet();
        toCharge.put(issued.invoice().invoiceId(), new Versioned<>(issued.state(), issued.version()));
    }

    /** An instance died between an upgrade and its prorated invoice: issue it now. */
    private void recoverProration(String org, String correlationId, Counts counts,
            Map<String, Versioned<Invoice.State>> toCharge) {
        var stream = aggregates.subscriptionFromStream(org);
        String invoiceId = stream.state().pendingProrationInvoiceId();
        if (invoiceId == null || aggregates.invoiceExists(invoiceId)) {
            return;
        }
        lastOf(org, PlanChanged.class).filter(c -> c.prorationInvoiceId().equals(invoiceId)).ifPresent(change ->
                issue(InvoiceDrafts.forProration(change, stream.state().periodEnd()), correlationId, counts,
                        toCharge));
    }

    /** A run died between a renewal and its invoice: issue it now. */
    private void recoverPeriodInvoice(String org, String correlationId, Counts counts,
            Map<String, Versioned<Invoice.State>> toCharge) {
        lastOf(org, SubscriptionRenewed.class).filter(r -> !r.monthlyAmount().isZero()).ifPresent(renewed ->
                issue(InvoiceDrafts.forPeriod(renewed, renewed.periodStart()), correlationId, counts, toCharge));
    }

    private <E extends SubscriptionEvent> java.util.Optional<E> lastOf(String org, Class<E> type) {
        List<E> found = aggregates.subscriptionEvents(org).stream().filter(type::isInstance).map(type::cast).toList();
        return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found.getLast());
    }
}
