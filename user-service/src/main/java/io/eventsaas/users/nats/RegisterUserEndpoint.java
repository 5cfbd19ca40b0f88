package io.eventsaas.users.nats;

import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.users.registration.RegisterUserHandler;
import io.eventsaas.users.registration.Registration;
import io.eventsaas.users.registration.RegistrationRequest;

/** {@code rpc.users.register-user}: {@code RegisterUser -> UserRegistration}. */
final class RegisterUserEndpoint implements RpcHandler<RegisterUser, UserRegistration> {

    private final RegisterUserHandler handler;

    RegisterUserEndpoint(RegisterUserHandler handler) {
        this.handler = handler;
    }

    @Override
    public UserRegistration handle(RegisterUser request, RpcContext context) {
        Registration registration = handler.register(new RegistrationRequest(request.getCommandId(),
                request.getEmail(), request.getPassword(), request.getDisplayName()), context.correlationId());
        return UserRegistration.newBuilder()
                .setUserId(registration.userId().toString())
                .setOrganizationId(registration.organizationId().toString())
                .build();
    }
}
