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
    /** {@code RenameUser -> UserDetails} */
    public static final Endpoint RENAME_USER = new Endpoint(USERS, "rename-user");
    /** {@code ChangePassword -> SessionGrant} */
    public static final Endpoint CHANGE_PASSWORD = new Endpoint(USERS, "change-password");
    /** {@code EraseUser -> Erasure} */
    public static final Endpoint ERASE_USER = new Endpoint(USERS, "erase-user");
    /** {@code StartSession -> SessionGrant} */
    public static final Endpoint START_SESSION = new Endpoint(USERS, "start-session");
    /** {@code EndSession -> SessionEnded} */
    public static final Endpoint END_SESSION = new Endpoint(USERS, "end-session");
    /** {@code AuthenticateSession -> Authentication} */
    public static final Endpoint AUTHENTICATE_SESSION = new Endpoint(USERS, "authenticate-session");
    /** {@code AuthenticateApiKey -> Authentication} */
    public static final Endpoint AUTHENTICATE_API_KEY = new Endpoint(USERS, "authenticate-api-key");
    /** {@code CreateOrganization -> OrganizationDetails} */
    public static final Endpoint CREATE_ORGANIZATION = new Endpoint(USERS, "create-organization");
    /** {@code GetOrganization -> OrganizationDetails} */
    public static final Endpoint GET_ORGANIZATION = new Endpoint(USERS, "get-organization");
    /** {@code ListMembers -> MemberList} */
    public static final Endpoint LIST_MEMBERS = new Endpoint(USERS, "list-members");
    /** {@code ChangeMemberRole -> MemberList} */
    public static final Endpoint CHANGE_MEMBER_ROLE = new Endpoint(USERS, "change-member-role");
    /** {@code RemoveMember -> MemberList} */
    public static final Endpoint REMOVE_MEMBER = new Endpoint(USERS, "remove-member");
    /** {@code InviteMember -> InvitationIssued} */
    public static final Endpoint INVITE_MEMBER = new Endpoint(USERS, "invite-member");
    /** {@code ListInvitations -> InvitationList} */
    public static final Endpoint LIST_INVITATIONS = new Endpoint(USERS, "list-invitations");
    /** {@code RevokeInvitation -> InvitationList} */
    public static final Endpoint REVOKE_INVITATION = new Endpoint(USERS, "revoke-invitation");
    /** {@code GetInvitation -> InvitationDetails} */
    public static final Endpoint GET_INVITATION = new Endpoint(USERS, "get-invitation");
    /** {@code AcceptInvitation -> OrganizationDetails} */
    public static final Endpoint ACCEPT_INVITATION = new Endpoint(USERS, "accept-invitation");
    /** {@code CreateApiKey -> ApiKeyIssued} */
    public static final Endpoint CREATE_API_KEY = new Endpoint(USERS, "create-api-key");
    /** {@code ListApiKeys -> ApiKeyList} */
    public static final Endpoint LIST_API_KEYS = new Endpoint(USERS, "list-api-keys");
    /** {@code RevokeApiKey -> ApiKeyList} */
    public static final Endpoint REVOKE_API_KEY = new Endpoint(USERS, "revoke-api-key");
    /** {@code ListPlans -> PlanCatalogue} */
    public static final Endpoint LIST_PLANS = new Endpoint(BILLING, "list-plans");
    /** {@code GetSubscription -> SubscriptionDetails} */
    public static final Endpoint GET_SUBSCRIPTION = new Endpoint(BILLING, "get-subscription");
    /** {@code ChangePlan -> SubscriptionDetails} */
    public static final Endpoint CHANGE_PLAN = new Endpoint(BILLING, "change-plan");
    /** {@code CancelSubscription -> SubscriptionDetails} */
    public static final Endpoint CANCEL_SUBSCRIPTION = new Endpoint(BILLING, "cancel-subscription");
    /** {@code ResumeSubscription -> SubscriptionDetails} */
    public static final Endpoint RESUME_SUBSCRIPTION = new Endpoint(BILLING, "resume-subscription");
    /** {@code AttachPaymentMethod -> SubscriptionDetails} */
    public static final Endpoint ATTACH_PAYMENT_METHOD = new Endpoint(BILLING, "attach-payment-method");
    /** {@code ListInvoices -> InvoiceList} */
    public static final Endpoint LIST_INVOICES = new Endpoint(BILLING, "list-invoices");
    /** {@code GetInvoice -> InvoiceDetails} */
    public static final Endpoint GET_INVOICE = new Endpoint(BILLING, "get-invoice");
    /** {@code StartBillingRun -> BillingRunReport} (platform admins) */
    public static final Endpoint START_BILLING_RUN = new Endpoint(BILLING, "start-billing-run");

    /** An endpoint of a service; its subject is {@code rpc.<service>.<name>}. */
    public record Endpoint(String service, String name) {
        public String subject() {
            return "rpc." + service + "." + name;
        }
    }

    private Endpoints() {
    }
}
