package io.eventsaas.billing.domain;

import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import io.eventsaas.billing.domain.SubscriptionEvent.PlanChanged;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionRenewed;
import io.eventsaas.billing.plans.Money;
import io.eventsaas.billing.plans.Plan;
import io.eventsaas.billing.plans.PlanCatalogue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The invoices billing issues, before they get their number. */
public final class InvoiceDrafts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private InvoiceDrafts() {
    }

    /** The invoice of a renewed (paid) period: a line for the flat price, a line for the seats. */
    public static InvoiceIssued forPeriod(SubscriptionRenewed renewed, Instant issuedAt) {
        Plan plan = PlanCatalogue.byCode(renewed.planCode()).orElse(PlanCatalogue.FREE);
        String period = DAY.format(renewed.periodStart()) + " – " + DAY.format(renewed.periodEnd());
        List<InvoiceLine> lines = new ArrayList<>();
        if (!plan.monthlyPrice().isZero()) {
            lines.add(new InvoiceLine(plan.name() + " plan, " + period, 1, plan.monthlyPrice(), plan.monthlyPrice(),
                    "plan"));
        }
        if (!plan.monthlyPricePerSeat().isZero()) {
            int seats = Math.max(1, renewed.seats());
            lines.add(new InvoiceLine(plan.name() + " plan, " + seats + (seats == 1 ? " seat, " : " seats, ") + period,
                    seats, plan.monthlyPricePerSeat(), plan.monthlyPricePerSeat().times(seats), "seats"));
        }
        return new InvoiceIssued(InvoiceIds.forPeriod(renewed.organizationId(), renewed.periodStart()),
                renewed.organizationId(), "", renewed.periodStart(), renewed.periodEnd(), lines, total(lines,
                renewed.monthlyAmount()), issuedAt);
    }

    /** The invoice of an upgrade's prorated charge, for the rest of the period. */
    public static InvoiceIssued forProration(PlanChanged change, Instant periodEnd) {
        String from = PlanCatalogue.byCode(change.fromPlanCode()).map(Plan::name).orElse(change.fromPlanCode());
        String to = PlanCatalogue.byCode(change.toPlanCode()).map(Plan::name).orElse(change.toPlanCode());
        InvoiceLine line = new InvoiceLine("Proration: " + from + " → " + to + ", " + DAY.format(change.effectiveAt())
                + " – " + DAY.format(periodEnd), 1, change.proratedAmount(), change.proratedAmount(), "proration");
        return new InvoiceIssued(change.prorationInvoiceId(), change.organizationId(), "", change.effectiveAt(),
                periodEnd, List.of(line), change.proratedAmount(), change.effectiveAt());
    }

    private static Money total(List<InvoiceLine> lines, Money zeroLike) {
        Money total = Money.zero(zeroLike.currency());
        for (InvoiceLine line : lines) {
            total = total.plus(line.amount());
        }
        return total;
    }
}
