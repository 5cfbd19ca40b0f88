/** The payment provider port, the card checks, and the built-in sandbox provider with its test cards. */
package io.eventsaas.billing.payments;
