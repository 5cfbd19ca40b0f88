/**
 * billing-service's read model in its own PostgreSQL database: organisations and members (seats, roles), the
 * subscriptions' and invoices' states with their versions. Built only by applying events
 * ({@code BillingReadModelProjection} on the platform's {@code ProjectionRunner}); owns the Flyway migrations.
 */
package io.eventsaas.billing.store;
