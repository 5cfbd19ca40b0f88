package io.eventsaas.billing.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.eventsaas.billing.domain.InvoiceEvent;
import io.eventsaas.billing.domain.InvoiceLine;
import io.eventsaas.billing.domain.MembershipEvent;
import io.eventsaas.billing.domain.PaymentMethod;
import io.eventsaas.billing.domain.SubscriptionEvent;
import io.eventsaas.billing.events.BillingEventCodec;
import io.eventsaas.billing.plans.Money;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.billing.CancellationScheduled;
import io.eventsaas.contracts.billing.CancellationWithdrawn;
import io.eventsaas.contracts.billing.InvoiceIssued;
import io.eventsaas.contracts.billing.InvoicePaid;
import io.eventsaas.contracts.billing.InvoicePaymentFailed;
import io.eventsaas.contracts.billing.PaymentMethodAttached;
import io.eventsaas.contracts.billing.PlanChangeScheduled;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionPastDue;
import io.eventsaas.contracts.billing.SubscriptionRenewed;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.MemberRemoved;
import io.eventsaas.contracts.users.MemberRoleChanged;
import io.eventsaas.contracts.users.OrganizationClosed;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Billing's events as the protobuf messages of contracts billing.proto (schema version 1), and membership events in. */
@Component
public final class ProtobufBillingEventCodec implements BillingEventCodec {

    static final int SCHEMA_VERSION = 1;

    /** The event types billing reads. */
    public static final Set<String> MEMBERSHIP_TYPES = Set.of(EventTypes.ORGANIZATION_CREATED, EventTypes.MEMBER_JOINED,
            EventTypes.MEMBER_ROLE_CHANGED, EventTypes.MEMBER_REMOVED, EventTypes.ORGANIZATION_CLOSED);
    public static final Set<String> BILLING_TYPES = Set.of(EventTypes.SUBSCRIPTION_STARTED,
            EventTypes.PAYMENT_METHOD_ATTACHED, EventTypes.PLAN_CHANGED, EventTypes.PLAN_CHANGE_SCHEDULED,
            EventTypes.CANCELLATION_SCHEDULED, EventTypes.CANCELLATION_WITHDRAWN, EventTypes.SUBSCRIPTION_RENEWED,
            EventTypes.SUBSCRIPTION_PAST_DUE, EventTypes.INVOICE_ISSUED, EventTypes.INVOICE_PAID,
            EventTypes.INVOICE_PAYMENT_FAILED);

