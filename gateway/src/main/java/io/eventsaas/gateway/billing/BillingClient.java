package io.eventsaas.gateway.billing;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.billing.AttachPaymentMethod;
import io.eventsaas.contracts.billing.BillingRunReport;
import io.eventsaas.contracts.billing.CancelSubscription;
import io.eventsaas.contracts.billing.ChangePlan;
import io.eventsaas.contracts.billing.GetInvoice;
import io.eventsaas.contracts.billing.GetSubscription;
import io.eventsaas.contracts.billing.InvoiceDetails;
import io.eventsaas.contracts.billing.InvoiceList;
import io.eventsaas.contracts.billing.ListInvoices;
import io.eventsaas.contracts.billing.ListPlans;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.contracts.billing.Plan;
import io.eventsaas.contracts.billing.PlanCatalogue;
import io.eventsaas.contracts.billing.ResumeSubscription;
import io.eventsaas.contracts.billing.StartBillingRun;
import io.eventsaas.contracts.billing.SubscriptionDetails;
import io.eventsaas.gateway.billing.BillingViews.Amount;
import io.eventsaas.gateway.billing.BillingViews.CardView;
import io.eventsaas.gateway.billing.BillingViews.InvoiceView;
import io.eventsaas.gateway.billing.BillingViews.LineView;
import io.eventsaas.gateway.billing.BillingViews.NewCard;
import io.eventsaas.gateway.billing.BillingViews.PlanView;
import io.eventsaas.gateway.billing.BillingViews.RunReport;
import io.eventsaas.gateway.billing.BillingViews.SubscriptionView;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * billing-service as the gateway's pages and API see it: plain records in and out, protobuf only here. Every call
 * forwards who makes it ({@link SignedIn#caller()}); billing-service decides what that caller may do.
 */
@Component
public class BillingClient {

    /** The service names fields after protobuf; the gateway's forms and JSON use these names. */
    private static final Map<String, String> FIELD_NAMES = Map.of("plan_code", "plan", "command_id", "Idempotency-Key");

    private final RpcClient rpc;

    BillingClient(RpcClient rpc) {
        this.rpc = rpc;
    }

    public List<PlanView> plans(String correlationId) {
        PlanCatalogue reply = call(() -> rpc.call(Endpoints.LIST_PLANS, ListPlans.getDefaultInstance(),
                PlanCatalogue.parser(), correlationId));
        return reply.getPlansList().stream().map(BillingClient::plan).toList();
    }

    public SubscriptionView subscription(SignedIn signedIn, String orgId, String correlationId) {
        return subscription(call(() -> rpc.call(Endpoints.GET_SUBSCRIPTION,
                GetSubscription.newBuilder().setOrganizationId(orgId).build(), SubscriptionDetails.parser(),
                correlationId, signedIn.caller())));
    }

    public SubscriptionView changePlan(SignedIn signedIn, String orgId, String plan, String commandId,
            String correlationId) {
        ChangePlan command = ChangePlan.newBuilder().setOrganizationId(orgId).setPlanCode(plan).setCommandId(commandId)
                .build();
        return subscription(call(() -> rpc.call(Endpoints.CHANGE_PLAN, command, SubscriptionDetails.parser(),
                correlationId, signedIn.caller())));
    }

    public SubscriptionView cancel(SignedIn signedIn, String orgId, String commandId, String correlationId) {
        CancelSubscription command = CancelSubscription.newBuilder().setOrganizationId(orgId).setCommandId(commandId)
                .build();
        return subscription(call(() -> rpc.call(Endpoints.CANCEL_SUBSCRIPTION, command, SubscriptionDetails.parser(),
                correlationId, signedIn.caller())));
    }

    public SubscriptionView resume(SignedIn signedIn, String orgId, String commandId, String correlationId) {
        ResumeSubscription command = ResumeSubscription.newBuilder().setOrganizationId(orgId).setCommandId(commandId)
                .build();
        return subscription(call(() -> rpc.call(Endpoints.RESUME_SUBSCRIPTION, command, SubscriptionDetails.parser(),
                correlationId, signedIn.caller())));
    }

    public SubscriptionView attachCard(SignedIn signedIn, String orgId, NewCard card, String commandId,
            String correlationId) {
        AttachPaymentMethod command = AttachPaymentMethod.newBuilder().setOrganizationId(orgId)
                .setNumber(card.number()).setExpMonth(card.expMonth()).setExpYear(card.expYear()).setCvc(card.cvc())
                .setCommandId(commandId).build();
        return subscription(call(() -> rpc.call(Endpoints.ATTACH_PAYMENT_METHOD, command,
                SubscriptionDetails.parser(), correlationId, signedIn.caller())));
    }

    public List<InvoiceView> invoices(SignedIn signedIn, String orgId, String correlationId) {
        InvoiceList reply = call(() -> rpc.call(Endpoints.LIST_INVOICES,
                ListInvoices.newBuilder().setOrganizationId(orgId).build(), InvoiceList.parser(), correlationId,
                signedIn.caller()));
        return reply.getInvoicesList().stream().map(BillingClient::invoice).toList();
    }

    public InvoiceView invoice(SignedIn signedIn, String orgId, String invoiceId, String correlationId) {
        return invoice(call(() -> rpc.call(Endpoints.GET_INVOICE,
                GetInvoice.newBuilder().setOrganizationId(orgId).setInvoiceId(invoiceId).build(),
                InvoiceDetails.parser(), correlationId, signedIn.caller())));
    }

    public RunReport startRun(SignedIn signedIn, Instant asOf, String correlationId) {
        StartBillingRun.Builder command = StartBillingRun.newBuilder();
        if (asOf != null) {
            command.setAsOf(ts(asOf));
        }
        BillingRunReport r = call(() -> rpc.call(Endpoints.START_BILLING_RUN, command.build(),
                BillingRunReport.parser(), correlationId, signedIn.caller()));
        return new RunReport(instant(r.getAsOf()), r.getSubscriptionsRenewed(), r.getInvoicesIssued(),
                r.getInvoicesPaid(), r.getPaymentsFailed(), r.getDowngradedForNonPayment(), r.getChargesTimedOut());
    }

    private static PlanView plan(Plan plan) {
        return new PlanView(plan.getCode(), plan.getName(), amount(plan.getMonthlyPrice()),
                amount(plan.getMonthlyPricePerSeat()), plan.getIncludedSeats());
    }

    private static SubscriptionView subscription(SubscriptionDetails s) {
        CardView card = s.hasPaymentMethod() ? new CardView(s.getPaymentMethod().getBrand(),
                s.getPaymentMethod().getLast4(), s.getPaymentMethod().getExpMonth(), s.getPaymentMethod().getExpYear())
                : null;
        return new SubscriptionView(s.getOrganizationId(), plan(s.getPlan()), s.getStatus(),
                instant(s.getPeriodStart()), instant(s.getPeriodEnd()), s.getSeats(), amount(s.getMonthlyAmount()),
                card, s.getScheduledPlanCode().isEmpty() ? null : s.getScheduledPlanCode(), s.getCancelAtPeriodEnd(),
                s.getCallerRole());
    }

    private static InvoiceView invoice(InvoiceDetails i) {
        return new InvoiceView(i.getInvoiceId(), i.getOrganizationId(), i.getNumber(), instant(i.getPeriodStart()),
                instant(i.getPeriodEnd()), i.getLinesList().stream().map(l -> new LineView(l.getDescription(),
                        l.getQuantity(), amount(l.getUnitAmount()), amount(l.getAmount()), l.getKind())).toList(),
                amount(i.getTotal()), instant(i.getIssuedAt()), i.getStatus(), i.getAttempts(),
                i.hasNextAttemptAt() ? instant(i.getNextAttemptAt()) : null,
                i.hasPaidAt() ? instant(i.getPaidAt()) : null,
                i.getFailureReason().isEmpty() ? null : i.getFailureReason());
    }

    static Amount amount(Money money) {
        String code = money.getCurrency().isEmpty() ? "USD" : money.getCurrency();
        int digits = Currency.getInstance(code).getDefaultFractionDigits();
        return new Amount(money.getMinorUnits(), code,
                BigDecimal.valueOf(money.getMinorUnits(), Math.max(0, digits)).toPlainString() + " " + code);
    }

    private static Instant instant(Timestamp ts) {
        return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <R> R call(Supplier<R> call) {
        try {
            return call.get();
        } catch (RpcException e) {
            if (e.fieldErrors().keySet().stream().noneMatch(FIELD_NAMES::containsKey)) {
                throw e;
            }
            Map<String, String> renamed = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, message) -> renamed.put(FIELD_NAMES.getOrDefault(field, field), message));
            throw new RpcException(e.status(), e.getMessage(), renamed);
        }
    }
}
