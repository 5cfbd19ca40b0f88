/**
 * Use case: erase a user (the right to be forgotten) by crypto-shredding. {@code UserErased} is appended, then the
 * user's sessions end, their e-mail address is freed and their personal-data key destroyed, so the personal data
 * sealed in their events can never be read again; a durable policy repeats those steps after a crash. See
 * docs/identity.md and docs/adr for the decision.
 */
package io.eventsaas.users.erasure;
