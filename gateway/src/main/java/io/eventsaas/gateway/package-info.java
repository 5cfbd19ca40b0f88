/**
 * The gateway: it only forwards (law 2). Each HTTP request becomes one NATS request to a service and its reply
 * becomes the response; the gateway holds no business rules, owns no database and publishes no events.
 *
 * <ul>
 *   <li>{@code home} – the landing page with the live numbers of the platform summary view</li>
 *   <li>{@code signup} – the sign-up page and {@code POST /api/v1/signup}</li>
 *   <li>{@code users} – {@code GET /api/v1/users/{id}} and the client of the users service (the only place its
 *       protobuf messages appear)</li>
 *   <li>{@code app} – the signed-in area</li>
 *   <li>{@code views} – the views bucket, watched and kept in memory</li>
 *   <li>{@code security} – signed session and CSRF cookies</li>
 *   <li>{@code errors} – RPC failures and everything else as problem+json or an error page</li>
 *   <li>{@code web} – correlation ids, the body size limit, JSON shape checks, security headers</li>
 * </ul>
 */
package io.eventsaas.gateway;
