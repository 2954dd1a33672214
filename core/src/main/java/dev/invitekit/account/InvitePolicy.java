package dev.invitekit.account;

import dev.invitekit.email.AddressProblem;
import dev.invitekit.internal.email.DomainNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An account's invite policy (A2). Build one with {@link #builder()}, which starts from {@link #defaults()},
 * or change an existing one with {@link #toBuilder()} (or a {@code with…} shortcut for one setting); every
 * value is validated at once with a message that names it. The constructor, which stores use to read a policy
 * back, leaves out the upper bounds of the link lifetime and the reminder lead, so that a policy saved by an
 * earlier release that had none still reads; Invitekit then uses those two capped ({@link #linkLifetimeInEffect},
 * {@link #reminderBeforeExpiryInEffect}).
 *
 * @param coworkerInviters who may invite co-workers (default admins and co-workers)
 * @param guestInviters who may invite guests (default everyone)
 * @param guestDomains which outside domains guests may come from (default any)
 * @param linksEnabled whether invite links work (default yes)
 * @param linksAdmitGuests whether a link may admit non-company addresses (default no, U5)
 * @param linkApprovalRequired whether an admin must approve people joining by link (default no, L1)
 * @param invitationLifetime how long an emailed invitation stays valid (default 7 days, at most 30)
 * @param linkLifetime how long an invite link stays valid after it is created or rotated (default 30 days, at
 *     most 365)
 * @param linkUseLimit how many people may redeem one link, or null for no limit (default null)
 * @param invitesPerInviterPerHour invitations one member may send in an hour (default 100)
 * @param invitesPerAccountPerDay invitations an account may send in a day (default 1000)
 * @param resendsPerInvitationPerDay re-sends of one invitation in a day (default 3, I7)
 * @param invitesPerRecipientPerDay new invitations the account's members may send to one address in a day, and,
 *     counted apart, mails an invite link may send to one address in a day (default 3 each): one address cannot
 *     be flooded through the invite form or a shared link, whoever sends, and repeated redemptions of the link
 *     cannot use up what members need to invite it. Re-sends of one invitation are limited apart, by
 *     {@code resendsPerInvitationPerDay} (for the link's re-sends, again apart)
 * @param notifyInviter whether the inviter is emailed when an invitation is accepted, declined or
 *     expires (default yes, I11)
 * @param reminderBeforeExpiry when to remind the invitee before expiry (at most 30 days, the longest an
 *     invitation lives), or null for no reminder (default null, I11). Keep it well short of
 *     {@code invitationLifetime}: the reminder comes with a fresh link and the earlier mail's stops working, so a
 *     lead as long as the lifetime or longer reminds at the next reminder run, right after the invitation mail,
 *     whose link then answers superseded. The two are not checked against each other
 */
public record InvitePolicy(
    CoworkerInviters coworkerInviters,
    GuestInviters guestInviters,
    GuestDomains guestDomains,
    boolean linksEnabled,
    boolean linksAdmitGuests,
    boolean linkApprovalRequired,
    Duration invitationLifetime,
    Duration linkLifetime,
    @Nullable Integer linkUseLimit,
    int invitesPerInviterPerHour,
    int invitesPerAccountPerDay,
    int resendsPerInvitationPerDay,
    int invitesPerRecipientPerDay,
    boolean notifyInviter,
    @Nullable Duration reminderBeforeExpiry) {

  /** The longest an invitation may live (A2). */
  public static final Duration MAX_INVITATION_LIFETIME = Duration.ofDays(30);

  /**
   * The longest an invite link may live before it must be rotated (A2, L1): a year. Without a bound, a lifetime
   * past what an instant can hold broke every call that makes or rotates the link (review 16).
   */
  public static final Duration MAX_LINK_LIFETIME = Duration.ofDays(365);

  /**
   * The furthest ahead of expiry a reminder may be asked for (I11): the longest an invitation lives. Without a
   * bound, one account's reminder past what an instant can hold stopped the reminder job of every account.
   */
  public static final Duration MAX_REMINDER_BEFORE_EXPIRY = MAX_INVITATION_LIFETIME;

  /** Who may invite co-workers (A2). */
  public enum CoworkerInviters {
    /** Only admins. */
    ADMINS_ONLY,
    /** Admins and co-workers (the default). */
    ADMINS_AND_COWORKERS
  }

  /** Who may invite guests (A2). */
  public enum GuestInviters {
    /** Every member allowed to invite (the default). */
    EVERYONE,
    /** Only admins. */
    ADMINS_ONLY,
    /** No one: the account has no guests. */
    NO_ONE
  }

  /**
   * Which outside domains guests may come from (A2): any, only those allowed, or all but those blocked.
   * Every entry is a domain, normalized when the list is built like every domain (U3): trimmed, one
   * trailing dot dropped, UTS #46 non-transitional, lower-case IDNA ASCII; so {@code " Bücher.Example. "}
   * is {@code xn--bcher-kva.example}. An entry matches its domain and every subdomain of it, in allow and
   * block lists alike: blocking {@code evil.org} blocks {@code mail.evil.org}. An entry that is not a
   * domain is refused: by the constructor with an {@link IllegalArgumentException} naming it (programmer
   * input), or by {@link #check} as a typed {@link Check.Invalid} (a list typed by an admin in the app).
   *
   * @param mode how {@code domains} is read
   * @param domains the allowed or blocked domains, normalized
   */
  public record GuestDomains(Mode mode, Set<String> domains) {
    /** How the domain set is read. */
    public enum Mode {
      /** Any outside domain; the set is ignored. */
      ANY,
      /** Only domains in the set and their subdomains. */
      ALLOW_LIST,
      /** Any domain but those in the set and their subdomains. */
      BLOCK_LIST
    }

    /**
     * Normalizes every entry (A2, U3).
     *
     * @throws IllegalArgumentException naming the first entry that is not a domain
     */
    public GuestDomains {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(domains, "domains");
      List<Check.Rejected> rejected = rejected(domains);
      if (!rejected.isEmpty()) {
        Check.Rejected first = rejected.get(0);
        throw new IllegalArgumentException("guest domain list entry \"" + first.entry() + "\" is not a domain: "
            + first.problem().message() + " (A2)");
      }
      domains = normalize(domains);
    }

    /** The outcome of checking a guest domain list typed by someone (A2). */
    public sealed interface Check {
      /** Every entry is a domain; {@code domains} holds them normalized. */
      record Valid(GuestDomains domains) implements Check {}

      /** Some entries are not domains; nothing was built. */
      record Invalid(List<Rejected> rejected) implements Check {
        /** Copies the list. */
        public Invalid {
          rejected = List.copyOf(rejected);
        }
      }

      /**
       * One entry that is not a domain.
       *
       * @param entry the entry as given
       * @param problem why it is not a domain
       */
      record Rejected(String entry, AddressProblem problem) {}
    }

    /**
     * Checks a list typed by someone outside the code (an admin's form) and builds it when every entry is
     * a domain; never throws for bad entries (A2, §5).
     *
     * @return {@link Check.Valid} with the normalized list, or {@link Check.Invalid} naming each bad entry
     */
    public static Check check(Mode mode, Collection<String> entries) {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(entries, "entries");
      List<Check.Rejected> rejected = rejected(entries);
      return rejected.isEmpty() ? new Check.Valid(new GuestDomains(mode, Set.copyOf(entries)))
          : new Check.Invalid(rejected);
    }

    private static List<Check.Rejected> rejected(Collection<String> entries) {
      List<Check.Rejected> rejected = new ArrayList<>();
      for (String entry : entries) {
        if (entry == null) {
          rejected.add(new Check.Rejected("", AddressProblem.INVALID_DOMAIN));
        } else if (DomainNames.check(entry) instanceof DomainNames.Invalid invalid) {
          rejected.add(new Check.Rejected(entry, AddressProblem.valueOf(invalid.problem().name())));
        }
      }
      return rejected;
    }

    private static Set<String> normalize(Collection<String> entries) {
      Set<String> normalized = new TreeSet<>();
      for (String entry : entries) {
        normalized.add(((DomainNames.Valid) DomainNames.check(entry)).ascii());
      }
      return Collections.unmodifiableSet(normalized);
    }

    /** Guests from any domain. */
    public static GuestDomains any() {
      return new GuestDomains(Mode.ANY, Set.of());
    }

    /**
     * Guests only from these domains and their subdomains.
     *
     * @throws IllegalArgumentException naming the first entry that is not a domain
     */
    public static GuestDomains allowOnly(Set<String> domains) {
      return new GuestDomains(Mode.ALLOW_LIST, domains);
    }

    /**
     * Guests from any domain but these and their subdomains.
     *
     * @throws IllegalArgumentException naming the first entry that is not a domain
     */
    public static GuestDomains block(Set<String> domains) {
      return new GuestDomains(Mode.BLOCK_LIST, domains);
    }

    /** Whether a guest from this (IDNA ASCII, lower-case) domain is allowed: entries match subdomains too. */
    public boolean allows(String domain) {
      return switch (mode) {
        case ANY -> true;
        case ALLOW_LIST -> listed(domain);
        case BLOCK_LIST -> !listed(domain);
      };
    }

    /** Whether the domain or one of its parent domains is an entry. */
    private boolean listed(String domain) {
      String ascii = domain.toLowerCase(Locale.ROOT);
      if (domains.contains(ascii)) {
        return true;
      }
      for (int dot = ascii.indexOf('.'); dot >= 0; dot = ascii.indexOf('.', dot + 1)) {
        if (domains.contains(ascii.substring(dot + 1))) {
          return true;
        }
      }
      return false;
    }
  }

  /** Validates every setting, naming the one that is wrong. */
  public InvitePolicy {
    Objects.requireNonNull(coworkerInviters, "coworkerInviters");
    Objects.requireNonNull(guestInviters, "guestInviters");
    Objects.requireNonNull(guestDomains, "guestDomains");
    Objects.requireNonNull(invitationLifetime, "invitationLifetime");
    Objects.requireNonNull(linkLifetime, "linkLifetime");
    requirePositive(invitationLifetime, "invitation lifetime");
    if (invitationLifetime.compareTo(MAX_INVITATION_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "invitation lifetime must be at most 30 days (A2), was " + invitationLifetime);
    }
    requirePositive(linkLifetime, "link lifetime");
    if (linkUseLimit != null && linkUseLimit < 1) {
      throw new IllegalArgumentException("link use limit must be at least 1 or null for none, was " + linkUseLimit);
    }
    if (invitesPerInviterPerHour < 1) {
      throw new IllegalArgumentException("invites per inviter per hour must be at least 1, was " + invitesPerInviterPerHour);
    }
    if (invitesPerAccountPerDay < 1) {
      throw new IllegalArgumentException("invites per account per day must be at least 1, was " + invitesPerAccountPerDay);
    }
    if (resendsPerInvitationPerDay < 1) {
      throw new IllegalArgumentException(
          "re-sends per invitation per day must be at least 1, was " + resendsPerInvitationPerDay);
    }
    if (invitesPerRecipientPerDay < 1) {
      throw new IllegalArgumentException(
          "invites per recipient per day must be at least 1, was " + invitesPerRecipientPerDay);
    }
    if (reminderBeforeExpiry != null) {
      requirePositive(reminderBeforeExpiry, "reminder before expiry");
    }
  }

  /**
   * This policy, refused with an {@link IllegalArgumentException} naming the setting if its link lifetime is over
   * {@link #MAX_LINK_LIFETIME} or its reminder lead over {@link #MAX_REMINDER_BEFORE_EXPIRY}. The builder and every
   * {@code with…} method check it, and so does {@code updatePolicy}. The constructor does not: a store reads back
   * whatever an earlier release let an admin save, and Invitekit uses such a policy's values capped at these bounds.
   */
  private InvitePolicy bounded() {
    if (linkLifetime.compareTo(MAX_LINK_LIFETIME) > 0) {
      throw new IllegalArgumentException("link lifetime must be at most 365 days (A2), was " + linkLifetime);
    }
    if (reminderBeforeExpiry != null && reminderBeforeExpiry.compareTo(MAX_REMINDER_BEFORE_EXPIRY) > 0) {
      throw new IllegalArgumentException(
          "reminder before expiry must be at most 30 days, the longest an invitation lives (I11), was "
              + reminderBeforeExpiry);
    }
    return this;
  }

  /** The link lifetime in effect: {@link #linkLifetime}, at most {@link #MAX_LINK_LIFETIME} (L1). */
  public Duration linkLifetimeInEffect() {
    return linkLifetime.compareTo(MAX_LINK_LIFETIME) > 0 ? MAX_LINK_LIFETIME : linkLifetime;
  }

  /**
   * The reminder lead in effect: {@link #reminderBeforeExpiry}, at most {@link #MAX_REMINDER_BEFORE_EXPIRY}, or
   * null for no reminder (I11).
   */
  public @Nullable Duration reminderBeforeExpiryInEffect() {
    Duration lead = reminderBeforeExpiry;
    return lead != null && lead.compareTo(MAX_REMINDER_BEFORE_EXPIRY) > 0 ? MAX_REMINDER_BEFORE_EXPIRY : lead;
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }

  /** The defaults of A2. */
  public static InvitePolicy defaults() {
    return new InvitePolicy(
        CoworkerInviters.ADMINS_AND_COWORKERS,
        GuestInviters.EVERYONE,
        GuestDomains.any(),
        true,
        false,
        false,
        Duration.ofDays(7),
        Duration.ofDays(30),
        null,
        100,
        1000,
        3,
        3,
        true,
        null);
  }

  /**
   * A builder starting from {@link #defaults()}: set what differs, then {@link Builder#build()}, which
   * validates every value at once (A2).
   */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding this policy's values, to change some of them (A2). */
  public Builder toBuilder() {
    return new Builder()
        .coworkerInviters(coworkerInviters)
        .guestInviters(guestInviters)
        .guestDomains(guestDomains)
        .linksEnabled(linksEnabled)
        .linksAdmitGuests(linksAdmitGuests)
        .linkApprovalRequired(linkApprovalRequired)
        .invitationLifetime(invitationLifetime)
        .linkLifetime(linkLifetime)
        .linkUseLimit(linkUseLimit)
        .invitesPerInviterPerHour(invitesPerInviterPerHour)
        .invitesPerAccountPerDay(invitesPerAccountPerDay)
        .resendsPerInvitationPerDay(resendsPerInvitationPerDay)
        .invitesPerRecipientPerDay(invitesPerRecipientPerDay)
        .notifyInviter(notifyInviter)
        .reminderBeforeExpiry(reminderBeforeExpiry);
  }

  /** With who may invite co-workers. */
  public InvitePolicy withCoworkerInviters(CoworkerInviters value) {
    return toBuilder().coworkerInviters(value).build();
  }

  /** With who may invite guests. */
  public InvitePolicy withGuestInviters(GuestInviters value) {
    return toBuilder().guestInviters(value).build();
  }

  /** With which outside domains guests may come from. */
  public InvitePolicy withGuestDomains(GuestDomains value) {
    return toBuilder().guestDomains(value).build();
  }

  /** With invite links on or off. */
  public InvitePolicy withLinksEnabled(boolean value) {
    return toBuilder().linksEnabled(value).build();
  }

  /** With links admitting guests or not (U5). */
  public InvitePolicy withLinksAdmitGuests(boolean value) {
    return toBuilder().linksAdmitGuests(value).build();
  }

  /** With admin approval for people joining by link on or off (L1). */
  public InvitePolicy withLinkApprovalRequired(boolean value) {
    return toBuilder().linkApprovalRequired(value).build();
  }

  /** With the invitation lifetime (at most 30 days). */
  public InvitePolicy withInvitationLifetime(Duration value) {
    return toBuilder().invitationLifetime(value).build();
  }

  /** With the link lifetime and use limit (null for no limit). */
  public InvitePolicy withLinkLimits(Duration lifetime, @Nullable Integer useLimit) {
    return toBuilder().linkLifetime(lifetime).linkUseLimit(useLimit).build();
  }

  /** With the rate limits. */
  public InvitePolicy withRateLimits(int perInviterPerHour, int perAccountPerDay, int resendsPerDay) {
    return toBuilder().invitesPerInviterPerHour(perInviterPerHour)
        .invitesPerAccountPerDay(perAccountPerDay).resendsPerInvitationPerDay(resendsPerDay).build();
  }

  /**
   * With the daily limit of new invitations to one address, and of mails an invite link sends to one
   * address (A2, L3).
   *
   * @throws IllegalArgumentException if below 1
   */
  public InvitePolicy withInvitesPerRecipientPerDay(int value) {
    return toBuilder().invitesPerRecipientPerDay(value).build();
  }

  /** With the inviter's notices on or off, and the reminder before expiry (null for none). */
  public InvitePolicy withNotices(boolean notify, @Nullable Duration reminder) {
    return toBuilder().notifyInviter(notify).reminderBeforeExpiry(reminder).build();
  }

  /**
   * Builds an {@link InvitePolicy}; each setter replaces one value and {@link #build()} validates them all
   * through the canonical constructor, with a message that names the first bad one (A2).
   */
  public static final class Builder {
    private @Nullable CoworkerInviters coworkerInviters;
    private @Nullable GuestInviters guestInviters;
    private @Nullable GuestDomains guestDomains;
    private boolean linksEnabled;
    private boolean linksAdmitGuests;
    private boolean linkApprovalRequired;
    private @Nullable Duration invitationLifetime;
    private @Nullable Duration linkLifetime;
    private @Nullable Integer linkUseLimit;
    private int invitesPerInviterPerHour;
    private int invitesPerAccountPerDay;
    private int resendsPerInvitationPerDay;
    private int invitesPerRecipientPerDay;
    private boolean notifyInviter;
    private @Nullable Duration reminderBeforeExpiry;

    private Builder() {}

    /** Sets who may invite co-workers. */
    public Builder coworkerInviters(CoworkerInviters coworkerInviters) {
      this.coworkerInviters = coworkerInviters;
      return this;
    }

    /** Sets who may invite guests. */
    public Builder guestInviters(GuestInviters guestInviters) {
      this.guestInviters = guestInviters;
      return this;
    }

    /** Sets which outside domains guests may come from. */
    public Builder guestDomains(GuestDomains guestDomains) {
      this.guestDomains = guestDomains;
      return this;
    }

    /** Sets whether invite links work. */
    public Builder linksEnabled(boolean linksEnabled) {
      this.linksEnabled = linksEnabled;
      return this;
    }

    /** Sets whether a link may admit non-company addresses (U5). */
    public Builder linksAdmitGuests(boolean linksAdmitGuests) {
      this.linksAdmitGuests = linksAdmitGuests;
      return this;
    }

    /** Sets whether an admin must approve people joining by link (L1). */
    public Builder linkApprovalRequired(boolean linkApprovalRequired) {
      this.linkApprovalRequired = linkApprovalRequired;
      return this;
    }

    /** Sets how long an emailed invitation stays valid (at most 30 days). */
    public Builder invitationLifetime(Duration invitationLifetime) {
      this.invitationLifetime = invitationLifetime;
      return this;
    }

    /** Sets how long an invite link stays valid. */
    public Builder linkLifetime(Duration linkLifetime) {
      this.linkLifetime = linkLifetime;
      return this;
    }

    /** Sets how many people may redeem one link, or null for no limit. */
    public Builder linkUseLimit(@Nullable Integer linkUseLimit) {
      this.linkUseLimit = linkUseLimit;
      return this;
    }

    /** Sets invitations one member may send in an hour. */
    public Builder invitesPerInviterPerHour(int invitesPerInviterPerHour) {
      this.invitesPerInviterPerHour = invitesPerInviterPerHour;
      return this;
    }

    /** Sets invitations the account may send in a day. */
    public Builder invitesPerAccountPerDay(int invitesPerAccountPerDay) {
      this.invitesPerAccountPerDay = invitesPerAccountPerDay;
      return this;
    }

    /** Sets re-sends of one invitation in a day (I7). */
    public Builder resendsPerInvitationPerDay(int resendsPerInvitationPerDay) {
      this.resendsPerInvitationPerDay = resendsPerInvitationPerDay;
      return this;
    }

    /** Sets new invitations to one address in a day, and (counted apart) link mails to one address in a day. */
    public Builder invitesPerRecipientPerDay(int invitesPerRecipientPerDay) {
      this.invitesPerRecipientPerDay = invitesPerRecipientPerDay;
      return this;
    }

    /** Sets whether the inviter is told of acceptances, declines and expiries (I11). */
    public Builder notifyInviter(boolean notifyInviter) {
      this.notifyInviter = notifyInviter;
      return this;
    }

    /** Sets when to remind the invitee before expiry, or null for no reminder (I11). */
    public Builder reminderBeforeExpiry(@Nullable Duration reminderBeforeExpiry) {
      this.reminderBeforeExpiry = reminderBeforeExpiry;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalArgumentException naming the first value out of its range (A2)
     * @throws NullPointerException naming the first required value that was set to null
     */
    public InvitePolicy build() {
      return new InvitePolicy(Objects.requireNonNull(coworkerInviters, "coworkerInviters"),
          Objects.requireNonNull(guestInviters, "guestInviters"),
          Objects.requireNonNull(guestDomains, "guestDomains"),
          linksEnabled,
          linksAdmitGuests,
          linkApprovalRequired,
          Objects.requireNonNull(invitationLifetime, "invitationLifetime"),
          Objects.requireNonNull(linkLifetime, "linkLifetime"),
          linkUseLimit,
          invitesPerInviterPerHour,
          invitesPerAccountPerDay,
          resendsPerInvitationPerDay,
          invitesPerRecipientPerDay,
          notifyInviter,
          reminderBeforeExpiry).bounded();
    }
  }
}
