package dev.invitekit.bench;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoredUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The members of benchmark 6's account, besides its founder: mostly co-workers, every tenth a guest from a
 * partner's domain, every five-hundredth an admin. {@link #VIEWER} is a co-worker who invited every
 * thousandth member, a guest each; the other guests were invited by the founder. Names repeat (a few dozen
 * first names, a couple of hundred last names), as in a real company, so the sort meets ties.
 *
 * <p>{@link #fill} writes them through the store SPI in large units of work, as exactly the records an
 * accepted invitation writes ({@code AcceptInvitation}: the user, then the membership with the invitation's
 * role and inviter, {@code mayInvite} on): the two tables the directory reads, and nothing else, since a
 * sign-up per member would take hours on PostgreSQL. Every user gets the founder's password hash (one salt
 * for all): the directory never reads it.
 */
final class MemberRoster {
  /** The position, among the generated members, of the co-worker whose contacts are read. */
  static final int VIEWER = 1;

  private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines",
      "Jonas", "Kemal", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Viktor",
      "Wen", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Carla", "Dmitri", "Eve", "Femi", "Gita", "Hugo", "Iris",
      "Jamal", "Kira", "Luca", "Mei", "Nils", "Olga", "Pablo", "Rhea", "Sami", "Theo", "Ulla", "Vera"};

  /** One generated member: their user and their membership. */
  record Member(User user, Membership membership) {}

  private MemberRoster() {}

  /** {@code count} members of {@code account} (the founder not counted), joined after {@code start}. */
  static List<Member> generate(AccountId account, UserId founder, int count, Instant start) {
    List<Member> members = new ArrayList<>(count);
    UserId viewer = id(VIEWER);
    for (int i = 0; i < count; i++) {
      UserId id = id(i);
      String first = FIRST[i % FIRST.length];
      String last = "Lastname" + (i / FIRST.length) % 211;
      Role role = i % 10 == 9 ? Role.GUEST : i % 500 == 0 ? Role.ADMIN : Role.COWORKER;
      String local = first.toLowerCase(java.util.Locale.ROOT) + "." + last.toLowerCase(java.util.Locale.ROOT) + i;
      EmailAddress email = new EmailAddress(local, role == Role.GUEST ? "partner" + i % 50 + ".example" : "acme.com");
      @Nullable UserId invitedBy = role == Role.GUEST && i % 1000 == 999 && i != VIEWER ? viewer : founder;
      Instant joined = start.plusMillis(i);
      members.add(new Member(new User(id, email, first, last, joined, joined),
          new Membership(account, id, role, true, invitedBy, null, joined)));
    }
    return members;
  }

  static UserId id(int position) {
    return new UserId(new UUID(0x17e_0000L, position));
  }

  /** Writes the members through the store SPI, {@code perUnit} to a unit of work. */
  static void fill(Store store, List<Member> members, PasswordHash hash, int perUnit) {
    for (int from = 0; from < members.size(); from += perUnit) {
      List<Member> slice = members.subList(from, Math.min(members.size(), from + perUnit));
      store.inTransaction(tx -> {
        for (Member m : slice) {
          if (!tx.users().insert(new StoredUser(m.user(), hash)) || !tx.memberships().insert(m.membership())) {
            throw new IllegalStateException("the roster clashed with an existing user or member: " + m.user().id());
          }
        }
        return null;
      });
    }
  }
}
