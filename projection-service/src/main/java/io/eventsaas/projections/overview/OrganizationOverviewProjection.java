package io.eventsaas.projections.overview;

import static io.eventsaas.projections.views.Payloads.parse;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.billing.CancellationScheduled;
import io.eventsaas.contracts.billing.CancellationWithdrawn;
import io.eventsaas.contracts.billing.InvoicePaid;
import io.eventsaas.contracts.billing.InvoicePaymentFailed;
import io.eventsaas.contracts.billing.InvoiceIssued;
import io.eventsaas.contracts.billing.PaymentMethodAttached;
import io.eventsaas.contracts.billing.PlanChangeScheduled;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionPastDue;
import io.eventsaas.contracts.billing.SubscriptionRenewed;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.users.ApiKeyCreated;
import io.eventsaas.contracts.users.ApiKeyRevoked;
import io.eventsaas.contracts.users.InvitationRevoked;
import io.eventsaas.contracts.users.MemberInvited;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.MemberRemoved;
import io.eventsaas.contracts.users.OrganizationClosed;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.views.OrganizationOverviewView;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.projections.views.ViewBucket;
import io.eventsaas.projections.views.ViewOutbox;
import io.eventsaas.projections.views.ViewProjection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per organisation: its name, members, open invitations, active API keys, plan and subscription status, invoices
 * paid and failed, and when something last happened. One row per organisation, loaded once per batch.
 */
public final class OrganizationOverviewProjection extends ViewProjection {

    public static final int VERSION = 1;

    public OrganizationOverviewProjection(JdbcTemplate jdbc, int version, ViewOutbox outbox, ViewBucket bucket) {
        super(jdbc, version, outbox, bucket);
    }

    @Override
    protected String model() {
        return "org-overview";
    }

    @Override
    protected List<String> tables() {
        return List.of("""
                CREATE TABLE IF NOT EXISTS org_overview_v{v} (
                    organization_id text PRIMARY KEY, name text NOT NULL, personal boolean NOT NULL,
                    closed boolean NOT NULL, members integer NOT NULL, open_invitations integer NOT NULL,
                    api_keys integer NOT NULL, plan_code text NOT NULL, status text NOT NULL,
                    monthly_minor bigint NOT NULL, currency text NOT NULL, invoices_paid bigint NOT NULL,
                    invoices_failed bigint NOT NULL, last_activity_at timestamptz, as_of_sequence bigint NOT NULL)""");
    }

    @Override
    protected String keyPattern() {
        return Buckets.ORG_OVERVIEW_PREFIX + ">";
    }

    @Override
    public boolean handles(String eventType) {
        return knows(eventType) && !eventType.startsWith("User") && !eventType.equals(EventTypes.PASSWORD_CHANGED);
    }

    @Override
    public void apply(RecordedEvent event) {
        applyBatch(List.of(event));
    }

    @Override
    public void applyBatch(List<RecordedEvent> events) {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> orgs = events.stream().map(OrganizationOverviewProjection::organizationOf).distinct().toList();
        jdbc.query("SELECT organization_id, name, personal, closed, members, open_invitations, api_keys, plan_code, "
                + "status, monthly_minor, currency, invoices_paid, invoices_failed, last_activity_at, as_of_sequence "
                + "FROM " + table("org_overview") + " WHERE organization_id = ANY(?)", rs -> {
                    Row row = new Row(rs.getString(1));
                    row.name = rs.getString(2);
                    row.personal = rs.getBoolean(3);
                    row.closed = rs.getBoolean(4);
                    row.members = rs.getInt(5);
                    row.invitations = rs.getInt(6);
                    row.apiKeys = rs.getInt(7);
                    row.plan = rs.getString(8);
                    row.status = rs.getString(9);
                    row.monthly = rs.getLong(10);
                    row.currency = rs.getString(11);
                    row.paid = rs.getLong(12);
                    row.failed = rs.getLong(13);
                    OffsetDateTime last = rs.getObject(14, OffsetDateTime.class);
                    row.lastActivity = last == null ? null : last.toInstant();
                    row.asOf = rs.getLong(15);
                    rows.put(row.id, row);
                }, (Object) orgs.toArray(String[]::new));
        for (RecordedEvent event : events) {
            String org = organizationOf(event);
            Row row = rows.computeIfAbsent(org, Row::new);
            evolve(row, event);
            row.lastActivity = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
            row.asOf = event.streamSequence();
        }
        jdbc.batchUpdate("INSERT INTO " + table("org_overview") + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name, personal = excluded.personal, "
                + "closed = excluded.closed, members = excluded.members, open_invitations = excluded.open_invitations, "
                + "api_keys = excluded.api_keys, plan_code = excluded.plan_code, status = excluded.status, "
                + "monthly_minor = excluded.monthly_minor, currency = excluded.currency, "
                + "invoices_paid = excluded.invoices_paid, invoices_failed = excluded.invoices_failed, "
                + "last_activity_at = excluded.last_activity_at, as_of_sequence = excluded.as_of_sequence",
                rows.values().stream().map(r -> new Object[] {r.id, r.name, r.personal, r.closed, r.members,
                        r.invitations, r.apiKeys, r.plan, r.status, r.monthly, r.currency, r.paid, r.failed,
                        r.lastActivity == null ? null : OffsetDateTime.ofInstant(r.lastActivity, ZoneOffset.UTC),
                        r.asOf}).toList());
        changed(rows.keySet().stream().map(Buckets::orgOverview).toList());
    }

