package io.eventsaas.gateway.admin;

import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.views.PlatformSummaryViews;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /admin}, for platform admins only (the e-mail addresses in user-service's {@code ADMIN_EMAILS}; it says so
 * in the caller it vouches for): everyone else gets 403, and nobody signed in goes to sign in first. Shows the
 * platform summary view as projection-service last published it.
 */
@Controller
class AdminPageController {

    private final PlatformSummaryViews views;

    AdminPageController(PlatformSummaryViews views) {
        this.views = views;
    }

    @GetMapping("/admin")
    ModelAndView admin(SignedIn signedIn) {
        signedIn.requirePlatformAdmin();
        ModelAndView page = new ModelAndView("admin");
        page.addObject("summary", views.current().orElse(null));
        return page;
    }
}
