package io.eventsaas.gateway.activity;

import io.eventsaas.gateway.orgs.Organization;
import io.eventsaas.gateway.orgs.OrganizationsClient;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.views.ActivityPage;
import io.eventsaas.gateway.views.OrganizationViews;
import io.eventsaas.gateway.web.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * An organisation's activity feed, newest first, {@value OrganizationViews#PAGE_SIZE} entries a page: for its
 * members only. user-service decides membership (rpc.users.get-organization with the caller: 404 for anyone else);
 * only then is the view read from the views bucket.
 */
@Controller
class ActivityController {

    private final OrganizationsClient organizations;
    private final OrganizationViews views;

    ActivityController(OrganizationsClient organizations, OrganizationViews views) {
        this.organizations = organizations;
        this.views = views;
    }

    @GetMapping(path = "/api/v1/orgs/{organizationId}/activity", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ActivityPage api(@PathVariable String organizationId, @RequestParam(defaultValue = "0") int page,
            SignedIn signedIn, HttpServletRequest request) {
        organizations.get(organizationId, signedIn, CorrelationId.of(request));
        return views.activity(organizationId, Math.max(0, page));
    }

    @GetMapping("/app/orgs/{organizationId}/activity")
    ModelAndView page(@PathVariable String organizationId, @RequestParam(defaultValue = "0") int page,
            SignedIn signedIn, HttpServletRequest request) {
        Organization organization = organizations.get(organizationId, signedIn, CorrelationId.of(request));
        ActivityPage activity = views.activity(organizationId, Math.max(0, page));
        ModelAndView view = new ModelAndView("activity");
        view.addObject("organization", organization);
        view.addObject("activity", activity);
        view.addObject("overview", views.overview(organizationId).orElse(null));
        return view;
    }
}
