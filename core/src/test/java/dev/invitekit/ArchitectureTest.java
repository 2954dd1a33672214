package dev.invitekit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of SPEC §1 and STYLE (Micrometer's ArchitectureTests, buckpal's DependencyRuleTests):
 * core depends on no provider and no framework, and the public API does not leak its implementation.
 */
@DisplayName("§1: architecture of core")
class ArchitectureTest {

  private static final String INTERNAL = "dev.invitekit.internal";

  /**
   * The only places where a class outside {@code internal} may use an internal class: the facade wires
   * everything, and four value types delegate their parsing or formatting. A new entry needs a reason.
   */
  private static final Map<String, Set<String>> ALLOWED_INTERNAL_USES = Map.of(
      // U3: the address parser (package-private beside EmailAddress) normalizes domains by the one domain rule.
      "dev.invitekit.email.AddressSyntax", Set.of("dev.invitekit.internal.email.DomainNames"),
      // A2/U3: guest domain list entries are normalized by the one domain rule every address uses.
      "dev.invitekit.account.InvitePolicy", Set.of("dev.invitekit.internal.email.DomainNames"));
  private static final String FACADE = "dev.invitekit.Invitekit";

  private static JavaClasses core;

  @BeforeAll
  static void importCore() throws URISyntaxException {
    Path mainClasses = Path.of(Invitekit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    core = new ClassFileImporter().importPath(mainClasses);
    assertThat(core.stream().map(JavaClass::getName)).contains(FACADE, "dev.invitekit.internal.tx.UnitOfWork")
        .noneMatch(name -> name.endsWith("Test"));
  }

  private static String topLevel(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  private static boolean isInternal(JavaClass type) {
    JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
    return base.getPackageName().equals(INTERNAL) || base.getPackageName().startsWith(INTERNAL + ".");
  }

  @Test
  @DisplayName("§1: core depends on no provider module (dev.invitekit.store.., dev.invitekit.mail..)")
  void noProviders() {
    ArchRule rule = noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("dev.invitekit.store..", "dev.invitekit.mail..", "dev.invitekit.examples..");
    rule.check(core);
  }

  @Test
  @DisplayName("§1: core depends on no framework (Spring, Jakarta, javax.servlet, javax.mail) and no logging binding")
  void noFrameworks() {
    ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "org.springframework..", "jakarta..", "javax.servlet..", "javax.mail..", "javax.persistence..",
        "javax.inject..", "io.micronaut..", "io.quarkus..", "com.google.inject..",
        "org.slf4j.simple..", "org.slf4j.impl..", "ch.qos.logback..", "org.apache.logging.log4j.core..");
    rule.check(core);
  }

  @Test
  @DisplayName("STYLE: outside internal, only the facade and a few known classes use internal classes")
  void internalUsedOnlyInKnownPlaces() {
    ArchCondition<JavaClass> onlyAllowedInternalUses = new ArchCondition<>("use internal classes only where allowed") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String owner = topLevel(origin.getName());
        if (owner.equals(FACADE)) {
          return;
        }
        Set<String> allowed = ALLOWED_INTERNAL_USES.getOrDefault(owner, Set.of());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (isInternal(target) && !allowed.contains(topLevel(target.getBaseComponentType().getName()))) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
    ArchRule rule = classes().that().resideOutsideOfPackage(INTERNAL + "..").should(onlyAllowedInternalUses);
    rule.check(core);
  }

  @Test
  @DisplayName("STYLE: no public or protected signature outside internal exposes an internal type")
  void publicSignaturesDoNotExposeInternalTypes() {
    ArchCondition<JavaClass> noInternalInSignatures = new ArchCondition<>("expose no internal type") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        if (!type.getModifiers().contains(JavaModifier.PUBLIC)) {
          return;
        }
        List<JavaClass> exposed = new ArrayList<>();
        type.getRawSuperclass().ifPresent(exposed::add);
        exposed.addAll(type.getRawInterfaces());
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (!isVisible(unit.getModifiers())) {
            continue;
          }
          exposed.addAll(unit.getReturnType().getAllInvolvedRawTypes());
          for (JavaType parameter : unit.getParameterTypes()) {
            exposed.addAll(parameter.getAllInvolvedRawTypes());
          }
          exposed.addAll(unit.getExceptionTypes());
        }
        for (JavaField field : type.getFields()) {
          if (isVisible(field.getModifiers())) {
            exposed.addAll(field.getType().getAllInvolvedRawTypes());
          }
        }
        for (JavaClass candidate : exposed) {
          if (isInternal(candidate)) {
            events.add(SimpleConditionEvent.violated(type,
                type.getName() + " exposes internal type " + candidate.getName() + " in a public signature"));
          }
        }
      }

      private boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
      }
    };
    ArchRule rule = classes().that().resideOutsideOfPackage(INTERNAL + "..").should(noInternalInSignatures);
    rule.check(core);
  }

  @Test
  @DisplayName("STYLE: implementations live in internal: no public class outside it is named *Impl, *Manager, *Helper or *Util")
  void namesSayWhatThingsAre() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage(INTERNAL + "..")
        .should().haveSimpleNameEndingWith("Impl")
        .orShould().haveSimpleNameEndingWith("Manager")
        .orShould().haveSimpleNameEndingWith("Helper")
        .orShould().haveSimpleNameEndingWith("Util")
        .orShould().haveSimpleNameEndingWith("Utils");
    rule.check(core);
  }
}
