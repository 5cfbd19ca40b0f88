package io.eventsaas.contracts;

/**
 * The RPC endpoints the gateway may call, one per command or query. Each sits in the service framework's
 * queue group, so any number of instances can serve it; {@code $SRV.PING.<service>} and
 * {@code $SRV.INFO.<service>} discover them.
 */
public final class Endpoints {

    public static final String USERS = "users";
    public static final String BILLING = "billing";

    /** {@code RegisterUser -> UserRegistration} */
    public static final Endpoint REGISTER_USER = new Endpoint(USERS, "register-user");
    /** {@code GetUser -> UserDetails} */
    public static final Endpoint GET_USER = new Endpoint(USERS, "get-user");
    /** {@code ListPlans -> PlanCatalogue} */
    public static final Endpoint LIST_PLANS = new Endpoint(BILLING, "list-plans");

    /** An endpoint of a service; its subject is {@code rpc.<service>.<name>}. */
    public record Endpoint(String service, String name) {
        public String subject() {
            return "rpc." + service + "." + name;
        }
    }

    private Endpoints() {
    }
}
