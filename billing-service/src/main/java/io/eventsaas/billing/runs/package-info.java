/** The billing run, and the lease that lets exactly one instance start it on the schedule. */
package io.eventsaas.billing.runs;
