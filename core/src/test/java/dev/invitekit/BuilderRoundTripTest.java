package dev.invitekit;

import dev.invitekit.secret.Token;
import dev.invitekit.secret.Password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The builders of the wide public records (A1, A2, I5, S1–S4): {@code toBuilder().build()} gives back an equal
 * record, and each setter changes its own component and no other. Checked for random records by
 * QuickTheories; the setters are found by the components' names, so a component added without a setter (or
 * left out of {@code toBuilder()}) fails here.
 */
@DisplayName("A1/A2/I5/S1: builders round-trip every component")
class BuilderRoundTripTest {

  @Test
  @DisplayName("I5: Invitation.toBuilder() round-trips, and each setter changes only its component")
  void invitation() {
    roundTrips(BuilderRoundTripTest::invitation, Invitation::toBuilder);
  }

  @Test
  @DisplayName("A2: InvitePolicy.toBuilder() round-trips, and each setter changes only its component")
  void invitePolicy() {
    roundTrips(BuilderRoundTripTest::policy, InvitePolicy::toBuilder);
  }

  @Test
  @DisplayName("A1/A3: NewAccount.toBuilder() round-trips, and each setter changes only its component")
  void newAccount() {
    roundTrips(BuilderRoundTripTest::newAccount, NewAccount::toBuilder);
  }

  @Test
  @DisplayName("S1-S4: SignupRequest.toBuilder() round-trips, and each setter changes only its component")
  void signupRequest() {
    roundTrips(BuilderRoundTripTest::signupRequest, SignupRequest::toBuilder);
  }

  @Test
  @DisplayName("A2: InvitePolicy.builder() starts from the defaults, and the with-shortcuts match the builder")
  void policyBuilderDefaultsAndShortcuts() {
    assertThat(InvitePolicy.builder().build()).isEqualTo(InvitePolicy.defaults());
    qt().forAll(longs().all()).checkAssert(seed -> {
      InvitePolicy p = policy(new Random(seed));
      InvitePolicy q = policy(new Random(seed + 1));
      assertThat(p.withLinkLimits(q.linkLifetime(), q.linkUseLimit()))
          .isEqualTo(p.toBuilder().linkLifetime(q.linkLifetime()).linkUseLimit(q.linkUseLimit()).build());
      assertThat(p.withRateLimits(q.invitesPerInviterPerHour(), q.invitesPerAccountPerDay(),
          q.resendsPerInvitationPerDay())).isEqualTo(p.toBuilder().invitesPerInviterPerHour(q.invitesPerInviterPerHour())
          .invitesPerAccountPerDay(q.invitesPerAccountPerDay())
          .resendsPerInvitationPerDay(q.resendsPerInvitationPerDay()).build());
      assertThat(p.withNotices(q.notifyInviter(), q.reminderBeforeExpiry())).isEqualTo(
          p.toBuilder().notifyInviter(q.notifyInviter()).reminderBeforeExpiry(q.reminderBeforeExpiry()).build());
      assertThat(p.withGuestInviters(q.guestInviters()).guestInviters()).isEqualTo(q.guestInviters());
    });
  }

  /** For random {@code x} and {@code y}: x round-trips, and setting component i of y changes only i. */
  private static <R extends Record> void roundTrips(Function<Random, R> random, Function<R, Object> toBuilder) {
    qt().forAll(longs().all()).checkAssert(seed -> {
      R x = random.apply(new Random(seed));
      R y = random.apply(new Random(~seed));
      assertThat(build(toBuilder.apply(x))).isEqualTo(x);
      RecordComponent[] components = x.getClass().getRecordComponents();
      for (RecordComponent changed : components) {
        Object builder = toBuilder.apply(x);
        Object value = get(changed, y);
        invoke(setter(builder, changed), builder, value);
        Record result = build(builder);
        for (RecordComponent c : components) {
          assertThat(get(c, result)).as("%s after setting %s", c.getName(), changed.getName())
              .isEqualTo(c.equals(changed) ? value : get(c, x));
        }
      }
    });
  }

  private static Method setter(Object builder, RecordComponent component) {
    try {
      return builder.getClass().getMethod(component.getName(), component.getType());
    } catch (NoSuchMethodException e) {
      throw new AssertionError(builder.getClass().getName() + " has no setter " + component.getName(), e);
    }
  }

  private static Record build(Object builder) {
    try {
      return (Record) invoke(builder.getClass().getMethod("build"), builder);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static Object get(RecordComponent component, Record record) {
    return invoke(component.getAccessor(), record);
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(method + " failed", e);
    }
  }

  private static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  private static <T> T orNull(Random r, T value) {
    return r.nextInt(3) == 0 ? null : value;
  }

  private static Instant instant(Random r) {
    return Instant.ofEpochSecond(1_600_000_000L + r.nextInt(200_000_000));
  }

  private static UUID uuid(Random r) {
    return new UUID(r.nextLong(), r.nextLong());
  }

  private static String word(Random r) {
    return List.of("Ada", "Bob", "Zoë", "Łukasz", "Carl", "Dana", "O'Neil", "Sørensen").get(r.nextInt(8))
        + r.nextInt(100);
  }

  private static Invitation invitation(Random r) {
    return new Invitation(new InvitationId(uuid(r)), new AccountId(uuid(r)),
        EmailAddress.parse("p" + r.nextInt(1000) + "@acme" + r.nextInt(10) + ".com"), orNull(r, word(r)),
        pick(r, Role.values()), pick(r, InvitationState.values()), new UserId(uuid(r)),
        orNull(r, new LinkId(uuid(r))), pick(r, new Locale[] {Locale.ENGLISH, Locale.GERMANY, Locale.FRENCH}),
        instant(r), instant(r), instant(r), pick(r, DeliveryStatus.values()), r.nextBoolean(), r.nextBoolean(),
        orNull(r, new UserId(uuid(r))));
  }

  private static InvitePolicy policy(Random r) {
    return new InvitePolicy(pick(r, InvitePolicy.CoworkerInviters.values()), pick(r, InvitePolicy.GuestInviters.values()),
        pick(r, new InvitePolicy.GuestDomains[] {InvitePolicy.GuestDomains.any(),
            InvitePolicy.GuestDomains.allowOnly(Set.of("partner" + r.nextInt(9) + ".org")),
            InvitePolicy.GuestDomains.block(Set.of("rival" + r.nextInt(9) + ".example"))}),
        r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), Duration.ofHours(1 + r.nextInt(30 * 24)),
        Duration.ofDays(1 + r.nextInt(90)), orNull(r, 1 + r.nextInt(500)), 1 + r.nextInt(1000),
        1 + r.nextInt(10_000), 1 + r.nextInt(10), 1 + r.nextInt(10), r.nextBoolean(),
        orNull(r, Duration.ofHours(1 + r.nextInt(72))));
  }

  private static NewAccount newAccount(Random r) {
    return new NewAccount(word(r), pick(r, Plan.values()), List.of("acme" + r.nextInt(9) + ".com"), r.nextInt(50),
        pick(r, new Locale[] {Locale.ENGLISH, Locale.GERMANY, Locale.US}), word(r) + "@acme.com", word(r), word(r),
        orNull(r, LocalDate.ofEpochDay(r.nextInt(20_000))), Password.of(word(r)), Password.of(word(r)));
  }

  private static SignupRequest signupRequest(Random r) {
    return new SignupRequest(Token.of(word(r)), orNull(r, LocalDate.ofEpochDay(r.nextInt(20_000))), word(r),
        word(r), Password.of(word(r)), Password.of(word(r)));
  }
}
