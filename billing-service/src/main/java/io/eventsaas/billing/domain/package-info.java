/** Billing's aggregates as deciders (subscription, invoice), pricing, proration and dunning: plain Java. */
package io.eventsaas.billing.domain;
