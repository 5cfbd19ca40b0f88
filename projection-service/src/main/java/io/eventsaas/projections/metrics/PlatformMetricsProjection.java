package io.eventsaas.projections.metrics;

import static io.eventsaas.projections.views.Payloads.day;
import static io.eventsaas.projections.views.Payloads.parse;

import com.google.protobuf.Message;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionRenewed;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.users.OrganizationClosed;
import io.eventsaas.contracts.views.DailyAmount;
import io.eventsaas.contracts.views.DailyCount;
import io.eventsaas.contracts.views.PlanCount;
import io.eventsaas.contracts.views.PlatformMetricsView;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.projections.views.ViewBucket;
import io.eventsaas.projections.views.ViewOutbox;
import io.eventsaas.projections.views.ViewProjection;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The admin dashboard's figures: users, organisations, active subscriptions by plan, MRR (the sum of the active
 * subscriptions' monthly_amount), sign-ups per day, MRR per day, churned subscriptions, invoices paid and failed.
 * Counters change by deltas once per batch; the subscriptions a batch touches are loaded in one query.
 */
public final class PlatformMetricsProjection extends ViewProjection {

    public static final int VERSION = 1;
    static final Set<String> TYPES = Set.of(EventTypes.USER_REGISTERED, EventTypes.USER_ERASED,
            EventTypes.ORGANIZATION_CREATED, EventTypes.ORGANIZATION_CLOSED, EventTypes.SUBSCRIPTION_STARTED,
            EventTypes.PLAN_CHANGED, EventTypes.SUBSCRIPTION_RENEWED, EventTypes.INVOICE_PAID,
            EventTypes.INVOICE_PAYMENT_FAILED);
    private static final Set<String> CHURN_REASONS = Set.of("cancelled", "non-payment");

    public PlatformMetricsProjection(JdbcTemplate jdbc, int version, ViewOutbox outbox, ViewBucket bucket) {
        super(jdbc, version, outbox, bucket);
    }

    @Override
    protected String model() {
        return "platform-metrics";
    }

