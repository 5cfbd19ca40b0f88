package io.eventsaas.billing.nats;

import static io.eventsaas.billing.nats.ProtobufBillingEventCodec.money;
import static io.eventsaas.billing.nats.ProtobufBillingEventCodec.ts;

import io.eventsaas.billing.domain.InvoiceLine;
import io.eventsaas.billing.domain.Pricing;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.plans.Plan;
import io.eventsaas.billing.plans.PlanCatalogue;
import io.eventsaas.billing.runs.BillingRun;
import io.eventsaas.billing.store.BillingReadModel.InvoiceView;
import io.eventsaas.billing.subscriptions.SubscriptionHandlers.Overview;
import io.eventsaas.contracts.billing.BillingRunReport;
import io.eventsaas.contracts.billing.InvoiceDetails;
import io.eventsaas.contracts.billing.InvoiceList;
import io.eventsaas.contracts.billing.PaymentMethod;
import io.eventsaas.contracts.billing.SubscriptionDetails;
import java.util.List;

/** Billing's answers as the protobuf replies of billing.proto. */
final class BillingReplies {

    private BillingReplies() {
    }

    static io.eventsaas.contracts.billing.Plan plan(Plan plan) {
        return io.eventsaas.contracts.billing.Plan.newBuilder().setCode(plan.code()).setName(plan.name())
                .setMonthlyPrice(money(plan.monthlyPrice())).setMonthlyPricePerSeat(money(plan.monthlyPricePerSeat()))
                .setIncludedSeats(plan.includedSeats()).build();
    }

    static SubscriptionDetails subscription(Overview overview) {
        Subscription.State s = overview.state();
        Plan plan = s.plan();
        var details = SubscriptionDetails.newBuilder()
                .setOrganizationId(s.organizationId())
                .setPlan(plan(plan))
                .setStatus(overview.pastDue() ? "past_due" : "active")
                .setPeriodStart(ts(s.periodStart()))
                .setPeriodEnd(ts(s.periodEnd()))
                .setSeats(overview.seats())
                .setMonthlyAmount(money(Pricing.monthly(plan, overview.seats())))
                .setCancelAtPeriodEnd(s.cancelAtPeriodEnd())
                .setCallerRole(overview.callerRole());
        if (s.cancelAtPeriodEnd()) {
            details.setScheduledPlanCode(PlanCatalogue.FREE.code());
        } else if (s.scheduledPlanCode() != null) {
            details.setScheduledPlanCode(s.scheduledPlanCode());
        }
        if (s.paymentMethod() != null) {
            details.setPaymentMethod(PaymentMethod.newBuilder().setBrand(s.paymentMethod().brand())
                    .setLast4(s.paymentMethod().last4()).setExpMonth(s.paymentMethod().expMonth())
                    .setExpYear(s.paymentMethod().expYear()));
        }
        return details.build();
    }

    static InvoiceList invoices(String organizationId, List<InvoiceView> invoices) {
        return InvoiceList.newBuilder().setOrganizationId(organizationId)
                .addAllInvoices(invoices.stream().map(BillingReplies::invoice).toList()).build();
    }

    static InvoiceDetails invoice(InvoiceView i) {
        var details = InvoiceDetails.newBuilder().setInvoiceId(i.invoiceId()).setOrganizationId(i.organizationId())
                .setNumber(i.number()).setPeriodStart(ts(i.periodStart())).setPeriodEnd(ts(i.periodEnd()))
                .setTotal(money(i.total())).setIssuedAt(ts(i.issuedAt()))
                .setStatus(i.status().name().toLowerCase()).setAttempts(i.failedAttempts());
        for (InvoiceLine line : i.lines()) {
            details.addLines(io.eventsaas.contracts.billing.InvoiceLine.newBuilder()
                    .setDescription(line.description()).setQuantity(line.quantity())
                    .setUnitAmount(money(line.unitAmount())).setAmount(money(line.amount())).setKind(line.kind()));
        }
        if (i.nextAttemptAt() != null) {
            details.setNextAttemptAt(ts(i.nextAttemptAt()));
        }
        if (i.paidAt() != null) {
            details.setPaidAt(ts(i.paidAt()));
        }
        if (i.failureReason() != null) {
            details.setFailureReason(i.failureReason());
        }
        return details.build();
    }

    static BillingRunReport report(BillingRun.Report r) {
        return BillingRunReport.newBuilder().setAsOf(ts(r.asOf())).setSubscriptionsRenewed(r.renewed())
                .setInvoicesIssued(r.issued()).setInvoicesPaid(r.paid()).setPaymentsFailed(r.failed())
                .setDowngradedForNonPayment(r.downgraded()).setChargesTimedOut(r.timedOut()).build();
    }
}
