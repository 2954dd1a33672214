package dev.invitekit.store.jdbc;

import dev.invitekit.spi.store.AccountStore;
import dev.invitekit.spi.store.Counters;
import dev.invitekit.spi.store.FounderSignupStore;
import dev.invitekit.spi.store.IdempotencyStore;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.LinkStore;
import dev.invitekit.spi.store.MembershipStore;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.SeatStore;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.DirectoryEntry;
import dev.invitekit.spi.store.StoredMember;
import dev.invitekit.id.AccountId;
import dev.invitekit.spi.store.UserStore;
import java.sql.Connection;
import java.util.List;

/**
 * One unit of work of a {@link JdbcStore}: one connection in one transaction, and one role class per
 * aggregate over it. It belongs to the thread that runs the unit of work and refuses use after it ended.
 * Every statement is sent when its method is called; bulk methods send theirs as one JDBC batch.
 */
final class JdbcTransaction implements StoreTransaction {

  private final Sql sql;
  private final AccountStore accounts;
  private final UserStore users;
  private final JdbcMemberships memberships;
  private final InvitationStore invitations;
  private final LinkStore links;
  private final SeatStore seats;
  private final IdempotencyStore idempotency;
  private final FounderSignupStore founderSignups;
  private final Outbox outbox;
  private final Counters counters;

  JdbcTransaction(Connection connection, Dialect dialect, String prefix) {
    this.sql = new Sql(connection, dialect, prefix);
    this.accounts = new JdbcAccounts(sql);
    this.users = new JdbcUsers(sql);
    this.memberships = new JdbcMemberships(sql);
    this.invitations = new JdbcInvitations(sql);
    this.links = new JdbcLinks(sql);
    this.seats = new JdbcSeats(sql);
    this.idempotency = new JdbcIdempotency(sql);
    this.founderSignups = new JdbcFounderSignups(sql);
    this.outbox = new JdbcOutbox(sql);
    this.counters = new JdbcCounters(sql);
  }

  /** Refuses any further use (the unit of work committed or rolled back). */
  void end() {
    sql.end();
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public MembershipStore memberships() {
    return memberships;
  }

  /** One query: the account's memberships joined with their users. */
  @Override
  public List<StoredMember> membersWithUsers(AccountId accountId) {
    return memberships.withUsers(accountId);
  }

  /** One query: the five columns of the directory, over the same join. */
  @Override
  public List<DirectoryEntry> directoryOf(AccountId accountId) {
    return memberships.directory(accountId);
  }

  @Override
  public InvitationStore invitations() {
    return invitations;
  }

  @Override
  public LinkStore links() {
    return links;
  }

  @Override
  public SeatStore seats() {
    return seats;
  }

  @Override
  public IdempotencyStore idempotency() {
    return idempotency;
  }

  @Override
  public FounderSignupStore founderSignups() {
    return founderSignups;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public Counters counters() {
    return counters;
  }
}