    @Override
    public NewEvent encode(SubscriptionEvent event) {
        return switch (event) {
            case SubscriptionEvent.SubscriptionStarted e -> event(EventTypes.SUBSCRIPTION_STARTED,
                    SubscriptionStarted.newBuilder().setOrganizationId(e.organizationId()).setPlanCode(e.planCode())
                            .setPeriodStart(ts(e.periodStart())).setPeriodEnd(ts(e.periodEnd()))
                            .setMonthlyAmount(money(e.monthlyAmount())).setSeats(e.seats())
                            .setSeatLimit(e.seatLimit()).build().toByteArray());
            case SubscriptionEvent.PaymentMethodAttached e -> event(EventTypes.PAYMENT_METHOD_ATTACHED,
                    PaymentMethodAttached.newBuilder().setOrganizationId(e.organizationId())
                            .setBrand(e.paymentMethod().brand()).setLast4(e.paymentMethod().last4())
                            .setExpMonth(e.paymentMethod().expMonth()).setExpYear(e.paymentMethod().expYear())
                            .setProviderReference(e.paymentMethod().providerReference())
                            .setAttachedByUserId(e.attachedByUserId()).build().toByteArray());
            case SubscriptionEvent.PlanChanged e -> event(EventTypes.PLAN_CHANGED, PlanChanged.newBuilder()
                    .setOrganizationId(e.organizationId()).setFromPlanCode(e.fromPlanCode())
                    .setToPlanCode(e.toPlanCode()).setEffectiveAt(ts(e.effectiveAt()))
                    .setMonthlyAmount(money(e.monthlyAmount())).setReason(e.reason())
                    .setChangedByUserId(e.changedByUserId()).setProratedAmount(money(e.proratedAmount()))
                    .setProrationInvoiceId(e.prorationInvoiceId()).setSeatLimit(e.seatLimit()).build().toByteArray());
            case SubscriptionEvent.PlanChangeScheduled e -> event(EventTypes.PLAN_CHANGE_SCHEDULED,
                    PlanChangeScheduled.newBuilder().setOrganizationId(e.organizationId())
                            .setToPlanCode(e.toPlanCode()).setEffectiveAt(ts(e.effectiveAt()))
                            .setScheduledByUserId(e.scheduledByUserId()).build().toByteArray());
            case SubscriptionEvent.CancellationScheduled e -> event(EventTypes.CANCELLATION_SCHEDULED,
                    CancellationScheduled.newBuilder().setOrganizationId(e.organizationId())
                            .setEffectiveAt(ts(e.effectiveAt())).setScheduledByUserId(e.scheduledByUserId()).build()
                            .toByteArray());
            case SubscriptionEvent.CancellationWithdrawn e -> event(EventTypes.CANCELLATION_WITHDRAWN,
                    CancellationWithdrawn.newBuilder().setOrganizationId(e.organizationId())
                            .setWithdrawnByUserId(e.withdrawnByUserId()).build().toByteArray());
            case SubscriptionEvent.SubscriptionRenewed e -> event(EventTypes.SUBSCRIPTION_RENEWED,
                    SubscriptionRenewed.newBuilder().setOrganizationId(e.organizationId()).setPlanCode(e.planCode())
                            .setPeriodStart(ts(e.periodStart())).setPeriodEnd(ts(e.periodEnd()))
                            .setMonthlyAmount(money(e.monthlyAmount())).setSeats(e.seats())
                            .setSeatLimit(e.seatLimit()).build().toByteArray());
            case SubscriptionEvent.SubscriptionPastDue e -> event(EventTypes.SUBSCRIPTION_PAST_DUE,
                    SubscriptionPastDue.newBuilder().setOrganizationId(e.organizationId())
                            .setInvoiceId(e.invoiceId()).build().toByteArray());
        };
    }

    @Override
    public NewEvent encode(InvoiceEvent event) {
        return switch (event) {
            case InvoiceEvent.InvoiceIssued e -> event(EventTypes.INVOICE_ISSUED, toBytes(e));
            case InvoiceEvent.InvoicePaid e -> event(EventTypes.INVOICE_PAID, InvoicePaid.newBuilder()
                    .setInvoiceId(e.invoiceId()).setOrganizationId(e.organizationId()).setAmount(money(e.amount()))
                    .setPaidAt(ts(e.paidAt())).setAttempt(e.attempt()).setProviderReference(e.providerReference())
                    .build().toByteArray());
            case InvoiceEvent.InvoicePaymentFailed e -> {
                var failed = InvoicePaymentFailed.newBuilder().setInvoiceId(e.invoiceId())
                        .setOrganizationId(e.organizationId()).setReason(e.reason()).setAttempt(e.attempt())
                        .setFailedAt(ts(e.failedAt()));
                if (e.nextAttemptAt() != null) {
                    failed.setNextAttemptAt(ts(e.nextAttemptAt()));
                }
                yield event(EventTypes.INVOICE_PAYMENT_FAILED, failed.build().toByteArray());
            }
        };
    }

