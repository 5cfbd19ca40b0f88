package io.eventsaas.users.registration;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.domain.DisplayName;
import io.eventsaas.users.domain.EmailAddress;
import io.eventsaas.users.domain.InvalidValueException;
import io.eventsaas.users.domain.PasswordPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Checks every field of a registration and reports all problems at once, one message per field. */
final class RegistrationValidator {

    static final int MAX_COMMAND_ID_LENGTH = 100;
    // The command id becomes part of a Nats-Msg-Id header: visible ASCII only, no spaces or line breaks.
    private static final Pattern COMMAND_ID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_COMMAND_ID_LENGTH + "}");

    private RegistrationValidator() {
    }

    /** @throws RpcException 400 with a message for each field in error ({@code email, password, name, commandId}) */
    static ValidRegistration validate(RegistrationRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        EmailAddress email = check(errors, "email", "E-mail address", () -> EmailAddress.parse(request.email()));
        PasswordPolicy.problemWith(request.password(), request.email())
                .ifPresent(problem -> errors.put("password", "Password " + problem));
        DisplayName name = check(errors, "name", "Name", () -> DisplayName.parse(request.displayName()));
        String commandId = request.commandId() == null ? "" : request.commandId();
        if (commandId.isEmpty()) {
            errors.put("commandId", "Command id is required (a fresh UUID per registration attempt)");
        } else if (!COMMAND_ID.matcher(commandId).matches()) {
            errors.put("commandId", "Command id must be 1 to " + MAX_COMMAND_ID_LENGTH
                    + " visible ASCII characters without spaces");
        }
        if (!errors.isEmpty()) {
            throw RpcException.invalid(errors);
        }
        return new ValidRegistration(commandId, email, request.password(), name);
    }

    private static <T> T check(Map<String, String> errors, String field, String label, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            errors.put(field, label + " " + e.getMessage());
            return null;
        }
    }
}