    private static void evolve(Row row, RecordedEvent event) {
        switch (event.type()) {
            case EventTypes.ORGANIZATION_CREATED -> {
                var e = parse(event, OrganizationCreated.parser());
                row.name = e.getName();
                row.personal = e.getPersonal();
                row.members = 1;
            }
            case EventTypes.MEMBER_INVITED -> row.invitations++;
            case EventTypes.INVITATION_REVOKED -> row.invitations = Math.max(0, row.invitations - 1);
            case EventTypes.MEMBER_JOINED -> {
                row.members++;
                if (!parse(event, MemberJoined.parser()).getInvitationId().isEmpty()) {
                    row.invitations = Math.max(0, row.invitations - 1);
                }
            }
            case EventTypes.MEMBER_REMOVED -> row.members = Math.max(0, row.members - 1);
            case EventTypes.ORGANIZATION_CLOSED -> {
                row.closed = true;
                row.members = 0;
                row.invitations = 0;
                row.apiKeys = 0;
            }
            case EventTypes.API_KEY_CREATED -> row.apiKeys++;
            case EventTypes.API_KEY_REVOKED -> row.apiKeys = Math.max(0, row.apiKeys - 1);
            case EventTypes.SUBSCRIPTION_STARTED -> {
                var e = parse(event, SubscriptionStarted.parser());
                row.plan = e.getPlanCode();
                row.monthly = e.getMonthlyAmount().getMinorUnits();
                row.currency = e.getMonthlyAmount().getCurrency();
                row.status = "active";
            }
            case EventTypes.PLAN_CHANGED -> {
                var e = parse(event, PlanChanged.parser());
                row.plan = e.getToPlanCode();
                row.monthly = e.getMonthlyAmount().getMinorUnits();
                row.currency = e.getMonthlyAmount().getCurrency();
                row.status = "active";
            }
            case EventTypes.SUBSCRIPTION_RENEWED -> {
                var e = parse(event, SubscriptionRenewed.parser());
                row.plan = e.getPlanCode();
                row.monthly = e.getMonthlyAmount().getMinorUnits();
                row.currency = e.getMonthlyAmount().getCurrency();
                row.status = "active";
            }
            case EventTypes.CANCELLATION_SCHEDULED -> row.status = "cancelling";
            case EventTypes.CANCELLATION_WITHDRAWN -> row.status = "active";
            case EventTypes.SUBSCRIPTION_PAST_DUE -> row.status = "past-due";
            case EventTypes.INVOICE_PAID -> {
                row.paid++;
                if (row.status.equals("past-due")) {
                    row.status = "active";
                }
            }
            case EventTypes.INVOICE_PAYMENT_FAILED -> row.failed++;
            default -> {
                // PlanChangeScheduled, PaymentMethodAttached, InvoiceIssued: only the last activity moves
            }
        }
    }

