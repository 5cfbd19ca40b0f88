package io.eventsaas.billing.subscriptions;

import io.eventsaas.billing.access.Access;
import io.eventsaas.billing.access.Requester;
import io.eventsaas.billing.domain.Invoice;
import io.eventsaas.billing.domain.InvoiceDrafts;
import io.eventsaas.billing.domain.InvoiceIds;
import io.eventsaas.billing.domain.PaymentMethod;
import io.eventsaas.billing.domain.RuleViolationException;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.domain.SubscriptionCommand;
import io.eventsaas.billing.domain.SubscriptionEvent;
import io.eventsaas.billing.domain.SubscriptionEvent.PlanChanged;
import io.eventsaas.billing.events.Aggregates;
import io.eventsaas.billing.invoicing.Charger;
import io.eventsaas.billing.invoicing.InvoiceIssuer;
import io.eventsaas.billing.payments.CardDetails;
import io.eventsaas.billing.payments.CardValidator;
import io.eventsaas.billing.payments.PaymentProvider;
import io.eventsaas.billing.plans.Plan;
import io.eventsaas.billing.plans.PlanCatalogue;
import io.eventsaas.billing.store.BillingReadModel;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.projection.ReadModelFreshness;
import io.eventsaas.platform.rpc.RpcException;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The subscription's use cases: look at it, change the plan, cancel and resume, attach a card. Each authorises the
 * requester, validates before anything is appended, decides on the aggregate and appends with its expected version,
 * and answers once this instance's read model shows the result.
 */
public final class SubscriptionHandlers {

    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(4);

    private final Access access;
    private final BillingReadModel readModel;
    private final Aggregates aggregates;
    private final PaymentProvider provider;
    private final InvoiceIssuer issuer;
    private final Charger charger;
    private final ReadModelFreshness freshness;
    private final Clock clock;

    public SubscriptionHandlers(Access access, BillingReadModel readModel, Aggregates aggregates,
            PaymentProvider provider, InvoiceIssuer issuer, Charger charger, ProjectionRunner readModelRunner,
            EventStore eventStore, Clock clock) {
        this.access = access;
        this.readModel = readModel;
        this.aggregates = aggregates;
        this.provider = provider;
        this.issuer = issuer;
        this.charger = charger;
        this.freshness = new ReadModelFreshness(eventStore, readModelRunner, VISIBILITY_TIMEOUT);
        this.clock = clock;
    }

    /** The subscription as a member sees it. */
    public record Overview(Subscription.State state, int seats, boolean pastDue, String callerRole) {
    }

    public Overview get(Requester requester, String organizationId) {
        String role = access.requireMember(requester, organizationId);
        return overview(organizationId, role);
    }

    public Overview changePlan(Requester requester, String organizationId, String planCode, String commandId,
            String correlationId) {
        String role = access.requireManager(requester, organizationId);
        Plan plan = PlanCatalogue.byCode(planCode == null ? "" : planCode.trim().toLowerCase())
                .orElseThrow(() -> RpcException.invalid(Map.of("plan", "unknown plan '" + planCode
                        + "'; choose one of " + PlanCatalogue.plans().stream().map(Plan::code).toList())));
        String command = requireCommandId(commandId);
        existing(organizationId);
        // The seats decide whether the plan has room for the members: the access check above caught the read model
        // up with the stream, so one who joined a moment ago counts too.
        int seats = readModel.seats(organizationId);
        String prorationInvoiceId = InvoiceIds.forProration(organizationId, command);
        var decided = decide(organizationId, state -> {
            requireNoUpgradeInProgress(state);
            return Subscription.decide(state, new SubscriptionCommand.ChangePlan(plan, seats, clock.instant(),
                    requester.actorId(), prorationInvoiceId));
        }, "change-plan:" + command, correlationId, command);
        for (SubscriptionEvent event : decided.events()) {
            if (event instanceof PlanChanged change && !change.prorationInvoiceId().isEmpty()) {
                var issued = issuer.issue(InvoiceDrafts.forProration(change, decided.state().periodEnd()),
                        correlationId);
                charger.charge(issued.state(), issued.version(), clock.instant(), correlationId);
            }
        }
        return answer(organizationId, role);
    }

