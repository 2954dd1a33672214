package dev.invitekit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.SignInResult;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Issue 8 ("make the suites find this kind of thing"): generators for the Unicode classes the first
 * hostile-input suite missed: IDNA deviation characters in domains (8.8), unpaired surrogates in passwords
 * and names (8.11), and invisible and bidi characters in every name field, display names in pasted lists
 * included (8.13). Each property fails on the code before those fixes; they use only API that existed
 * then, so that stays checkable.
 */
@DisplayName("Issue 8: generated IDNA deviations, unpaired surrogates, invisible and bidi characters")
class HostileUnicodeTest {
  static final int EXAMPLES = 200;

  /** The four UTS #46 deviation characters: ß, final sigma, ZWJ, ZWNJ. */
  static final String[] DEVIATIONS = {"\u00df", "\u03c2", "\u200d", "\u200c"};
  /** Bidi overrides, embeddings, isolates and marks. */
  static final String[] BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
      "\u2069", "\u200e", "\u200f", "\u061c"};
  /** Characters that show as nothing. */
  static final String[] INVISIBLE = {"\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u200b", "\u2060",
      "\u034f", "\u00ad", "\u180e", " ", "\u00a0", "\u3000", "\ufe0f"};
  static final String[] SURROGATES = {"\ud800", "\udbff", "\udc00", "\udfff"};
  static final String[] LETTERS = {"a", "n", "s", "e", "t", "r", "o", "\u03b1", "\u03b2", "\u0915", "\u094d",
      "\u0937", "\u00fc", "-"};

  static Gen<String> from(String[]... pools) {
    String[] all = java.util.Arrays.stream(pools).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    return lists().of(integers().between(0, all.length - 1)).ofSizeBetween(1, 12)
        .map(picks -> picks.stream().map(i -> all[i]).collect(Collectors.joining()));
  }

  /** A domain label mixing letters with deviation characters, at least one of them. */
  static Gen<String> deviantLabel() {
    return from(LETTERS, DEVIATIONS).zip(integers().between(0, DEVIATIONS.length - 1),
        (label, d) -> label + DEVIATIONS[d] + "x");
  }

  /** Text with at least one bidi control, between letters and invisibles. */
  static Gen<String> bidiText() {
    return from(LETTERS, BIDI, INVISIBLE).zip(integers().between(0, BIDI.length - 1),
        (s, b) -> "Ann" + BIDI[b] + s);
  }

  /** Text made only of invisible characters. */
  static Gen<String> invisibleText() {
    return from(INVISIBLE);
  }

  /** One to four unpaired surrogates, kept apart by a letter so that no two of them form a pair. */
  static Gen<String> loneSurrogates() {
    return lists().of(integers().between(0, SURROGATES.length - 1)).ofSizeBetween(1, 4)
        .map(picks -> picks.stream().map(i -> SURROGATES[i]).collect(Collectors.joining("x")));
  }

  /** A strong passphrase with unpaired surrogates in it. */
  static Gen<String> passwordWithLoneSurrogates() {
    return loneSurrogates().zip(integers().between(0, 20), (lone, at) -> {
      String base = "quiet harbor lantern 47 kiwis";
      return base.substring(0, at) + lone + base.substring(at);
    });
  }

  static boolean hasBidi(String s) {
    return java.util.Arrays.stream(BIDI).anyMatch(s::contains);
  }

  static boolean allInvisible(String s) {
    return s.codePoints().allMatch(cp -> java.util.Arrays.stream(INVISIBLE).anyMatch(i -> i.codePointAt(0) == cp)
        || Character.getType(cp) == Character.FORMAT || Character.isWhitespace(cp));
  }

  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  static final LocalDate ADULT = LocalDate.of(1990, 5, 17);

  private RecordingMailbox mailbox;
  private Invitekit kit;
  private AccountId acme;
  private UserId ada;
  private int serial;

  @BeforeEach
  void world() {
    mailbox = new RecordingMailbox();
    kit = Invitekit.builder().store(new InMemoryStore()).mail(mailbox).baseUrl(URI.create("https://app.example.com"))
        .clock(Clock.fixed(Instant.parse("2025-03-10T09:00:00Z"), ZoneOffset.UTC))
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        .tokenAttemptLimits(1_000_000, 1_000_000, java.time.Duration.ofHours(1)).build();
    FounderConfirmation.Confirmed created = AuthorizationPropertyKit.founded(kit, mailbox, new NewAccount("Acme",
        Plan.PRO, List.of("acme.com"), 0, Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", ADULT, Password.of(PASSWORD), Password.of(PASSWORD)));
    mailbox.clear();
    acme = created.account().id();
    ada = created.founder().id();
    kit.accounts().updatePolicy(ada, acme, created.account().policy().withRateLimits(1_000_000, 1_000_000, 1000)
        .withInvitesPerRecipientPerDay(1_000_000));
  }

  private String freshAddress() {
    return "u" + (serial++) + "@acme.com";
  }

  private String token(String address) {
    kit.invitations().inviteByEmail(ada, acme, address);
    return RecordingMailbox.tokenOf(mailbox.lastLink(address).orElseThrow());
  }

  @Test
  @DisplayName("U3 (8.8): a domain with a deviation character is refused or keeps its own label: never the "
      + "IDNA2003 mapping (ß→ss, ς→σ, joiners dropped)")
  void deviationCharactersNeverMapToAnotherDomain_U3_issue8_8() {
    qt().withExamples(EXAMPLES * 5).forAll(deviantLabel()).checkAssert(label -> {
      AddressCheck typed = EmailAddress.check("ann@" + label + ".de");
      if (typed instanceof AddressCheck.Valid valid) {
        String idna2003 = label.replace("\u00df", "ss").replace("\u03c2", "\u03c3").replace("\u200d", "")
            .replace("\u200c", "");
        if (EmailAddress.check("ann@" + idna2003 + ".de") instanceof AddressCheck.Valid mapped) {
          assertThat(valid.address().domain()).as("%s", label).isNotEqualTo(mapped.address().domain());
        }
      }
    });
  }

  @Test
  @DisplayName("S4 (8.11): a password with unpaired surrogates never signs anyone up, and never signs in for "
      + "the same text with '?' in their place")
  void loneSurrogatesNeverCollapse_S4_issue8_11() {
    qt().withExamples(EXAMPLES).forAll(passwordWithLoneSurrogates()).checkAssert(password -> {
      String address = freshAddress();
      SignupResult result = kit.signup().createAccount(new SignupRequest(Token.of(token(address)), ADULT, "Bob", "Stone",
          Password.of(password), Password.of(password)));
      assertThat(result).as("%s", password.codePoints().mapToObj(Integer::toHexString).toList())
          .isNotInstanceOf(SignupResult.Joined.class);
      String question = password.codePoints()
          .map(cp -> Character.isSurrogate((char) cp) && cp <= 0xFFFF ? '?' : cp)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      String other = freshAddress();
      if (kit.signup().createAccount(new SignupRequest(Token.of(token(other)), ADULT, "Bob", "Stone", Password.of(question), Password.of(question)))
          instanceof SignupResult.Joined) {
        assertThat(kit.users().signIn(other, Password.of(password))).isInstanceOf(SignInResult.Refused.class);
      }
    });
  }

  @Test
  @DisplayName("S3 (8.11): first and last names with unpaired surrogates never sign anyone up")
  void loneSurrogatesInNamesAreRefused_S3_issue8_11() {
    qt().withExamples(EXAMPLES).forAll(from(LETTERS), loneSurrogates())
        .checkAssert((name, lone) -> {
          SignupResult result = kit.signup().createAccount(new SignupRequest(Token.of(token(freshAddress())), ADULT,
              "Bo" + lone + name, "Stone", Password.of(PASSWORD), Password.of(PASSWORD)));
          assertThat(result).isNotInstanceOf(SignupResult.Joined.class);
        });
  }

  @Test
  @DisplayName("S3 (8.13): bidi controls in a pasted display name reach neither the To header nor the mail")
  void bidiInDisplayNamesNeverReachesMail_S3_issue8_13() {
    qt().withExamples(EXAMPLES).forAll(bidiText()).checkAssert(name -> {
      String address = freshAddress();
      kit.invitations().inviteByEmail(ada, acme, "\"" + name.replace("\"", "") + "\" <" + address + ">");
      for (MailMessage m : mailbox.to(address)) {
        assertThat(m.toName() == null || !hasBidi(m.toName())).as("toName %s", m.toName()).isTrue();
        assertThat(hasBidi(m.text()) || hasBidi(m.html()) || hasBidi(m.subject())).isFalse();
      }
    });
  }

  @Test
  @DisplayName("S3 (8.13): invisible display names never reach the To header; invisible first, last, founder "
      + "and account names are refused")
  void invisibleNamesAreRefusedEverywhere_S3_issue8_13() {
    qt().withExamples(EXAMPLES).forAll(invisibleText(), bidiText()).checkAssert((invisible, bidi) -> {
      String address = freshAddress();
      kit.invitations().inviteByEmail(ada, acme, "\"" + invisible + "\" <" + address + ">");
      for (MailMessage m : mailbox.to(address)) {
        assertThat(m.toName() == null || !allInvisible(m.toName())).as("toName %s", m.toName()).isTrue();
      }
      SignupResult signup = kit.signup().createAccount(new SignupRequest(Token.of(token(freshAddress())), ADULT, invisible,
          bidi, Password.of(PASSWORD), Password.of(PASSWORD)));
      assertThat(signup).isNotInstanceOf(SignupResult.Joined.class);
      String domain = "d" + (serial++) + ".example";
      AccountCreation founding = kit.accounts().create(new NewAccount(invisible, Plan.PRO, List.of(domain), 0,
          Locale.ENGLISH, "f@" + domain, bidi, invisible, ADULT, Password.of(PASSWORD), Password.of(PASSWORD)));
      assertThat(founding).isInstanceOf(AccountCreation.Rejected.class);
    });
  }
}
