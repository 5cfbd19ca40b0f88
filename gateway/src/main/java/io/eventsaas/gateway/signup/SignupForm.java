package io.eventsaas.gateway.signup;

import java.util.UUID;

/**
 * The sign-up form as shown and as submitted. The command id is made when the form is rendered, so submitting the
 * same form twice registers once. The password is never sent back to the page.
 */
record SignupForm(String email, String name, String commandId) {

    static SignupForm empty() {
        return new SignupForm("", "", UUID.randomUUID().toString());
    }

    /** The same values under a new command id: the previous submission was answered, this is a new attempt. */
    SignupForm withNewCommandId() {
        return new SignupForm(email, name, UUID.randomUUID().toString());
    }

    /** The submitted command id if it is one we could have made, else a new one. */
    static String commandIdOrNew(String submitted) {
        try {
            return submitted == null ? UUID.randomUUID().toString() : UUID.fromString(submitted).toString();
        } catch (IllegalArgumentException e) {
            return UUID.randomUUID().toString();
        }
    }
}
