package io.eventsaas.users.nats;

import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.users.registration.RegisterUserHandler;
import io.eventsaas.users.registration.Registration;
import io.eventsaas.users.registration.RegistrationRequest;
import io.eventsaas.users.sessions.Sessions;

/**
 * {@code rpc.users.register-user}: {@code RegisterUser -> UserRegistration}; with {@code start_session}, the new
 * user is signed in too (a retried registration gets a new session: the token of the first reply was lost with it).
 */
final class RegisterUserEndpoint implements RpcHandler<RegisterUser, UserRegistration> {

    private final RegisterUserHandler handler;
    private final Sessions sessions;

    RegisterUserEndpoint(RegisterUserHandler handler, Sessions sessions) {
        this.handler = handler;
        this.sessions = sessions;
    }

    @Override
    public UserRegistration handle(RegisterUser request, RpcContext context) {
        Registration registration = handler.register(new RegistrationRequest(request.getCommandId(),
                request.getEmail(), request.getPassword(), request.getDisplayName()), context.correlationId());
        UserRegistration.Builder reply = UserRegistration.newBuilder()
                .setUserId(registration.userId().toString())
                .setOrganizationId(registration.organizationId().toString());
        if (request.getStartSession()) {
            reply.setSession(SessionEndpoints.grant(sessions.startWithCurrentCredentials(registration.userId(),
                    request.getUserAgent())));
        }
        return reply.build();
    }
}
