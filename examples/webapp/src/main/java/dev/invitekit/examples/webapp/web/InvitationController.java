package dev.invitekit.examples.webapp.web;

import dev.invitekit.secret.Token;
import dev.invitekit.secret.Password;
import dev.invitekit.examples.webapp.kit.JoinService;
import dev.invitekit.examples.webapp.kit.TeamService;
import dev.invitekit.link.Redemption;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The token pages of an invitation ({@code invitekit.paths.invitation}, S1–S6) and of the invite link
 * ({@code invitekit.paths.link}, L3). The token is in the path, never in a query string or a log line; a GET
 * shows a form and changes nothing, the POST acts.
 */
@Controller
public class InvitationController {

  private final JoinService join;

  public InvitationController(JoinService join) {
    this.join = join;
  }

  /**
   * The sign-up form's fields, which the founder's form shares; the password fields are never sent back to
   * the browser.
   */
  public static class SignupForm {
    private String birthDay = "";
    private String birthMonth = "";
    private String birthYear = "";
    private String firstName = "";
    private String lastName = "";
    private String password = "";
    private String passwordConfirmation = "";

    public String getBirthDay() { return birthDay; }
    public void setBirthDay(String value) { birthDay = value == null ? "" : value; }
    public String getBirthMonth() { return birthMonth; }
    public void setBirthMonth(String value) { birthMonth = value == null ? "" : value; }
    public String getBirthYear() { return birthYear; }
    public void setBirthYear(String value) { birthYear = value == null ? "" : value; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String value) { firstName = value == null ? "" : value; }
    public String getLastName() { return lastName; }
    public void setLastName(String value) { lastName = value == null ? "" : value; }
    public String getPassword() { return password; }
    public void setPassword(String value) { password = value == null ? "" : value; }
    public String getPasswordConfirmation() { return passwordConfirmation; }
    public void setPasswordConfirmation(String value) { passwordConfirmation = value == null ? "" : value; }

    @Override
    public String toString() {
      return "SignupForm[firstName=" + firstName + ", lastName=" + lastName + ", password=***]";
    }
  }

  @GetMapping("/invitations/{token}")
  String invitation(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    PreviewResult preview = join.preview(token, request.getRemoteAddr());
    if (preview instanceof PreviewResult.Valid valid) {
      return form(model, token, valid.preview(), new SignupForm(), FormErrors.none());
    }
    return unusable(preview, model, response);
  }

  @PostMapping("/invitations/{token}")
  String signUp(@PathVariable String token, @ModelAttribute("form") SignupForm form, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes redirect) {
    BirthDateInput birth = BirthDateInput.of(form.getBirthDay(), form.getBirthMonth(), form.getBirthYear());
    LocalDate birthDate = birth.date();
    boolean unreadableDate = birth.unreadable();
    SignupResult result = join.createAccount(new SignupRequest(Token.of(token), birthDate, form.getFirstName(),
        form.getLastName(), Password.of(form.getPassword()), Password.of(form.getPasswordConfirmation())), request.getRemoteAddr());
    if (result instanceof SignupResult.Joined joined) {
      redirect.addFlashAttribute("welcomeName", joined.user().firstName());
      redirect.addFlashAttribute("welcomeEmail", joined.user().email().toString());
      return "redirect:/welcome";
    }
    if (result instanceof SignupResult.Invalid invalid) {
      FormErrors errors = FormErrors.of(invalid.problems());
      if (unreadableDate) {
        errors.replace("birthDate", BirthDateInput.UNREADABLE);
      }
      PreviewResult preview = join.preview(token, request.getRemoteAddr());
      if (preview instanceof PreviewResult.Valid valid) {
        form.setPassword("");
        form.setPasswordConfirmation("");
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form(model, token, valid.preview(), form, errors);
      }
      return unusable(preview, model, response);
    }
    if (result instanceof SignupResult.Unusable unusable) {
      return TokenPages.invitation(model, response, unusable.status());
    }
    SignupResult.NotAllowed notAllowed = (SignupResult.NotAllowed) result;
    model.addAttribute("admins", TeamService.whomToAsk(notAllowed.refusal()));
    return TokenPages.problem(model, response, "You cannot join this account",
        notAllowed.refusal().message(), HttpStatus.FORBIDDEN);
  }

  private static String form(Model model, String token, InvitationPreview preview, SignupForm form,
      FormErrors errors) {
    model.addAttribute("token", token);
    model.addAttribute("preview", preview);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "invitation";
  }

  private static String unusable(PreviewResult preview, Model model, HttpServletResponse response) {
    if (preview instanceof PreviewResult.Unusable unusable) {
      return TokenPages.invitation(model, response, unusable.status());
    }
    PreviewResult.NotAllowed notAllowed = (PreviewResult.NotAllowed) preview;
    model.addAttribute("admins", TeamService.whomToAsk(notAllowed.refusal()));
    return TokenPages.problem(model, response, "You cannot join this account", notAllowed.refusal().message(),
        HttpStatus.FORBIDDEN);
  }

  @GetMapping("/welcome")
  String welcome(Model model) {
    return model.containsAttribute("welcomeName") ? "welcome" : "redirect:/sign-in";
  }

  /** The invite link's page: asks for the visitor's address; the POST mails them an invitation (L3). */
  @GetMapping("/join/{token}")
  String link(@PathVariable String token, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("email", "");
    model.addAttribute("errors", FormErrors.none());
    return "join";
  }

  @PostMapping("/join/{token}")
  String redeem(@PathVariable String token, @RequestParam(defaultValue = "") String email,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    model.addAttribute("token", token);
    Redemption redemption = join.redeemLink(token, email.strip(), request.getRemoteAddr());
    if (redemption instanceof Redemption.CheckYourEmail check) {
      model.addAttribute("message", check.message());
      return "join-sent";
    }
    Redemption.Refused refused = (Redemption.Refused) redemption;
    if (refused.reason() == Redemption.Reason.INVALID_ADDRESS
        || refused.reason() == Redemption.Reason.NOT_A_COMPANY_ADDRESS) {
      model.addAttribute("email", email);
      model.addAttribute("errors", FormErrors.none().add("email", refused.message()));
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return "join";
    }
    String title = switch (refused.reason()) {
      case UNKNOWN_LINK -> "This invite link is not valid";
      case LINK_EXPIRED -> "This invite link no longer works";
      case USE_LIMIT_REACHED -> "This invite link has been used up";
      default -> "Too many links were tried";
    };
    HttpStatus status = refused.reason() == Redemption.Reason.UNKNOWN_LINK ? HttpStatus.NOT_FOUND
        : refused.reason() == Redemption.Reason.TOO_MANY_ATTEMPTS ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.GONE;
    return TokenPages.problem(model, response, title, refused.message(), status);
  }
}
