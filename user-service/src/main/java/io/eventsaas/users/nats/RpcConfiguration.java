package io.eventsaas.users.nats;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.users.apikeys.ApiKeysHandler;
import io.eventsaas.users.invitations.InvitationsHandler;
import io.eventsaas.users.membership.MembershipHandler;
import io.eventsaas.users.organizations.OrganizationsHandler;
import io.eventsaas.users.registration.RegisterUserHandler;
import io.eventsaas.users.profile.GetUserHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RpcConfiguration {

    static final String VERSION = "0.1.0";

    /** Joins its queue groups only when the warm-up calls {@code start()}; leaves them first on shut-down. */
    @Bean(destroyMethod = "stop")
    RpcServer rpcServer(NatsConnector connector, RegisterUserHandler registerUser, GetUserHandler getUser,
            OrganizationEndpoints organizationEndpoints, Telemetry telemetry) {
        // Requests are timed and traced by the platform's RpcServer (eventsaas.rpc.server.requests).
        RpcServer server = new RpcServer(connector, Endpoints.USERS, VERSION, "Registers users and their organisations",
                telemetry)
                .endpoint(Endpoints.REGISTER_USER, RegisterUser.parser(), new RegisterUserEndpoint(registerUser))
                .endpoint(Endpoints.GET_USER, GetUser.parser(), new GetUserEndpoint(getUser));
        return organizationEndpoints.registerOn(server);
    }

    @Bean
    OrganizationEndpoints organizationEndpoints(OrganizationsHandler organizations, MembershipHandler membership,
            InvitationsHandler invitations, ApiKeysHandler apiKeys) {
        return new OrganizationEndpoints(organizations, membership, invitations, apiKeys);
    }
}
