/**
 * Subscriptions: every new organisation starts on Free (the policy on a shared durable consumer), and owners and
 * admins change the plan, cancel, resume and attach a card.
 */
package io.eventsaas.billing.subscriptions;
