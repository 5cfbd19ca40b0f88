package io.eventsaas.gateway.billing;

import java.time.Instant;
import java.util.List;

/** Billing as the gateway's pages and JSON show it: plain records, no protobuf. Amounts in minor units plus text. */
public final class BillingViews {

    private BillingViews() {
    }

    public record Amount(long minorUnits, String currency, String text) {
    }

    public record PlanView(String code, String name, Amount monthlyPrice, Amount monthlyPricePerSeat,
            int includedSeats) {

        public boolean perSeat() {
            return monthlyPricePerSeat.minorUnits() > 0;
        }

        public boolean free() {
            return monthlyPrice.minorUnits() == 0 && monthlyPricePerSeat.minorUnits() == 0;
        }
    }

    public record CardView(String brand, String last4, int expMonth, int expYear) {
    }

    public record SubscriptionView(String orgId, PlanView plan, String status, Instant periodStart,
            Instant periodEnd, int seats, Amount monthlyAmount, CardView paymentMethod, String scheduledPlan,
            boolean cancelAtPeriodEnd, String callerRole) {

        public boolean canManage() {
            return "owner".equals(callerRole) || "admin".equals(callerRole);
        }
    }

    public record LineView(String description, int quantity, Amount unitAmount, Amount amount, String kind) {
    }

    public record InvoiceView(String invoiceId, String orgId, String number, Instant periodStart, Instant periodEnd,
            List<LineView> lines, Amount total, Instant issuedAt, String status, int attempts, Instant nextAttemptAt,
            Instant paidAt, String failureReason) {
    }

    public record RunReport(Instant asOf, int subscriptionsRenewed, int invoicesIssued, int invoicesPaid,
            int paymentsFailed, int downgradedForNonPayment, int chargesTimedOut) {
    }

    /** A card as typed into the form or the API: forwarded to billing-service, never kept or logged here. */
    public record NewCard(String number, int expMonth, int expYear, String cvc) {
        @Override
        public String toString() {
            return "NewCard[hidden]";
        }
    }
}
