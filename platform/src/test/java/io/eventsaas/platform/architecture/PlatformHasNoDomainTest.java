package io.eventsaas.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Law 7: the platform is plumbing shared by every service, so it must never learn a domain word. */
@AnalyzeClasses(packages = "io.eventsaas.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformHasNoDomainTest {

    @ArchTest
    static final ArchRule platform_knows_no_domain_messages = noClasses()
            .that().resideInAPackage("io.eventsaas.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.eventsaas.contracts.users..", "io.eventsaas.contracts.billing..",
                    "io.eventsaas.contracts.views..")
            .because("platform is technical: only the event envelope and the RPC error shape are its business");

    @ArchTest
    static final ArchRule platform_knows_no_service = noClasses()
            .that().resideInAPackage("io.eventsaas.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.eventsaas.users..", "io.eventsaas.billing..", "io.eventsaas.projections..",
                    "io.eventsaas.gateway..");
}
