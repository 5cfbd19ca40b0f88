package io.eventsaas.users.organizations;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.policy.PolicyRunners;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.users.access.Access;
import io.eventsaas.platform.projection.ReadModelFreshness;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.store.OrganizationsReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrganizationsConfiguration {

    /** Started by the warm-up, after the read model has caught up. */
    @Bean
    PolicyRunner personalOrganizationsPolicy(PolicyRunners policies, EventStore eventStore, DomainEventCodec codec) {
        return policies.runnerFor(new WhenUserRegisteredThenCreatePersonalOrganization(eventStore, codec));
    }

    @Bean
    OrganizationCommands organizationCommands(EventStore eventStore, DomainEventCodec codec,
            ProjectionRunner readModel, OrganizationSettings settings) {
        return new OrganizationCommands(eventStore, codec, readModel, settings.visibilityTimeout());
    }

    @Bean
    Access access(OrganizationsReadModel readModel, EventStore eventStore, ProjectionRunner readModelRunner,
            OrganizationSettings settings) {
        return new Access(readModel, new ReadModelFreshness(eventStore, readModelRunner,
                settings.visibilityTimeout()));
    }

    @Bean
    OrganizationsHandler organizationsHandler(OrganizationCommands commands, Access access) {
        return new OrganizationsHandler(commands, access);
    }
}
