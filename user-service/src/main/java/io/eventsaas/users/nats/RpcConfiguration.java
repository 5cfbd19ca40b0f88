package io.eventsaas.users.nats;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.EndSession;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.RenameUser;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.users.apikeys.ApiKeysHandler;
import io.eventsaas.users.invitations.InvitationsHandler;
import io.eventsaas.users.membership.MembershipHandler;
import io.eventsaas.users.organizations.OrganizationsHandler;
import io.eventsaas.users.admins.PlatformAdmins;
import io.eventsaas.users.erasure.EraseUserHandler;
import io.eventsaas.users.profile.ChangePasswordHandler;
import io.eventsaas.users.profile.GetUserHandler;
import io.eventsaas.users.profile.RenameUserHandler;
import io.eventsaas.users.registration.RegisterUserHandler;
import io.eventsaas.users.sessions.AuthenticateSessionHandler;
import io.eventsaas.users.sessions.Sessions;
import io.eventsaas.users.sessions.StartSessionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RpcConfiguration {

    static final String VERSION = "0.1.0";

    /** The use cases behind the accounts endpoints (one bean, so that adding endpoints adds no parameters here). */
    @org.springframework.stereotype.Component
    record AccountHandlers(RegisterUserHandler registerUser, GetUserHandler getUser, RenameUserHandler renameUser,
            ChangePasswordHandler changePassword, EraseUserHandler eraseUser, StartSessionHandler startSession,
            AuthenticateSessionHandler authenticateSession, Sessions sessions, PlatformAdmins admins) {
    }

    /** Joins its queue groups only when the warm-up calls {@code start()}; leaves them first on shut-down. */
    @Bean(destroyMethod = "stop")
    RpcServer rpcServer(NatsConnector connector, AccountHandlers accounts,
            OrganizationEndpoints organizationEndpoints, Telemetry telemetry) {
        // Requests are timed and traced by the platform's RpcServer (eventsaas.rpc.server.requests).
        RpcServer server = new RpcServer(connector, Endpoints.USERS, VERSION, "Registers users and their organisations",
                telemetry)
                .endpoint(Endpoints.REGISTER_USER, RegisterUser.parser(),
                        new RegisterUserEndpoint(accounts.registerUser(), accounts.sessions()))
                .endpoint(Endpoints.GET_USER, GetUser.parser(), new GetUserEndpoint(accounts.getUser(), accounts.admins()))
                .endpoint(Endpoints.RENAME_USER, RenameUser.parser(),
                        AccountEndpoints.renameUser(accounts.renameUser(), accounts.admins()))
                .endpoint(Endpoints.CHANGE_PASSWORD, ChangePassword.parser(),
                        AccountEndpoints.changePassword(accounts.changePassword()))
                .endpoint(Endpoints.ERASE_USER, EraseUser.parser(), AccountEndpoints.eraseUser(accounts.eraseUser()))
                .endpoint(Endpoints.START_SESSION, StartSession.parser(),
                        SessionEndpoints.startSession(accounts.startSession()))
                .endpoint(Endpoints.END_SESSION, EndSession.parser(), SessionEndpoints.endSession(accounts.sessions()))
                .endpoint(Endpoints.AUTHENTICATE_SESSION, AuthenticateSession.parser(),
                        SessionEndpoints.authenticateSession(accounts.authenticateSession()));
        return organizationEndpoints.registerOn(server);
    }

    @Bean
    OrganizationEndpoints organizationEndpoints(OrganizationsHandler organizations, MembershipHandler membership,
            InvitationsHandler invitations, ApiKeysHandler apiKeys) {
        return new OrganizationEndpoints(organizations, membership, invitations, apiKeys);
    }
}
