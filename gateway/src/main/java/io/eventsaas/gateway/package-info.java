/**
 * The gateway: it only forwards (law 2). Each HTTP request becomes one NATS request to a service and its reply
 * becomes the response; the gateway holds no business rules, owns no database and publishes no events. Who makes a
 * request is user-service's answer ({@code security.Authenticator}); what they may do is the owning service's.
 *
 * <ul>
 *   <li>{@code home} – the landing page with the live numbers of the platform summary view</li>
 *   <li>{@code signup} – the sign-up page and {@code POST /api/v1/signup} (signed in at once)</li>
 *   <li>{@code sessions} – {@code /login}, {@code /logout}, {@code /api/v1/sessions}</li>
 *   <li>{@code me} – {@code /api/v1/me} and the settings page</li>
 *   <li>{@code users} – {@code GET /api/v1/users/{id}} and the client of the users service's accounts and sessions</li>
 *   <li>{@code orgs} – organisations, members and invitations (API and page) and the client of those endpoints</li>
 *   <li>{@code invitations} – the page an invitation link opens, and accepting it</li>
 *   <li>{@code apikeys} – an organisation's API keys over the JSON API (the organisation page manages them too)</li>
 *   <li>{@code app} – the signed-in area's start page: your organisations</li>
 *   <li>{@code views} – the views bucket, watched and kept in memory</li>
 *   <li>{@code security} – the session cookie, CSRF cookies, who makes a request ({@code SignedIn})</li>
 *   <li>{@code errors} – RPC failures and everything else as problem+json or an error page</li>
 *   <li>{@code web} – correlation ids, the body size limit, JSON shape checks, idempotency keys, security headers</li>
 * </ul>
 */
package io.eventsaas.gateway;
