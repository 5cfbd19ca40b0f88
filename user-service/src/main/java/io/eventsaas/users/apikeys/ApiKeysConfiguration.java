package io.eventsaas.users.apikeys;

import io.eventsaas.users.access.Access;
import io.eventsaas.users.organizations.OrganizationCommands;
import io.eventsaas.users.store.OrganizationsReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiKeysConfiguration {

    @Bean
    ApiKeysHandler apiKeysHandler(OrganizationCommands commands, Access access, OrganizationsReadModel readModel) {
        return new ApiKeysHandler(commands, access, readModel);
    }
}
