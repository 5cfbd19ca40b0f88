package io.eventsaas.gateway.users;

/** What a sign-up asks for, as typed: the users service decides whether it is acceptable. */
public record NewUser(String email, String password, String name) {

    /** Never prints the password (records print every component by default). */
    @Override
    public String toString() {
        return "NewUser[email=" + email + ", name=" + name + "]";
    }
}
