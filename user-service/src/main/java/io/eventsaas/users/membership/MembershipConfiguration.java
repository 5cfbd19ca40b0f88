package io.eventsaas.users.membership;

import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.policy.PolicyRunners;
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
    PolicyRunner erasedMembershipsPolicy(PolicyRunners policies, OrganizationCommands commands,
            OrganizationsReadModel readModel, ProjectionRunner readModelRunner) {
        return policies.runnerFor(new WhenUserErasedThenLeaveOrganizations(commands, readModel, readModelRunner));
    }
}
