/** Invoices: issued once with gap-free numbers ({@link io.eventsaas.billing.invoicing.InvoiceIssuer}), charged once per attempt. */
package io.eventsaas.billing.invoicing;