    @Override
    protected List<String> tables() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS metrics_counter_v{v} (name text PRIMARY KEY, value bigint NOT NULL)",
                """
                CREATE TABLE IF NOT EXISTS metrics_subscription_v{v} (organization_id text PRIMARY KEY,
                    plan_code text NOT NULL, monthly_minor bigint NOT NULL, currency text NOT NULL,
                    active boolean NOT NULL)""",
                "CREATE TABLE IF NOT EXISTS metrics_signup_day_v{v} (day date PRIMARY KEY, signups bigint NOT NULL)",
                "CREATE TABLE IF NOT EXISTS metrics_mrr_day_v{v} (day date PRIMARY KEY, mrr bigint NOT NULL)");
    }

    @Override
    protected String keyPattern() {
        return Buckets.PLATFORM_METRICS;
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void apply(RecordedEvent event) {
        applyBatch(List.of(event));
    }

    @Override
    public void applyBatch(List<RecordedEvent> events) {
        Map<String, Long> counters = new HashMap<>();
        jdbc.query("SELECT name, value FROM " + table("metrics_counter"), rs -> {
            counters.put(rs.getString(1), rs.getLong(2));
        });
        Map<String, Long> before = Map.copyOf(counters);
        Map<String, Subscription> subscriptions = loadSubscriptions(events);
        Map<String, Subscription> touched = new HashMap<>();
        Map<String, Long> signups = new TreeMap<>();
        Map<String, Long> mrrByDay = new TreeMap<>();
        for (RecordedEvent event : events) {
            long mrrBefore = counters.getOrDefault("mrr", 0L);
            switch (event.type()) {
                case EventTypes.USER_REGISTERED -> {
                    parse(event, io.eventsaas.contracts.users.UserRegistered.parser()); // unreadable: parked
                    counters.merge("users", 1L, Long::sum);
                    signups.merge(day(event.occurredAt()), 1L, Long::sum);
                }
                case EventTypes.USER_ERASED -> counters.merge("users", -1L, Long::sum);
                case EventTypes.ORGANIZATION_CREATED -> counters.merge("organizations", 1L, Long::sum);
                case EventTypes.ORGANIZATION_CLOSED -> {
                    counters.merge("organizations", -1L, Long::sum);
                    Subscription s = subscriptions.get(parse(event, OrganizationClosed.parser()).getOrganizationId());
                    if (s != null && s.active) {
                        counters.merge("mrr", -s.monthly, Long::sum);
                        if (s.monthly > 0) {
                            counters.merge("churned", 1L, Long::sum);
                        }
                        s.active = false;
                        touched.put(s.organizationId, s);
                    }
                }
                case EventTypes.SUBSCRIPTION_STARTED -> {
                    var e = parse(event, SubscriptionStarted.parser());
                    change(subscriptions, touched, counters, e.getOrganizationId(), e.getPlanCode(),
                            e.getMonthlyAmount().getMinorUnits(), e.getMonthlyAmount().getCurrency());
                }
                case EventTypes.PLAN_CHANGED -> {
                    var e = parse(event, PlanChanged.parser());
                    Subscription s = subscriptions.get(e.getOrganizationId());
                    if (CHURN_REASONS.contains(e.getReason()) && s != null && s.active && s.monthly > 0) {
                        counters.merge("churned", 1L, Long::sum);
                    }
                    change(subscriptions, touched, counters, e.getOrganizationId(), e.getToPlanCode(),
                            e.getMonthlyAmount().getMinorUnits(), e.getMonthlyAmount().getCurrency());
                }
                case EventTypes.SUBSCRIPTION_RENEWED -> {
                    var e = parse(event, SubscriptionRenewed.parser());
                    change(subscriptions, touched, counters, e.getOrganizationId(), e.getPlanCode(),
                            e.getMonthlyAmount().getMinorUnits(), e.getMonthlyAmount().getCurrency());
                }
                case EventTypes.INVOICE_PAID -> counters.merge("invoices_paid", 1L, Long::sum);
                case EventTypes.INVOICE_PAYMENT_FAILED -> counters.merge("invoices_failed", 1L, Long::sum);
                default -> {
                    continue;
                }
            }
            counters.put("as_of", event.streamSequence());
            long mrrAfter = counters.getOrDefault("mrr", 0L);
            if (mrrAfter != mrrBefore) {
                mrrByDay.put(day(event.occurredAt()), mrrAfter);
            }
        }
        jdbc.batchUpdate("INSERT INTO " + table("metrics_counter") + " (name, value) VALUES (?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                counters.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey())))
                        .map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
        jdbc.batchUpdate("INSERT INTO " + table("metrics_subscription") + " VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (organization_id) DO UPDATE SET plan_code = excluded.plan_code, "
                        + "monthly_minor = excluded.monthly_minor, currency = excluded.currency, active = excluded.active",
                touched.values().stream().map(s -> new Object[] {s.organizationId, s.plan, s.monthly, s.currency,
                        s.active}).toList());
        jdbc.batchUpdate("INSERT INTO " + table("metrics_signup_day") + " VALUES (?, ?) ON CONFLICT (day) DO UPDATE "
                        + "SET signups = " + table("metrics_signup_day") + ".signups + excluded.signups",
                signups.entrySet().stream().map(e -> new Object[] {Date.valueOf(e.getKey()), e.getValue()}).toList());
        jdbc.batchUpdate("INSERT INTO " + table("metrics_mrr_day") + " VALUES (?, ?) ON CONFLICT (day) DO UPDATE "
                        + "SET mrr = excluded.mrr",
                mrrByDay.entrySet().stream().map(e -> new Object[] {Date.valueOf(e.getKey()), e.getValue()}).toList());
        changed(List.of(Buckets.PLATFORM_METRICS));
    }

    private static void change(Map<String, Subscription> subscriptions, Map<String, Subscription> touched,
            Map<String, Long> counters, String org, String plan, long monthly, String currency) {
        Subscription s = subscriptions.computeIfAbsent(org, Subscription::new);
        long old = s.active ? s.monthly : 0;
        s.plan = plan;
        s.monthly = monthly;
        s.currency = currency;
        s.active = true;
        counters.merge("mrr", monthly - old, Long::sum);
        touched.put(org, s);
    }

    private Map<String, Subscription> loadSubscriptions(List<RecordedEvent> events) {
        List<String> orgs = events.stream().filter(e -> e.type().startsWith("Subscription")
                        || e.type().equals(EventTypes.PLAN_CHANGED) || e.type().equals(EventTypes.ORGANIZATION_CLOSED))
                .map(RecordedEvent::aggregateId).distinct().toList();
        Map<String, Subscription> result = new HashMap<>();
        if (orgs.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT organization_id, plan_code, monthly_minor, currency, active FROM "
                + table("metrics_subscription") + " WHERE organization_id = ANY(?)", rs -> {
                    Subscription s = new Subscription(rs.getString(1));
                    s.plan = rs.getString(2);
                    s.monthly = rs.getLong(3);
                    s.currency = rs.getString(4);
                    s.active = rs.getBoolean(5);
                    result.put(s.organizationId, s);
                }, (Object) orgs.toArray(String[]::new));
        return result;
    }

    @Override
    protected Optional<Message> render(String key) {
        Map<String, Long> counters = new HashMap<>();
        jdbc.query("SELECT name, value FROM " + table("metrics_counter"), rs -> {
            counters.put(rs.getString(1), rs.getLong(2));
        });
        PlatformMetricsView.Builder view = PlatformMetricsView.newBuilder()
                .setReadModelVersion(version)
                .setAsOfSequence(counters.getOrDefault("as_of", 0L))
                .setUsers(counters.getOrDefault("users", 0L))
                .setOrganizations(counters.getOrDefault("organizations", 0L))
                .setMrrMinorUnits(counters.getOrDefault("mrr", 0L))
                .setChurnedSubscriptions(counters.getOrDefault("churned", 0L))
                .setInvoicesPaid(counters.getOrDefault("invoices_paid", 0L))
                .setInvoicesFailed(counters.getOrDefault("invoices_failed", 0L));
        jdbc.query("SELECT plan_code, count(*) FROM " + table("metrics_subscription")
                + " WHERE active GROUP BY plan_code ORDER BY plan_code", rs -> {
                    view.addActiveSubscriptions(PlanCount.newBuilder().setPlanCode(rs.getString(1))
                            .setCount(rs.getLong(2)));
                });
        view.setCurrency(Optional.ofNullable(jdbc.query("SELECT currency FROM " + table("metrics_subscription")
                + " WHERE currency <> '' ORDER BY organization_id LIMIT 1", rs -> rs.next() ? rs.getString(1) : ""))
                .orElse(""));
        jdbc.query("SELECT day, signups FROM (SELECT day, signups FROM " + table("metrics_signup_day")
                + " ORDER BY day DESC LIMIT 60) d ORDER BY day", rs -> {
                    view.addSignupsPerDay(DailyCount.newBuilder().setDay(rs.getObject(1, LocalDate.class).toString())
                            .setCount(rs.getLong(2)));
                });
        jdbc.query("SELECT day, mrr FROM (SELECT day, mrr FROM " + table("metrics_mrr_day")
                + " ORDER BY day DESC LIMIT 365) d ORDER BY day", rs -> {
                    view.addMrrPerDay(DailyAmount.newBuilder().setDay(rs.getObject(1, LocalDate.class).toString())
                            .setMinorUnits(rs.getLong(2)));
                });
        var now = Clock.systemUTC().instant(); // when it was written: not part of what is compared
        view.setUpdatedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(now.getEpochSecond())
                .setNanos(now.getNano()));
        return Optional.of(view.build());
    }

    private static final class Subscription {
        final String organizationId;
        String plan = "";
        long monthly;
        String currency = "";
        boolean active;

        Subscription(String organizationId) {
            this.organizationId = organizationId;
        }
    }
}
