package dev.invitekit.examples.webapp.kit;

import dev.invitekit.secret.Token;
import dev.invitekit.secret.Password;
import dev.invitekit.Invitekit;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.link.Redemption;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import org.springframework.stereotype.Service;

/**
 * A visitor's calls to the kit, each with the token from the page's path and the client's address as the
 * key for Invitekit's unknown-token limits (A2): the invitation preview and sign-up (S1–S6), the link
 * redemption (L3), the founder's sign-up and confirmation (A3). Tokens are passed on, never logged.
 */
@Service
public class JoinService {

  private final Invitekit kit;

  public JoinService(Invitekit kit) {
    this.kit = kit;
  }

  public PreviewResult preview(String token, String clientKey) {
    return kit.signup().preview(Token.of(token), clientKey);
  }

  public SignupResult createAccount(SignupRequest request, String clientKey) {
    return kit.signup().createAccount(request, clientKey);
  }

  public Redemption redeemLink(String linkToken, String email, String clientKey) {
    return kit.links().redeem(Token.of(linkToken), email, clientKey);
  }

  public AccountCreation createAccount(NewAccount request) {
    return kit.accounts().create(request);
  }

  /**
   * Confirms a founder's address with the password they chose (A3); on success fetches the account's
   * invite link once, so that it exists before any page shows it (L1).
   */
  public FounderConfirmation confirmFounder(String token, String password, String clientKey) {
    FounderConfirmation result = kit.accounts().confirmFounder(Token.of(token), Password.of(password), clientKey);
    if (result instanceof FounderConfirmation.Confirmed confirmed) {
      kit.links().current(confirmed.founder().id(), confirmed.account().id());
    }
    return result;
  }
}
