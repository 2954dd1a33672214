package dev.invitekit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.invitekit.error.InvitekitException;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Event JSON (E1): {@code {"type":"invited","occurredAt":"…","accountId":"…",…}}. Field names are the
 * record components' names, ids are strings, instants ISO-8601; the type name is the record's simple
 * name in kebab-case. Both are part of the public contract: renaming a component is a breaking change.
 */
final class EventJson {
  private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(idsAsStrings())
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  private EventJson() {}

  private static SimpleModule idsAsStrings() {
    SimpleModule module = new SimpleModule("invitekit-ids");
    module.addSerializer(AccountId.class, ToStringSerializer.instance);
    module.addSerializer(UserId.class, ToStringSerializer.instance);
    module.addSerializer(InvitationId.class, ToStringSerializer.instance);
    module.addSerializer(LinkId.class, ToStringSerializer.instance);
    module.addSerializer(EmailAddress.class, ToStringSerializer.instance);
    module.addSerializer(Instant.class, ToStringSerializer.instance);
    return module;
  }

  /** The stable type name: {@code InvitationResent} → {@code invitation-resent}. */
  public static String typeName(InvitekitEvent event) {
    return CAMEL.matcher(event.getClass().getSimpleName()).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** One line of JSON with {@code type} first. */
  public static String write(InvitekitEvent event) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", typeName(event));
    node.setAll((ObjectNode) MAPPER.valueToTree(event));
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new InvitekitException("could not write " + typeName(event) + " as JSON", e);
    }
  }
}
