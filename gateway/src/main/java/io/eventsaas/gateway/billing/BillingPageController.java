package io.eventsaas.gateway.billing;

import io.eventsaas.gateway.billing.BillingViews.NewCard;
import io.eventsaas.gateway.errors.UpstreamErrors;
import io.eventsaas.gateway.security.CsrfTokens;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.platform.rpc.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The billing pages: the public pricing page, an organisation's billing page (plan, seats, card, invoices, change of
 * plan) with its forms, and an invoice fit to print. Forms post here and come back to the billing page; a refusal
 * shows the service's message on the page. The card's number and CVC are never written back into the page.
 */
@Controller
class BillingPageController {

    private final BillingClient billing;
    private final CsrfTokens csrf;
    private final Dates dates = new Dates();

    BillingPageController(BillingClient billing, CsrfTokens csrf) {
        this.billing = billing;
        this.csrf = csrf;
    }

    @GetMapping("/pricing")
    ModelAndView pricing(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("pricing");
        page.addObject("plans", billing.plans(CorrelationId.of(request)));
        return page;
    }

    @GetMapping("/app/orgs/{orgId}/billing")
    ModelAndView billingPage(@PathVariable String orgId, @RequestParam(required = false) String done,
            SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        return page(orgId, signedIn, Map.of(), null, done, HttpStatus.OK, request, response);
    }

    @PostMapping("/app/orgs/{orgId}/billing/plan")
    ModelAndView changePlan(@PathVariable String orgId, @RequestParam(defaultValue = "") String plan,
            @RequestParam(required = false) String commandId, SignedIn signedIn, HttpServletRequest request,
            HttpServletResponse response) {
        return act(orgId, signedIn, request, response, "plan-changed",
                () -> billing.changePlan(signedIn, orgId, plan, commandIdOrNew(commandId), CorrelationId.of(request)));
    }

    @PostMapping("/app/orgs/{orgId}/billing/cancel")
    ModelAndView cancel(@PathVariable String orgId, @RequestParam(required = false) String commandId,
            SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        return act(orgId, signedIn, request, response, "cancelled",
                () -> billing.cancel(signedIn, orgId, commandIdOrNew(commandId), CorrelationId.of(request)));
    }

    @PostMapping("/app/orgs/{orgId}/billing/resume")
    ModelAndView resume(@PathVariable String orgId, @RequestParam(required = false) String commandId,
            SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        return act(orgId, signedIn, request, response, "resumed",
                () -> billing.resume(signedIn, orgId, commandIdOrNew(commandId), CorrelationId.of(request)));
    }

    @PostMapping("/app/orgs/{orgId}/billing/payment-method")
    ModelAndView paymentMethod(@PathVariable String orgId, @RequestParam(defaultValue = "") String number,
            @RequestParam(defaultValue = "0") String expMonth, @RequestParam(defaultValue = "0") String expYear,
            @RequestParam(defaultValue = "") String cvc, @RequestParam(required = false) String commandId,
            SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        NewCard card = new NewCard(number, toInt(expMonth), toInt(expYear), cvc);
        return act(orgId, signedIn, request, response, "card-saved",
                () -> billing.attachCard(signedIn, orgId, card, commandIdOrNew(commandId), CorrelationId.of(request)));
    }

    @GetMapping("/app/orgs/{orgId}/invoices/{invoiceId}")
    ModelAndView invoice(@PathVariable String orgId, @PathVariable String invoiceId, SignedIn signedIn,
            HttpServletRequest request) {
        ModelAndView page = new ModelAndView("invoice");
        page.addObject("invoice", billing.invoice(signedIn, orgId, invoiceId, CorrelationId.of(request)));
        page.addObject("dates", dates);
        return page;
    }

    private ModelAndView act(String orgId, SignedIn signedIn, HttpServletRequest request,
            HttpServletResponse response, String done, Runnable action) {
        try {
            action.run();
            String target = UriComponentsBuilder.fromPath("/app/orgs/{orgId}/billing").queryParam("done", done)
                    .buildAndExpand(orgId).encode().toUriString();
            return new ModelAndView("redirect:" + target);
        } catch (RpcException e) {
            HttpStatus status = UpstreamErrors.status(e.status());
            if (status == HttpStatus.NOT_FOUND || status.is5xxServerError()) {
                throw e; // the error page
            }
            return page(orgId, signedIn, e.fieldErrors(), UpstreamErrors.detail(e), null, status, request, response);
        }
    }

    private ModelAndView page(String orgId, SignedIn signedIn, Map<String, String> errors, String formError,
            String done, HttpStatus status, HttpServletRequest request, HttpServletResponse response) {
        String correlationId = CorrelationId.of(request);
        ModelAndView page = new ModelAndView("billing");
        page.addObject("orgId", orgId);
        page.addObject("subscription", billing.subscription(signedIn, orgId, correlationId));
        page.addObject("plans", billing.plans(correlationId));
        page.addObject("invoices", billing.invoices(signedIn, orgId, correlationId));
        page.addObject("errors", errors);
        page.addObject("formError", formError);
        page.addObject("done", done);
        page.addObject("dates", dates);
        page.addObject("commandId", UUID.randomUUID().toString());
        page.addObject("csrfToken", csrf.tokenFor(request, response));
        page.addObject("csrfField", CsrfTokens.FIELD);
        page.setStatus(status);
        return page;
    }

    private static int toInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0; // billing-service names the field
        }
    }

    private static String commandIdOrNew(String submitted) {
        try {
            return submitted == null ? UUID.randomUUID().toString() : UUID.fromString(submitted).toString();
        } catch (IllegalArgumentException e) {
            return UUID.randomUUID().toString();
        }
    }
}
