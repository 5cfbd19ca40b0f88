package io.eventsaas.billing.plans;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Every plan on offer, in the order a pricing page shows them. Prices live here and nowhere else. */
public final class PlanCatalogue {

    private static final Currency USD = Currency.getInstance("USD");

    /** Three seats (members and open invitations), so a small team can try the product together. */
    public static final Plan FREE = new Plan("free", "Free", Money.zero(USD), Money.zero(USD), 3);
    /** A flat price, whatever the number of seats. */
    public static final Plan PRO = new Plan("pro", "Pro", Money.of(1900, "USD"), Money.zero(USD),
            Plan.UNLIMITED_SEATS);
    public static final Plan TEAM = new Plan("team", "Team", Money.zero(USD), Money.of(900, "USD"),
            Plan.UNLIMITED_SEATS);

    private static final List<Plan> PLANS = List.of(FREE, PRO, TEAM);

    private PlanCatalogue() {
    }

    public static List<Plan> plans() {
        return PLANS;
    }

    public static Optional<Plan> byCode(String code) {
        return PLANS.stream().filter(plan -> plan.code().equals(code)).findFirst();
    }
}
