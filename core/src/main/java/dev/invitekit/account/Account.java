package dev.invitekit.account;

import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A company account (A1): its name, plan, company email domains, purchased Pro+ seats and invite policy.
 *
 * @param id the account's id
 * @param name the company's name as shown in invitations
 * @param plan {@code PRO} or {@code PRO_PLUS}
 * @param companyDomains lower-case IDNA ASCII domains whose addresses are co-workers (U3); at least one
 * @param proPlusSeats purchased Pro+ seats; 0 unless the plan is {@code PRO_PLUS} (P1)
 * @param policy who may invite whom, and how (A2)
 * @param locale the default language of the account's mail (I6)
 * @param createdAt when the account was created
 */
public record Account(
    AccountId id,
    String name,
    Plan plan,
    List<String> companyDomains,
    int proPlusSeats,
    InvitePolicy policy,
    Locale locale,
    Instant createdAt) {

  /** Validates the invariants of A1. */
  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
    companyDomains = List.copyOf(companyDomains);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(createdAt, "createdAt");
    if (companyDomains.isEmpty()) {
      throw new IllegalArgumentException("an account needs at least one company domain (A1)");
    }
    if (proPlusSeats < 0) {
      throw new IllegalArgumentException("Pro+ seats must not be negative, was " + proPlusSeats);
    }
    if (plan != Plan.PRO_PLUS && proPlusSeats != 0) {
      throw new IllegalArgumentException("only PRO_PLUS accounts have Pro+ seats (P1), plan was " + plan);
    }
  }

  /** Whether the address belongs to one of the company domains (U3); domains compare in IDNA form. */
  public boolean isCompanyAddress(EmailAddress address) {
    return companyDomains.contains(address.domain());
  }

  /** This account with another policy. */
  public Account withPolicy(InvitePolicy newPolicy) {
    return new Account(id, name, plan, companyDomains, proPlusSeats, newPolicy, locale, createdAt);
  }
}
