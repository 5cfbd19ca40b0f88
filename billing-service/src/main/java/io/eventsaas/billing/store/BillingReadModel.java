package io.eventsaas.billing.store;

import io.eventsaas.billing.domain.Invoice;
import io.eventsaas.billing.domain.InvoiceLine;
import io.eventsaas.billing.domain.PaymentMethod;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.plans.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The questions billing asks of its read model. */
public final class BillingReadModel {

    private final JdbcClient jdbc;

    BillingReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A subscription's state and version (the stream sequence of its last event). */
    public record Versioned<S>(S state, long version) {
    }

    /** An invoice as the pages show it. */
    public record InvoiceView(String invoiceId, String organizationId, String number, Instant periodStart,
            Instant periodEnd, List<InvoiceLine> lines, Money total, Instant issuedAt, Invoice.Status status,
            int failedAttempts, Instant nextAttemptAt, Instant paidAt, String failureReason) {
    }

    public boolean organizationExists(String organizationId) {
        return jdbc.sql("SELECT count(*) FROM organizations WHERE organization_id = ? AND NOT closed")
                .param(organizationId).query(Long.class).single() > 0;
    }

    public Optional<String> roleOf(String organizationId, String userId) {
        return jdbc.sql("SELECT role FROM members WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId).query(String.class).optional();
    }

    public int seats(String organizationId) {
        return jdbc.sql("SELECT count(*) FROM members WHERE organization_id = ?").param(organizationId)
                .query(Integer.class).single();
    }

    public Optional<Versioned<Subscription.State>> subscription(String organizationId) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE organization_id = ?").param(organizationId)
                .query((rs, row) -> new Versioned<>(subscriptionOf(rs), rs.getLong("version"))).optional();
    }

    /** Organisations (not closed) whose period has ended by {@code asOf}. */
    public List<String> dueSubscriptions(Instant asOf) {
        return jdbc.sql("""
                        SELECT s.organization_id FROM subscriptions s
                          JOIN organizations o ON o.organization_id = s.organization_id AND NOT o.closed
                         WHERE s.period_end <= ? ORDER BY s.period_end, s.organization_id""")
                .param(Timestamp.from(asOf)).query(String.class).list();
    }

    /** Organisations whose current period needs an invoice that is not there (a run that crashed in between). */
    public List<String> periodsWithoutInvoice() {
        return jdbc.sql("""
                        SELECT s.organization_id FROM subscriptions s
                         WHERE s.period_invoice_id IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.invoice_id = s.period_invoice_id)""")
                .query(String.class).list();
    }

    /** Upgrades whose prorated invoice is not there (an instance that died between the change and the invoice). */
    public List<String> prorationsWithoutInvoice() {
        return jdbc.sql("""
                        SELECT s.organization_id FROM subscriptions s
                         WHERE s.pending_proration_invoice_id IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.invoice_id = s.pending_proration_invoice_id)""")
                .query(String.class).list();
    }

    /** Open invoices due for a payment attempt: never tried (or timed out), or a retry whose time has come. */
    public List<Versioned<Invoice.State>> invoicesDue(Instant asOf) {
        return jdbc.sql("""
                        SELECT * FROM invoices WHERE status = 'OPEN'
                           AND (failed_attempts = 0 OR next_attempt_at <= ?) ORDER BY issued_at, invoice_id""")
                .param(Timestamp.from(asOf))
                .query((rs, row) -> new Versioned<>(invoiceStateOf(rs), rs.getLong("version"))).list();
    }

    public Optional<Versioned<Invoice.State>> invoiceState(String invoiceId) {
        return jdbc.sql("SELECT * FROM invoices WHERE invoice_id = ?").param(invoiceId)
                .query((rs, row) -> new Versioned<>(invoiceStateOf(rs), rs.getLong("version"))).optional();
    }

    public List<InvoiceView> invoices(String organizationId) {
        return jdbc.sql("SELECT * FROM invoices WHERE organization_id = ? ORDER BY issued_at DESC, number DESC")
                .param(organizationId).query((rs, row) -> invoiceViewOf(rs)).list();
    }

    public Optional<InvoiceView> invoice(String organizationId, String invoiceId) {
        return jdbc.sql("SELECT * FROM invoices WHERE organization_id = ? AND invoice_id = ?")
                .params(organizationId, invoiceId).query((rs, row) -> invoiceViewOf(rs)).optional();
    }

    private InvoiceView invoiceViewOf(ResultSet rs) throws SQLException {
        String id = rs.getString("invoice_id");
        String currency = rs.getString("currency");
        List<InvoiceLine> lines = jdbc.sql("SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position")
                .param(id).query((l, row) -> new InvoiceLine(l.getString("description"), l.getInt("quantity"),
                        Money.of(l.getLong("unit_amount"), currency), Money.of(l.getLong("amount"), currency),
                        l.getString("kind"))).list();
        return new InvoiceView(id, rs.getString("organization_id"), rs.getString("number"),
                instant(rs, "period_start"), instant(rs, "period_end"), lines,
                Money.of(rs.getLong("total"), currency), instant(rs, "issued_at"),
                Invoice.Status.valueOf(rs.getString("status")), rs.getInt("failed_attempts"),
                instant(rs, "next_attempt_at"), instant(rs, "paid_at"), rs.getString("failure_reason"));
    }

    static Subscription.State subscriptionOf(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        PaymentMethod pm = rs.getString("pm_last4") == null ? null
                : new PaymentMethod(rs.getString("pm_brand"), rs.getString("pm_last4"), rs.getInt("pm_exp_month"),
                        rs.getInt("pm_exp_year"), rs.getString("pm_reference"));
        return new Subscription.State(rs.getString("organization_id"), rs.getString("plan_code"),
                instant(rs, "period_start"), instant(rs, "period_end"), Money.of(rs.getLong("monthly_amount"), currency),
                rs.getInt("seats"), pm, rs.getString("scheduled_plan_code"), rs.getBoolean("cancel_at_period_end"),
                rs.getString("past_due_invoice_id"), rs.getString("pending_proration_invoice_id"));
    }

    static Invoice.State invoiceStateOf(ResultSet rs) throws SQLException {
        return new Invoice.State(rs.getString("invoice_id"), rs.getString("organization_id"), rs.getString("number"),
                Money.of(rs.getLong("total"), rs.getString("currency")), Invoice.Status.valueOf(rs.getString("status")),
                rs.getInt("failed_attempts"), instant(rs, "first_failed_at"), instant(rs, "next_attempt_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
