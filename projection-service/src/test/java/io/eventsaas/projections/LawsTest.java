package io.eventsaas.projections;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.eventsaas.platform.testing.ArchitectureLaws;

/** The laws of docs/architecture.md that bind this service, checked on its compiled classes. */
@AnalyzeClasses(packages = "io.eventsaas.projections", importOptions = ImportOption.DoNotIncludeTests.class)
class LawsTest {

    @ArchTest
    static final ArchRule no_rpc_inside_the_application = ArchitectureLaws.noRpcInsideTheApplication("io.eventsaas.projections");

    @ArchTest
    static final ArchRule owns_its_code = ArchitectureLaws.ownsItsCode("io.eventsaas.projections");

    @ArchTest
    static final ArchRule appends_no_events = ArchitectureLaws.appendsNoEvents("io.eventsaas.projections");

    @ArchTest
    static final ArchRule answers_no_requests = ArchitectureLaws.answersNoRequests("io.eventsaas.projections");
}
