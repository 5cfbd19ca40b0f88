/**
 * The service's read model in its own PostgreSQL database: users, organisations, memberships. Built only by
 * applying events ({@code UsersReadModelProjection}, fed by the platform's {@code ProjectionRunner}); read by the
 * use cases through {@link io.eventsaas.users.store.UsersReadModel}. Rows never leave the service as they are:
 * the {@code nats/} edge maps the views to protobuf replies. Owns the Flyway migrations
 * ({@code src/main/resources/db/migration}).
 */
package io.eventsaas.users.store;