    /** The organisation an event concerns (every event this read model handles names one). */
    static String organizationOf(RecordedEvent event) {
        return switch (event.type()) {
            case EventTypes.ORGANIZATION_CREATED -> parse(event, OrganizationCreated.parser()).getOrganizationId();
            case EventTypes.MEMBER_INVITED -> parse(event, MemberInvited.parser()).getOrganizationId();
            case EventTypes.INVITATION_REVOKED -> parse(event, InvitationRevoked.parser()).getOrganizationId();
            case EventTypes.MEMBER_JOINED -> parse(event, MemberJoined.parser()).getOrganizationId();
            case EventTypes.MEMBER_REMOVED -> parse(event, MemberRemoved.parser()).getOrganizationId();
            case EventTypes.ORGANIZATION_CLOSED -> parse(event, OrganizationClosed.parser()).getOrganizationId();
            case EventTypes.API_KEY_CREATED -> parse(event, ApiKeyCreated.parser()).getOrganizationId();
            case EventTypes.API_KEY_REVOKED -> parse(event, ApiKeyRevoked.parser()).getOrganizationId();
            case EventTypes.SUBSCRIPTION_STARTED -> parse(event, SubscriptionStarted.parser()).getOrganizationId();
            case EventTypes.PAYMENT_METHOD_ATTACHED -> parse(event, PaymentMethodAttached.parser()).getOrganizationId();
            case EventTypes.PLAN_CHANGED -> parse(event, PlanChanged.parser()).getOrganizationId();
            case EventTypes.PLAN_CHANGE_SCHEDULED -> parse(event, PlanChangeScheduled.parser()).getOrganizationId();
            case EventTypes.CANCELLATION_SCHEDULED -> parse(event, CancellationScheduled.parser()).getOrganizationId();
            case EventTypes.CANCELLATION_WITHDRAWN -> parse(event, CancellationWithdrawn.parser()).getOrganizationId();
            case EventTypes.SUBSCRIPTION_RENEWED -> parse(event, SubscriptionRenewed.parser()).getOrganizationId();
            case EventTypes.SUBSCRIPTION_PAST_DUE -> parse(event, SubscriptionPastDue.parser()).getOrganizationId();
            case EventTypes.INVOICE_ISSUED -> parse(event, InvoiceIssued.parser()).getOrganizationId();
            case EventTypes.INVOICE_PAID -> parse(event, InvoicePaid.parser()).getOrganizationId();
            case EventTypes.INVOICE_PAYMENT_FAILED -> parse(event, InvoicePaymentFailed.parser()).getOrganizationId();
            default -> event.aggregateId();
        };
    }

    @Override
    protected Optional<Message> render(String key) {
        return Optional.ofNullable(renderAll(List.of(key)).get(key));
    }

    /** A page of overviews in one query. */
    @Override
    protected Map<String, Message> renderAll(List<String> keys) {
        Map<String, Message> views = new LinkedHashMap<>();
        String[] orgs = keys.stream().map(key -> key.substring(Buckets.ORG_OVERVIEW_PREFIX.length()))
                .toArray(String[]::new);
        jdbc.query("SELECT organization_id, name, personal, closed, members, open_invitations, api_keys, plan_code, "
                + "status, monthly_minor, currency, invoices_paid, invoices_failed, last_activity_at, as_of_sequence "
                + "FROM " + table("org_overview") + " WHERE organization_id = ANY(?)", rs -> {
                    String org = rs.getString(1);
                    OrganizationOverviewView.Builder view = OrganizationOverviewView.newBuilder()
                            .setReadModelVersion(version).setOrganizationId(org).setName(rs.getString(2))
                            .setPersonal(rs.getBoolean(3)).setClosed(rs.getBoolean(4)).setMembers(rs.getInt(5))
                            .setOpenInvitations(rs.getInt(6)).setActiveApiKeys(rs.getInt(7))
                            .setPlanCode(rs.getString(8)).setSubscriptionStatus(rs.getString(9))
                            .setMonthlyMinorUnits(rs.getLong(10)).setCurrency(rs.getString(11))
                            .setInvoicesPaid(rs.getLong(12)).setInvoicesFailed(rs.getLong(13))
                            .setAsOfSequence(rs.getLong(15));
                    OffsetDateTime last = rs.getObject(14, OffsetDateTime.class);
                    if (last != null) {
                        Instant at = last.toInstant();
                        view.setLastActivityAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond())
                                .setNanos(at.getNano()));
                    }
                    views.put(Buckets.orgOverview(org), view.build());
                }, (Object) orgs);
        return views;
    }

    private static final class Row {
        final String id;
        String name = "";
        boolean personal;
        boolean closed;
        int members;
        int invitations;
        int apiKeys;
        String plan = "";
        String status = "none";
        long monthly;
        String currency = "";
        long paid;
        long failed;
        Instant lastActivity;
        long asOf;

        Row(String id) {
            this.id = id;
        }
    }
}
