package io.eventsaas.gateway.signup;

import java.util.UUID;

/**
 * The sign-up form as shown and as submitted. The command id is made when the form is rendered, so submitting the
 * same form twice registers once. The password is never sent back to the page. {@code next} is where to go after.
 */
record SignupForm(String email, String name, String commandId, String next) {

    static SignupForm empty(String next) {
        return new SignupForm("", "", UUID.randomUUID().toString(), next);
    }

    /** The same values under a new command id: the previous submission was answered, this is a new attempt. */
    SignupForm withNewCommandId() {
        return new SignupForm(email, name, UUID.randomUUID().toString(), next);
    }
}
