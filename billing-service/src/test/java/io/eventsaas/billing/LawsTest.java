package io.eventsaas.billing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.eventsaas.platform.testing.ArchitectureLaws;

/** The laws of docs/architecture.md that bind this service, checked on its compiled classes. */
@AnalyzeClasses(packages = "io.eventsaas.billing", importOptions = ImportOption.DoNotIncludeTests.class)
class LawsTest {

    @ArchTest
    static final ArchRule no_rpc_inside_the_application = ArchitectureLaws.noRpcInsideTheApplication("io.eventsaas.billing");

    @ArchTest
    static final ArchRule owns_its_code = ArchitectureLaws.ownsItsCode("io.eventsaas.billing");
}