    @Override
    public byte[] toBytes(InvoiceEvent.InvoiceIssued e) {
        var issued = InvoiceIssued.newBuilder().setInvoiceId(e.invoiceId()).setOrganizationId(e.organizationId())
                .setNumber(e.number()).setPeriodStart(ts(e.periodStart())).setPeriodEnd(ts(e.periodEnd()))
                .setTotal(money(e.total())).setIssuedAt(ts(e.issuedAt()));
        for (InvoiceLine line : e.lines()) {
            issued.addLines(io.eventsaas.contracts.billing.InvoiceLine.newBuilder().setDescription(line.description())
                    .setQuantity(line.quantity()).setUnitAmount(money(line.unitAmount()))
                    .setAmount(money(line.amount())).setKind(line.kind()));
        }
        return issued.build().toByteArray();
    }

    @Override
    public InvoiceEvent.InvoiceIssued invoiceIssuedFrom(byte[] bytes) {
        try {
            return invoiceIssued(InvoiceIssued.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an InvoiceIssued: " + e.getMessage(), e);
        }
    }

    @Override
    public Decoded decode(RecordedEvent event) {
        if (event.schemaVersion() != SCHEMA_VERSION) {
            return new Decoded.Skipped("schema version " + event.schemaVersion() + " of " + event.type()
                    + " is not one this service reads (" + SCHEMA_VERSION + ")");
        }
        try {
            byte[] p = event.payload();
            Object decoded = switch (event.type()) {
                case EventTypes.ORGANIZATION_CREATED -> {
                    var e = OrganizationCreated.parseFrom(p);
                    yield new MembershipEvent.OrganizationCreated(e.getOrganizationId(), e.getOwnerUserId());
                }
                case EventTypes.MEMBER_JOINED -> {
                    var e = MemberJoined.parseFrom(p);
                    yield new MembershipEvent.MemberJoined(e.getOrganizationId(), e.getUserId(), e.getRole());
                }
                case EventTypes.MEMBER_ROLE_CHANGED -> {
                    var e = MemberRoleChanged.parseFrom(p);
                    yield new MembershipEvent.MemberRoleChanged(e.getOrganizationId(), e.getUserId(), e.getRole());
                }
                case EventTypes.MEMBER_REMOVED -> {
                    var e = MemberRemoved.parseFrom(p);
                    yield new MembershipEvent.MemberRemoved(e.getOrganizationId(), e.getUserId());
                }
                case EventTypes.ORGANIZATION_CLOSED ->
                        new MembershipEvent.OrganizationClosed(OrganizationClosed.parseFrom(p).getOrganizationId());
                case EventTypes.SUBSCRIPTION_STARTED -> {
                    var e = SubscriptionStarted.parseFrom(p);
                    yield new SubscriptionEvent.SubscriptionStarted(e.getOrganizationId(), e.getPlanCode(),
                            instant(e.getPeriodStart()), instant(e.getPeriodEnd()), money(e.getMonthlyAmount()),
                            e.getSeats(), e.getSeatLimit());
                }
                case EventTypes.PAYMENT_METHOD_ATTACHED -> {
                    var e = PaymentMethodAttached.parseFrom(p);
                    yield new SubscriptionEvent.PaymentMethodAttached(e.getOrganizationId(),
                            new PaymentMethod(e.getBrand(), e.getLast4(), e.getExpMonth(), e.getExpYear(),
                                    e.getProviderReference()), e.getAttachedByUserId());
                }
                case EventTypes.PLAN_CHANGED -> {
                    var e = PlanChanged.parseFrom(p);
                    Money amount = money(e.getMonthlyAmount());
                    yield new SubscriptionEvent.PlanChanged(e.getOrganizationId(), e.getFromPlanCode(),
                            e.getToPlanCode(), instant(e.getEffectiveAt()), amount, e.getReason(),
                            e.getChangedByUserId(), e.hasProratedAmount() ? money(e.getProratedAmount())
                                    : Money.zero(amount.currency()), e.getProrationInvoiceId(), e.getSeatLimit());
                }
                case EventTypes.PLAN_CHANGE_SCHEDULED -> {
                    var e = PlanChangeScheduled.parseFrom(p);
                    yield new SubscriptionEvent.PlanChangeScheduled(e.getOrganizationId(), e.getToPlanCode(),
                            instant(e.getEffectiveAt()), e.getScheduledByUserId());
                }
                case EventTypes.CANCELLATION_SCHEDULED -> {
                    var e = CancellationScheduled.parseFrom(p);
                    yield new SubscriptionEvent.CancellationScheduled(e.getOrganizationId(),
                            instant(e.getEffectiveAt()), e.getScheduledByUserId());
                }
                case EventTypes.CANCELLATION_WITHDRAWN -> {
                    var e = CancellationWithdrawn.parseFrom(p);
                    yield new SubscriptionEvent.CancellationWithdrawn(e.getOrganizationId(), e.getWithdrawnByUserId());
                }
                case EventTypes.SUBSCRIPTION_RENEWED -> {
                    var e = SubscriptionRenewed.parseFrom(p);
                    yield new SubscriptionEvent.SubscriptionRenewed(e.getOrganizationId(), e.getPlanCode(),
                            instant(e.getPeriodStart()), instant(e.getPeriodEnd()), money(e.getMonthlyAmount()),
                            e.getSeats(), e.getSeatLimit());
                }
                case EventTypes.SUBSCRIPTION_PAST_DUE -> {
                    var e = SubscriptionPastDue.parseFrom(p);
                    yield new SubscriptionEvent.SubscriptionPastDue(e.getOrganizationId(), e.getInvoiceId());
                }
                case EventTypes.INVOICE_ISSUED -> invoiceIssued(InvoiceIssued.parseFrom(p));
                case EventTypes.INVOICE_PAID -> {
                    var e = InvoicePaid.parseFrom(p);
                    yield new InvoiceEvent.InvoicePaid(e.getInvoiceId(), e.getOrganizationId(), money(e.getAmount()),
                            instant(e.getPaidAt()), e.getAttempt(), e.getProviderReference());
                }
                case EventTypes.INVOICE_PAYMENT_FAILED -> {
                    var e = InvoicePaymentFailed.parseFrom(p);
                    yield new InvoiceEvent.InvoicePaymentFailed(e.getInvoiceId(), e.getOrganizationId(),
                            e.getReason(), e.getAttempt(), e.hasFailedAt() ? instant(e.getFailedAt()) : event.occurredAt(),
                            e.hasNextAttemptAt() ? instant(e.getNextAttemptAt()) : null);
                }
                default -> null;
            };
            return decoded == null ? new Decoded.Skipped("unknown event type " + event.type())
                    : new Decoded.Known(decoded);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new Decoded.Skipped("unreadable " + event.type() + " payload: " + e.getMessage());
        }
    }

    private static InvoiceEvent.InvoiceIssued invoiceIssued(InvoiceIssued e) {
        return new InvoiceEvent.InvoiceIssued(e.getInvoiceId(), e.getOrganizationId(), e.getNumber(),
                instant(e.getPeriodStart()), instant(e.getPeriodEnd()),
                e.getLinesList().stream().map(l -> new InvoiceLine(l.getDescription(), l.getQuantity(),
                        money(l.getUnitAmount()), money(l.getAmount()), l.getKind())).toList(),
                money(e.getTotal()), instant(e.getIssuedAt()));
    }

    private static NewEvent event(String type, byte[] payload) {
        return new NewEvent(type, SCHEMA_VERSION, payload);
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp ts) {
        return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
    }

    static io.eventsaas.contracts.billing.Money money(Money money) {
        return io.eventsaas.contracts.billing.Money.newBuilder().setMinorUnits(money.minorUnits())
                .setCurrency(money.currency().getCurrencyCode()).build();
    }

    static Money money(io.eventsaas.contracts.billing.Money money) {
        return Money.of(money.getMinorUnits(), money.getCurrency().isEmpty() ? "USD" : money.getCurrency());
    }
}
