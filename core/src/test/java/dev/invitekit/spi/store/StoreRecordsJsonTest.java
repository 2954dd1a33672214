package dev.invitekit.spi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC §5: the store's records that hold a secret never show it as JSON either (review of issue 11). */
@DisplayName("SPEC §5: store records keep their secrets out of JSON")
class StoreRecordsJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

  @Test
  void aPasswordHashIsRedactedInJson() throws Exception {
    String phc = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    String json = MAPPER.writeValueAsString(new PasswordHash(phc));

    assertThat(json).doesNotContain("argon2id").doesNotContain("aGFzaGhh").contains("redacted");
  }

  @Test
  void aStoredLinkLeavesItsTokenOutOfJson() throws Exception {
    String token = "SECRET-link-token-0123456789abcdefghijklmnop";
    StoredLink link = new StoredLink(LinkId.random(), AccountId.random(), token, UserId.random(),
        Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-08T09:00:00Z"), null, 0, true);

    String json = MAPPER.writeValueAsString(link);

    assertThat(json).doesNotContain(token).contains("\"uses\":0");
  }
}
