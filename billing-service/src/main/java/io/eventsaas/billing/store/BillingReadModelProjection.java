package io.eventsaas.billing.store;

import io.eventsaas.billing.domain.Invoice;
import io.eventsaas.billing.domain.InvoiceEvent;
import io.eventsaas.billing.domain.InvoiceIds;
import io.eventsaas.billing.domain.InvoiceLine;
import io.eventsaas.billing.domain.MembershipEvent;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.domain.SubscriptionEvent;
import io.eventsaas.billing.events.BillingEventCodec;
import io.eventsaas.billing.events.BillingEventCodec.Decoded.Known;
import io.eventsaas.billing.events.BillingEventCodec.Decoded.Skipped;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.Projection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies membership events (seats, roles) and billing's own events to the read model, inside the runner's
 * transaction (which moves the checkpoint too). Fan-out: every instance applies every event to its own database and
 * produces no events. Subscription and invoice rows are the aggregates' states, evolved by the domain's own
 * {@code evolve}, with their versions.
 */
final class BillingReadModelProjection implements Projection {

    static final String NAME = "billing-read-model-v1";
    private static final Logger log = LoggerFactory.getLogger(BillingReadModelProjection.class);

    private final BillingEventCodec codec;
    private final JdbcClient jdbc;
    private final Set<String> types;

