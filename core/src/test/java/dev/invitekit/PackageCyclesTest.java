package dev.invitekit;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.Slices;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * STYLE: the packages of core form no cycle (buckpal's DependencyRuleTests, Micrometer's ArchitectureTests).
 * Every package of core is a slice of its own, the root {@code dev.invitekit} (which holds only the facade),
 * public and internal alike, so a cycle between any two of them, however long, fails the build.
 */
@DisplayName("STYLE: the packages of core are free of cycles")
class PackageCyclesTest {
  /** Every package is a slice of its own, whatever its depth, the root package too. */
  private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass type) {
      return type.getPackageName().startsWith("dev.invitekit") ? SliceIdentifier.of(type.getPackageName())
          : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "each package of core";
    }
  };

  private static JavaClasses core;

  @BeforeAll
  static void importCore() throws URISyntaxException {
    Path mainClasses = Path.of(Invitekit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    core = new ClassFileImporter().importPath(mainClasses);
  }

  @Test
  @DisplayName("STYLE: no cycle between any two packages of core, the facade's own included, each its own slice")
  void packagesAreFreeOfCycles() {
    slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(core);
  }

  @Test
  @DisplayName("STYLE: the cycle rule sees every package of core, one slice each")
  void ruleCoversEveryPackage() {
    Set<String> packages = core.stream().map(JavaClass::getPackageName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> sliced = new TreeSet<>();
    int slices = 0;
    for (Slice slice : Slices.assignedFrom(EACH_PACKAGE).transform(core)) {
      slices++;
      slice.forEach(type -> sliced.add(type.getPackageName()));
    }
    assertThat(packages).contains("dev.invitekit", "dev.invitekit.internal.invite", "dev.invitekit.account",
        "dev.invitekit.spi.store");
    assertThat(slices).isEqualTo(packages.size());
    assertThat(sliced).isEqualTo(packages);
  }
}
