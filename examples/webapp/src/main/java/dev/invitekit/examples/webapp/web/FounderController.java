package dev.invitekit.examples.webapp.web;

import dev.invitekit.secret.Password;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.examples.webapp.kit.JoinService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
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
 * The founder's sign-up (a new account, A1, A3) and the confirmation of the founder's address, which asks
 * for the password chosen at sign-up, so that a mail scanner following the link confirms nothing (A3).
 */
@Controller
public class FounderController {

  private final JoinService join;

  public FounderController(JoinService join) {
    this.join = join;
  }

  /** The founder's form: the account's fields and the sign-up's; the passwords never go back to the browser. */
  public static final class FounderForm extends InvitationController.SignupForm {
    private String accountName = "";
    private String domain = "";
    private String email = "";

    public String getAccountName() { return accountName; }
    public void setAccountName(String value) { accountName = value == null ? "" : value; }
    public String getDomain() { return domain; }
    public void setDomain(String value) { domain = value == null ? "" : value; }
    public String getEmail() { return email; }
    public void setEmail(String value) { email = value == null ? "" : value; }

    @Override
    public String toString() {
      return "FounderForm[accountName=" + accountName + ", email=" + email + ", password=***]";
    }
  }

  @GetMapping("/sign-up")
  String form(Model model) {
    model.addAttribute("form", new FounderForm());
    model.addAttribute("errors", FormErrors.none());
    return "founder-sign-up";
  }

  @PostMapping("/sign-up")
  String create(@ModelAttribute("form") FounderForm form, HttpServletResponse response, Model model,
      RedirectAttributes redirect) {
    BirthDateInput birth = BirthDateInput.of(form.getBirthDay(), form.getBirthMonth(), form.getBirthYear());
    LocalDate birthDate = birth.date();
    boolean unreadableDate = birth.unreadable();
    List<String> domains = form.getDomain().isBlank() ? List.of() : List.of(form.getDomain().strip());
    AccountCreation creation = join.createAccount(new NewAccount(form.getAccountName(), Plan.PRO, domains, 0,
        Locale.US, form.getEmail().strip(), form.getFirstName(), form.getLastName(), birthDate, Password.of(form.getPassword()),
        Password.of(form.getPasswordConfirmation())));
    if (creation instanceof AccountCreation.ConfirmationSent sent) {
      redirect.addFlashAttribute("sentTo", sent.founderEmail().toString());
      return "redirect:/sign-up/sent";
    }
    FormErrors errors = creation instanceof AccountCreation.Rejected rejected ? FormErrors.of(rejected.problems())
        : FormErrors.none().add(FormErrors.FORM, ((AccountCreation.RateLimited) creation).message());
    if (unreadableDate) {
      errors.replace("birthDate", BirthDateInput.UNREADABLE);
    }
    form.setPassword("");
    form.setPasswordConfirmation("");
    model.addAttribute("errors", errors);
    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    return "founder-sign-up";
  }

  @GetMapping("/sign-up/sent")
  String sent(Model model) {
    return model.containsAttribute("sentTo") ? "founder-sent" : "redirect:/sign-up";
  }

  @GetMapping("/confirm-founder/{token}")
  String confirmForm(@PathVariable String token, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("errors", FormErrors.none());
    return "founder-confirm";
  }

  @PostMapping("/confirm-founder/{token}")
  String confirm(@PathVariable String token, @RequestParam(defaultValue = "") String password,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    model.addAttribute("token", token);
    FounderConfirmation result = join.confirmFounder(token, password, request.getRemoteAddr());
    if (result instanceof FounderConfirmation.Confirmed) {
      return "redirect:/sign-in?confirmed";
    }
    if (result instanceof FounderConfirmation.WrongPassword wrong) {
      model.addAttribute("errors", FormErrors.none().add("password", wrong.message()));
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return "founder-confirm";
    }
    FounderConfirmation.Status status = ((FounderConfirmation.Unusable) result).status();
    String title = switch (status) {
      case UNKNOWN -> "This confirmation link is not valid";
      case EXPIRED -> "This confirmation link has expired";
      case ALREADY_USED -> "This address is already confirmed";
      case TOO_MANY_ATTEMPTS -> "Too many links were tried";
    };
    HttpStatus http = switch (status) {
      case UNKNOWN -> HttpStatus.NOT_FOUND;
      case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
      default -> HttpStatus.GONE;
    };
    return TokenPages.problem(model, response, title, status.whatToDo(), http);
  }
}
