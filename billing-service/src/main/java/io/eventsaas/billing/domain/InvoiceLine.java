package io.eventsaas.billing.domain;

import io.eventsaas.billing.plans.Money;

/** One line of an invoice; {@code kind} is "plan", "seats" or "proration". */
public record InvoiceLine(String description, int quantity, Money unitAmount, Money amount, String kind) {
}