    BillingReadModelProjection(BillingEventCodec codec, JdbcClient jdbc, Set<String> types) {
        this.codec = codec;
        this.jdbc = jdbc;
        this.types = types;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(String eventType) {
        return types.contains(eventType);
    }

    @Override
    public void apply(RecordedEvent event) {
        switch (codec.decode(event)) {
            case Known(MembershipEvent e) -> on(e);
            case Known(SubscriptionEvent e) -> on(e, event.streamSequence());
            case Known(InvoiceEvent e) -> on(e, event.streamSequence());
            case Known(Object other) -> log.warn("Read model ignores {}", other.getClass().getSimpleName());
            case Skipped(String reason) -> log.warn("Read model skips event {} ({} v{}) at sequence {}: {}",
                    event.eventId(), event.type(), event.schemaVersion(), event.streamSequence(), reason);
        }
    }

    private void on(MembershipEvent event) {
        switch (event) {
            case MembershipEvent.OrganizationCreated e -> {
                jdbc.sql("INSERT INTO organizations (organization_id) VALUES (?) ON CONFLICT DO NOTHING")
                        .param(e.organizationId()).update();
                upsertMember(e.organizationId(), e.ownerUserId(), "owner");
            }
            case MembershipEvent.MemberJoined e -> upsertMember(e.organizationId(), e.userId(), e.role());
            case MembershipEvent.MemberRoleChanged e -> upsertMember(e.organizationId(), e.userId(), e.role());
            case MembershipEvent.MemberRemoved e ->
                    jdbc.sql("DELETE FROM members WHERE organization_id = ? AND user_id = ?")
                            .params(e.organizationId(), e.userId()).update();
            case MembershipEvent.OrganizationClosed e -> {
                jdbc.sql("""
                        INSERT INTO organizations (organization_id, closed) VALUES (?, true)
                        ON CONFLICT (organization_id) DO UPDATE SET closed = true""").param(e.organizationId()).update();
                jdbc.sql("DELETE FROM members WHERE organization_id = ?").param(e.organizationId()).update();
            }
        }
    }

    private void upsertMember(String organizationId, String userId, String role) {
        jdbc.sql("""
                        INSERT INTO members (organization_id, user_id, role) VALUES (?, ?, ?)
                        ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role""")
                .params(organizationId, userId, role).update();
    }

    private void on(SubscriptionEvent event, long sequence) {
        String org = event.organizationId();
        var row = jdbc.sql("SELECT * FROM subscriptions WHERE organization_id = ?").param(org)
                .query((rs, n) -> new Object[] {BillingReadModel.subscriptionOf(rs), rs.getString("period_invoice_id")})
                .optional();
        Subscription.State before = row.map(r -> (Subscription.State) r[0]).orElse(Subscription.initial());
        String periodInvoiceId = row.map(r -> (String) r[1]).orElse(null);
        Subscription.State s = Subscription.evolve(before, event);
        if (event instanceof SubscriptionEvent.SubscriptionRenewed renewed) {
            periodInvoiceId = renewed.monthlyAmount().isZero() ? null
                    : InvoiceIds.forPeriod(org, renewed.periodStart());
        } else if (event instanceof SubscriptionEvent.SubscriptionStarted) {
            periodInvoiceId = null;
        }
        var pm = s.paymentMethod();
        jdbc.sql("""
                        INSERT INTO subscriptions (organization_id, plan_code, period_start, period_end, monthly_amount,
                            currency, seats, pm_brand, pm_last4, pm_exp_month, pm_exp_year, pm_reference,
                            scheduled_plan_code, cancel_at_period_end, past_due_invoice_id,
                            pending_proration_invoice_id, period_invoice_id, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id) DO UPDATE SET plan_code = EXCLUDED.plan_code,
                            period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
                            monthly_amount = EXCLUDED.monthly_amount, currency = EXCLUDED.currency,
                            seats = EXCLUDED.seats, pm_brand = EXCLUDED.pm_brand, pm_last4 = EXCLUDED.pm_last4,
                            pm_exp_month = EXCLUDED.pm_exp_month, pm_exp_year = EXCLUDED.pm_exp_year,
                            pm_reference = EXCLUDED.pm_reference, scheduled_plan_code = EXCLUDED.scheduled_plan_code,
                            cancel_at_period_end = EXCLUDED.cancel_at_period_end,
                            past_due_invoice_id = EXCLUDED.past_due_invoice_id,
                            pending_proration_invoice_id = EXCLUDED.pending_proration_invoice_id,
                            period_invoice_id = EXCLUDED.period_invoice_id, version = EXCLUDED.version""")
                .params(org, s.planCode(), ts(s.periodStart()), ts(s.periodEnd()), s.monthlyAmount().minorUnits(),
                        s.monthlyAmount().currency().getCurrencyCode(), s.seats(),
                        pm == null ? null : pm.brand(), pm == null ? null : pm.last4(),
                        pm == null ? null : pm.expMonth(), pm == null ? null : pm.expYear(),
                        pm == null ? null : pm.providerReference(), s.scheduledPlanCode(), s.cancelAtPeriodEnd(),
                        s.pastDueInvoiceId(), s.pendingProrationInvoiceId(), periodInvoiceId, sequence)
                .update();
    }

    private void on(InvoiceEvent event, long sequence) {
        if (event instanceof InvoiceEvent.InvoiceIssued issued) {
            int inserted = jdbc.sql("""
                            INSERT INTO invoices (invoice_id, organization_id, number, period_start, period_end, total,
                                currency, issued_at, status, failed_attempts, version)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, ?) ON CONFLICT DO NOTHING""")
                    .params(issued.invoiceId(), issued.organizationId(), issued.number(), ts(issued.periodStart()),
                            ts(issued.periodEnd()), issued.total().minorUnits(),
                            issued.total().currency().getCurrencyCode(), ts(issued.issuedAt()), sequence)
                    .update();
            if (inserted > 0) {
                int position = 0;
                for (InvoiceLine line : issued.lines()) {
                    jdbc.sql("INSERT INTO invoice_lines VALUES (?, ?, ?, ?, ?, ?, ?)")
                            .params(issued.invoiceId(), position++, line.description(), line.quantity(),
                                    line.unitAmount().minorUnits(), line.amount().minorUnits(), line.kind())
                            .update();
                }
            }
            return;
        }
        var current = jdbc.sql("SELECT * FROM invoices WHERE invoice_id = ?").param(event.invoiceId())
                .query((rs, n) -> BillingReadModel.invoiceStateOf(rs)).optional();
        if (current.isEmpty()) {
            log.warn("Read model has no invoice {} for {}", event.invoiceId(), event.getClass().getSimpleName());
            return;
        }
        Invoice.State s = Invoice.evolve(current.get(), event);
        Instant paidAt = event instanceof InvoiceEvent.InvoicePaid paid ? paid.paidAt() : null;
        String reason = event instanceof InvoiceEvent.InvoicePaymentFailed failed ? failed.reason() : null;
        jdbc.sql("""
                        UPDATE invoices SET status = ?, failed_attempts = ?, first_failed_at = ?, next_attempt_at = ?,
                               paid_at = COALESCE(?, paid_at), failure_reason = COALESCE(?, failure_reason), version = ?
                         WHERE invoice_id = ?""")
                .params(s.status().name(), s.failedAttempts(), ts(s.firstFailedAt()), ts(s.nextAttemptAt()),
                        ts(paidAt), reason, sequence, s.invoiceId())
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