    public Overview cancel(Requester requester, String organizationId, String commandId, String correlationId) {
        String role = access.requireManager(requester, organizationId);
        String command = requireCommandId(commandId);
        existing(organizationId);
        decide(organizationId, state -> Subscription.decide(state, new SubscriptionCommand.Cancel(requester.actorId())),
                "cancel:" + command, correlationId, command);
        return answer(organizationId, role);
    }

    public Overview resume(Requester requester, String organizationId, String commandId, String correlationId) {
        String role = access.requireManager(requester, organizationId);
        String command = requireCommandId(commandId);
        existing(organizationId);
        decide(organizationId, state -> Subscription.decide(state, new SubscriptionCommand.Resume(requester.actorId())),
                "resume:" + command, correlationId, command);
        return answer(organizationId, role);
    }

    public Overview attachPaymentMethod(Requester requester, String organizationId, CardDetails card,
            String commandId, String correlationId) {
        String role = access.requireManager(requester, organizationId);
        Map<String, String> errors = CardValidator.validate(card, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        if (!errors.isEmpty()) {
            throw RpcException.invalid(errors);
        }
        String command = requireCommandId(commandId);
        existing(organizationId);
        PaymentProvider.CardToken token = provider.tokenize(card);
        PaymentMethod method = new PaymentMethod(token.brand(), token.last4(), card.expMonth(), card.expYear(),
                token.reference());
        decide(organizationId, state -> Subscription.decide(state,
                new SubscriptionCommand.AttachPaymentMethod(method, requester.actorId())),
                "attach-payment-method:" + command, correlationId, command);
        return answer(organizationId, role);
    }

    /** 409 while the last upgrade's prorated charge has not been answered yet (issued, or charged without an answer). */
    private void requireNoUpgradeInProgress(Subscription.State state) {
        String pending = state.pendingProrationInvoiceId();
        if (pending == null) {
            return;
        }
        boolean inProgress = readModel.invoiceState(pending)
                .map(i -> i.state().status() == Invoice.Status.OPEN && i.state().failedAttempts() == 0)
                .orElse(true);
        if (inProgress) {
            throw new RuleViolationException("an upgrade is being processed; try again when its payment is through");
        }
    }

    private Aggregates.Decided<Subscription.State, SubscriptionEvent> decide(String organizationId,
            Function<Subscription.State, List<SubscriptionEvent>> decide, String messageId, String correlationId,
            String causationId) {
        try {
            return aggregates.decideSubscription(organizationId, decide, messageId, correlationId, causationId);
        } catch (RuleViolationException e) {
            throw RpcException.conflict(e.getMessage());
        } catch (AppendConflictException e) {
            throw RpcException.conflict("the subscription changed at the same time; try again");
        }
    }

    private void existing(String organizationId) {
        if (aggregates.subscription(organizationId).isEmpty()) {
            throw RpcException.notFound("organisation " + organizationId + " has no subscription yet");
        }
    }

    private Overview answer(String organizationId, String role) {
        freshness.catchUpIfYouCan(); // done, and if this instance is slow to show it, it answers with what it shows
        return overview(organizationId, role);
    }

    private Overview overview(String organizationId, String role) {
        var subscription = readModel.subscription(organizationId)
                .orElseThrow(() -> RpcException.notFound("organisation " + organizationId + " has no subscription yet"));
        Subscription.State state = subscription.state();
        boolean pastDue = state.pastDueInvoiceId() != null && readModel.invoiceState(state.pastDueInvoiceId())
                .map(i -> i.state().status() != Invoice.Status.PAID).orElse(true);
        return new Overview(state, readModel.seats(organizationId), pastDue, role);
    }

    private static String requireCommandId(String commandId) {
        if (commandId == null || !commandId.matches("[\\x21-\\x7E]{1,100}")) {
            throw RpcException.invalid(Map.of("command_id", "must be 1 to 100 printable characters"));
        }
        return commandId;
    }
}
