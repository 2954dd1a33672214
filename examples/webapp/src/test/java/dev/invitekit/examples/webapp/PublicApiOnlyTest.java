package dev.invitekit.examples.webapp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The example uses Invitekit's public API only (issue 10): nothing of {@code dev.invitekit.internal}, and
 * no store SPI (the starter wires the store). Only the classes under {@code kit} and the sign-in provider
 * call the kit, so that an API change touches a few classes.
 */
class PublicApiOnlyTest {

  private static final JavaClasses APP = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.invitekit.examples.webapp");

  @Test
  void noInternalsAndNoStoreSpi() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("dev.invitekit.internal..", "dev.invitekit.spi.store..")
        .check(APP);
  }

  @Test
  void onlyTheKitServicesAndTheSignInProviderCallTheKit() {
    noClasses().that().resideOutsideOfPackages("dev.invitekit.examples.webapp.kit..",
            "dev.invitekit.examples.webapp.security..")
        .should().dependOnClassesThat().haveFullyQualifiedName("dev.invitekit.Invitekit")
        .check(APP);
  }
}
