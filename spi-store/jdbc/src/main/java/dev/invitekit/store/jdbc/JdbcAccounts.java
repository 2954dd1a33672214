package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.Plan;
import dev.invitekit.spi.store.AccountStore;
import dev.invitekit.store.jdbc.Sql.Binding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** accounts (A1, A2): the AccountStore of one {@link JdbcTransaction}. */
final class JdbcAccounts implements AccountStore {

  private final Sql sql;
  private final String accounts;

  JdbcAccounts(Sql sql) {
    this.sql = sql;
    this.accounts = sql.table("accounts");
  }

  private static final String ACCOUNT_COLUMNS = "id, name, plan, company_domains, pro_plus_seats, locale, created_at, "
      + "coworker_inviters, guest_inviters, guest_domains_mode, guest_domains, links_enabled, links_admit_guests, "
      + "link_approval_required, invitation_lifetime, link_lifetime, link_use_limit, invites_per_inviter_per_hour, "
      + "invites_per_account_per_day, resends_per_invitation_per_day, invites_per_recipient_per_day, notify_inviter, "
      + "reminder_before_expiry";

  private static Binding bindAccountFields(Binding b, Account a) throws SQLException {
    InvitePolicy p = a.policy();
    return b.text(a.name()).text(a.plan().name()).text(joined(a.companyDomains())).integer(a.proPlusSeats())
        .text(a.locale().toLanguageTag()).time(a.createdAt())
        .text(p.coworkerInviters().name()).text(p.guestInviters().name()).text(p.guestDomains().mode().name())
        .text(joined(p.guestDomains().domains().stream().sorted().toList()))
        .bool(p.linksEnabled()).bool(p.linksAdmitGuests()).bool(p.linkApprovalRequired())
        .text(p.invitationLifetime().toString()).text(p.linkLifetime().toString()).integer(p.linkUseLimit())
        .integer(p.invitesPerInviterPerHour()).integer(p.invitesPerAccountPerDay())
        .integer(p.resendsPerInvitationPerDay()).integer(p.invitesPerRecipientPerDay()).bool(p.notifyInviter())
        .text(p.reminderBeforeExpiry() == null ? null : p.reminderBeforeExpiry().toString());
  }

  private static Account account(ResultSet r) throws SQLException {
    String reminder = r.getString("reminder_before_expiry");
    InvitePolicy policy = new InvitePolicy(
        InvitePolicy.CoworkerInviters.valueOf(r.getString("coworker_inviters")),
        InvitePolicy.GuestInviters.valueOf(r.getString("guest_inviters")),
        new InvitePolicy.GuestDomains(InvitePolicy.GuestDomains.Mode.valueOf(r.getString("guest_domains_mode")),
            new HashSet<>(split(r.getString("guest_domains")))),
        r.getBoolean("links_enabled"), r.getBoolean("links_admit_guests"), r.getBoolean("link_approval_required"),
        Duration.parse(r.getString("invitation_lifetime")), Duration.parse(r.getString("link_lifetime")),
        nullableInt(r, "link_use_limit"), r.getInt("invites_per_inviter_per_hour"),
        r.getInt("invites_per_account_per_day"), r.getInt("resends_per_invitation_per_day"),
        r.getInt("invites_per_recipient_per_day"), r.getBoolean("notify_inviter"), reminder == null ? null : Duration.parse(reminder));
    return new Account(new AccountId(requiredUuid(r, "id")), r.getString("name"), Plan.valueOf(r.getString("plan")),
        split(r.getString("company_domains")), r.getInt("pro_plus_seats"), policy,
        Locale.forLanguageTag(r.getString("locale")), instant(r, "created_at"));
  }

  @Override
  public void insert(Account account) {
    Objects.requireNonNull(account, "account");
    sql.update("accounts.insert", "INSERT INTO " + accounts + " (" + ACCOUNT_COLUMNS + ") VALUES (?" + ", ?".repeat(22) + ")",
        b -> bindAccountFields(b.uuid(account.id().value()), account));
  }

  @Override
  public Optional<Account> find(AccountId id) {
    Objects.requireNonNull(id, "id");
    return sql.one("accounts.find", "SELECT " + ACCOUNT_COLUMNS + " FROM " + accounts + " WHERE id = ?",
        b -> b.uuid(id.value()), JdbcAccounts::account);
  }

  /**
   * A write of the account row that changes nothing: its row lock, held to commit, makes the account's
   * lockers queue on one node or many; at READ COMMITTED the read after it sees what the previous holder
   * committed, and at REPEATABLE READ or SERIALIZABLE the database reports a serialization failure to the
   * second writer, and the unit of work runs again (U2, P2, L1).
   */
  @Override
  public Optional<Account> lock(AccountId id) {
    Objects.requireNonNull(id, "id");
    int locked = sql.update("accounts.lock", "UPDATE " + accounts + " SET plan = plan WHERE id = ?", b -> b.uuid(id.value()));
    return locked == 0 ? Optional.empty() : find(id);
  }

  @Override
  public void update(Account account) {
    Objects.requireNonNull(account, "account");
    String set = Arrays.stream(ACCOUNT_COLUMNS.split(", ")).skip(1).map(c -> c + " = ?")
        .collect(Collectors.joining(", "));
    int changed = sql.update("accounts.update", "UPDATE " + accounts + " SET " + set + " WHERE id = ?",
        b -> bindAccountFields(b, account).uuid(account.id().value()));
    if (changed == 0) {
      throw new IllegalStateException("no account " + account.id() + " to update; insert it first");
    }
  }
}
