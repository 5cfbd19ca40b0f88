package io.eventsaas.billing;

import io.eventsaas.platform.policy.PolicyConfiguration;
import io.eventsaas.platform.projection.ProjectionConfiguration;
import io.eventsaas.platform.warmup.MigrateAtWarmUpConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * billing-service: an RPC handler service ({@code billing}) with its own database. For now it answers
 * {@code list-plans}; subscriptions and invoices arrive with the billing features.
 */
@SpringBootApplication
@Import({ProjectionConfiguration.class, PolicyConfiguration.class, MigrateAtWarmUpConfiguration.class})
public class BillingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillingServiceApplication.class, args);
    }
}
