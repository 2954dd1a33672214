package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.member.Role;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The column conversions the bulk reads use instead of the driver's typed getters and {@code Enum.valueOf}. */
class SqlColumnsTest {

  @Test
  void everyRoleReadsBackFromItsStoredNameU2() {
    for (Role role : Role.values()) {
      assertThat(Sql.role(role.name())).isSameAs(role);
    }
  }

  @Test
  void anUnknownRoleFailsAsValueOfDoes() {
    assertThatThrownBy(() -> Sql.role("coworker")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sql.role("OWNER")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uuidAtReadsUuidsNullsAndUuidTextOnH2() throws Exception {
    UUID id = UUID.randomUUID();
    try (HikariDataSource pool = TestDatabases.freshH2(1); Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT CAST('" + id + "' AS UUID), CAST(NULL AS UUID), '" + id + "'")) {
      assertThat(r.next()).isTrue();
      assertThat(Sql.uuidAt(r, 1)).isEqualTo(id);
      assertThat(Sql.uuidAt(r, 2)).isNull();
      assertThat(Sql.uuidAt(r, 3)).isEqualTo(id);
    }
  }
}
