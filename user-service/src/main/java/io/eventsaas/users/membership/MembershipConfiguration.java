package io.eventsaas.users.membership;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.users.access.Access;
import io.eventsaas.users.organizations.OrganizationCommands;
import io.eventsaas.users.store.OrganizationsReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    @Bean
    MembershipHandler membershipHandler(OrganizationCommands commands, Access access,
            OrganizationsReadModel readModel) {
        return new MembershipHandler(commands, access, readModel);
    }

    /** Started by the warm-up, after the read model has caught up. */
    @Bean
    PolicyRunner erasedMembershipsPolicy(OrganizationCommands commands, OrganizationsReadModel readModel,
            ProjectionRunner readModelRunner, EventStore eventStore, NatsConnector connector, Telemetry telemetry) {
        return new PolicyRunner(new WhenUserErasedThenLeaveOrganizations(commands, readModel, readModelRunner),
                eventStore, connector, PolicyRunner.Settings.defaults(), telemetry);
    }
}
