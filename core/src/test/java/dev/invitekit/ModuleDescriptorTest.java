package dev.invitekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor of core (Caffeine's ModuleTest): exactly the API packages are exported, and
 * nothing of the implementation. Tests run on the class path, so the compiled descriptor is read directly.
 */
@DisplayName("STYLE: module descriptor")
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor;

  @BeforeAll
  static void readDescriptor() throws IOException, URISyntaxException {
    Path classes = Path.of(Invitekit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path moduleInfo = classes.resolve("module-info.class");
    assertThat(moduleInfo).exists();
    try (InputStream in = Files.newInputStream(moduleInfo)) {
      descriptor = ModuleDescriptor.read(in);
    }
  }

  @Test
  @DisplayName("the module is dev.invitekit.core, a normal (not open, not automatic) module")
  void name() {
    assertThat(descriptor.name()).isEqualTo("dev.invitekit.core");
    assertThat(descriptor.isOpen()).isFalse();
    assertThat(descriptor.isAutomatic()).isFalse();
  }

  @Test
  @DisplayName("exactly the public API packages are exported, each to everyone")
  void exports() {
    Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(exported).containsExactlyInAnyOrder(
        "dev.invitekit",
        "dev.invitekit.account",
        "dev.invitekit.id",
        "dev.invitekit.error",
        "dev.invitekit.refusal",
        "dev.invitekit.secret",
        "dev.invitekit.trusted",
        "dev.invitekit.member",
        "dev.invitekit.email",
        "dev.invitekit.invite",
        "dev.invitekit.link",
        "dev.invitekit.signup",
        "dev.invitekit.license",
        "dev.invitekit.contacts",
        "dev.invitekit.event",
        "dev.invitekit.spi.store",
        "dev.invitekit.spi.mail",
        "dev.invitekit.outbox");
    assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).as(e.source()).isFalse());
  }

  @Test
  @DisplayName("no internal package is exported, and every internal package exists in the module")
  void internalNotExported() {
    assertThat(descriptor.packages()).anyMatch(p -> p.startsWith("dev.invitekit.internal"));
    assertThat(descriptor.exports()).noneMatch(e -> e.source().contains("internal"));
  }

  @Test
  @DisplayName("only Jackson may read the event records and internal JSON types reflectively")
  void opens() {
    Map<String, Set<String>> opens = descriptor.opens().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Opens::source, ModuleDescriptor.Opens::targets));

    assertThat(opens).containsOnly(
        Map.entry("dev.invitekit.event", Set.of("com.fasterxml.jackson.databind")),
        Map.entry("dev.invitekit.internal.json", Set.of("com.fasterxml.jackson.databind")));
  }

  @Test
  @DisplayName("core requires no provider module and no logging binding")
  void requires() {
    Set<String> required = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());

    assertThat(required).contains("org.slf4j", "org.jspecify")
        .noneMatch(name -> name.startsWith("dev.invitekit"))
        .doesNotContain("org.slf4j.simple", "ch.qos.logback.classic");
  }
}
