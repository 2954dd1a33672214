package dev.invitekit.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.license.License;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.TokenDigest;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Events (E1): every subtype serializes to JSON with stable field names and carries no secret. */
@DisplayName("E1: event JSON")
class EventJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2025-03-10T09:00:00Z");
  private static final AccountId ACCOUNT = new AccountId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
  private static final UserId USER = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
  private static final InvitationId INVITATION =
      new InvitationId(UUID.fromString("00000000-0000-0000-0000-00000000000c"));
  private static final LinkId LINK = new LinkId(UUID.fromString("00000000-0000-0000-0000-00000000000d"));

  /** One sample per component type; a new type in an event must be added here on purpose. */
  private static final Map<Class<?>, Object> SAMPLES = Map.of(
      Instant.class, AT,
      AccountId.class, ACCOUNT,
      UserId.class, USER,
      InvitationId.class, INVITATION,
      LinkId.class, LINK,
      EmailAddress.class, EmailAddress.parse("bob@acme.com"),
      Role.class, Role.COWORKER,
      License.class, License.PRO_PLUS,
      boolean.class, true);

  private static List<Class<?>> eventTypes() {
    return Arrays.asList(InvitekitEvent.class.getPermittedSubclasses());
  }

  private static InvitekitEvent sample(Class<?> type) throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    assertThat(components).as("%s is a record", type.getSimpleName()).isNotNull();
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      assertThat(SAMPLES).as("sample for %s.%s", type.getSimpleName(), components[i].getName())
          .containsKey(types[i]);
      values[i] = SAMPLES.get(types[i]);
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    return (InvitekitEvent) canonical.newInstance(values);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  @DisplayName("E1: there is an event for every state change SPEC lists")
  void everyStateChangeHasAnEvent() {
    assertThat(eventTypes().stream().map(Class::getSimpleName)).contains(
        "Invited", "InvitationResent", "InvitationRevoked", "InvitationExpired", "LinkCreated", "LinkRotated",
        "LinkRedeemed", "MemberJoined", "LicenseAssigned", "LicenseUnassigned", "InvitePermissionChanged");
  }

  @TestFactory
  @DisplayName("E1: each event's JSON has its type and exactly its record components as fields, in order")
  List<DynamicTest> jsonFieldsAreComponentNames() {
    return eventTypes().stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
      InvitekitEvent event = sample(type);

      JsonNode json = JSON.readTree(event.toJson());

      List<String> expected = new ArrayList<>(List.of("type"));
      Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(expected::add);
      assertThat(fieldNames(json)).containsExactlyElementsOf(expected);
      assertThat(json.get("type").asText()).isEqualTo(event.type());
      assertThat(event.toJson()).doesNotContain("\n");
      for (RecordComponent component : type.getRecordComponents()) {
        JsonNode value = json.get(component.getName());
        assertThat(value.isValueNode()).as("%s is a plain value", component.getName()).isTrue();
        Object sample = component.getAccessor().invoke(event);
        if (sample instanceof Boolean b) {
          assertThat(value.asBoolean()).isEqualTo(b);
        } else if (sample instanceof Enum<?> e) {
          assertThat(value.asText()).isEqualTo(e.name());
        } else {
          assertThat(value.asText()).as(component.getName()).isEqualTo(sample.toString());
        }
      }
    })).collect(Collectors.toList());
  }

  @Test
  @DisplayName("E1: type names are unique kebab-case forms of the record names")
  void typeNames() throws ReflectiveOperationException {
    List<String> names = new ArrayList<>();
    for (Class<?> type : eventTypes()) {
      InvitekitEvent event = sample(type);
      String expected = type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
      assertThat(event.type()).isEqualTo(expected).matches("[a-z]+(-[a-z]+)*");
      names.add(event.type());
    }
    assertThat(new HashSet<>(names)).hasSameSizeAs(names);
    assertThat(names).contains("invited", "invitation-resent", "invite-permission-changed", "license-unassigned");
  }

  @Test
  @DisplayName("E1: no event carries a token, a password or a hash, by type or by name")
  void noSecrets() {
    for (Class<?> type : eventTypes()) {
      for (RecordComponent component : type.getRecordComponents()) {
        assertThat(component.getType()).as("%s.%s", type.getSimpleName(), component.getName())
            .isNotIn(PasswordHash.class, TokenDigest.class, char[].class, byte[].class);
        assertThat(component.getName().toLowerCase(Locale.ROOT)).as("%s.%s", type.getSimpleName(), component.getName())
            .doesNotContain("token", "password", "hash", "secret", "digest");
        if (component.getType() == String.class || component.getType() == java.net.URI.class) {
          throw new AssertionError(type.getSimpleName() + "." + component.getName()
              + " is free text or a URL, which could carry a token; events hold typed values only");
        }
      }
    }
  }

  @Test
  @DisplayName("E1: golden JSON of an Invited event pins its field names and formats")
  void goldenInvited() {
    InvitekitEvent invited = new InvitekitEvent.Invited(AT, ACCOUNT, INVITATION, EmailAddress.parse("Bob@Acme.com"),
        Role.GUEST, USER, null);

    assertThat(invited.toJson()).isEqualTo("{\"type\":\"invited\",\"occurredAt\":\"2025-03-10T09:00:00Z\","
        + "\"accountId\":\"00000000-0000-0000-0000-00000000000a\","
        + "\"invitationId\":\"00000000-0000-0000-0000-00000000000c\",\"email\":\"bob@acme.com\","
        + "\"role\":\"GUEST\",\"invitedBy\":\"00000000-0000-0000-0000-00000000000b\",\"viaLink\":null}");
  }

  @Test
  @DisplayName("E1: golden JSON of a LinkRotated event (two link ids) and a boolean field")
  void goldenOthers() {
    LinkId newLink = new LinkId(UUID.fromString("00000000-0000-0000-0000-00000000000e"));

    assertThat(new InvitekitEvent.LinkRotated(AT, ACCOUNT, LINK, newLink, USER).toJson()).isEqualTo(
        "{\"type\":\"link-rotated\",\"occurredAt\":\"2025-03-10T09:00:00Z\","
            + "\"accountId\":\"00000000-0000-0000-0000-00000000000a\","
            + "\"oldLinkId\":\"00000000-0000-0000-0000-00000000000d\","
            + "\"newLinkId\":\"00000000-0000-0000-0000-00000000000e\","
            + "\"by\":\"00000000-0000-0000-0000-00000000000b\"}");
    assertThat(new InvitekitEvent.InvitationDeliveryFailed(AT, ACCOUNT, INVITATION, false).toJson())
        .endsWith(",\"retryable\":false}");
  }
}
