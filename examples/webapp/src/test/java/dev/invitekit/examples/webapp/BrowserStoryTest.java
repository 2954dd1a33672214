package dev.invitekit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.examples.webapp.kit.DemoData;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole story in a real browser (issue 10, part 3), one step per test, in order: the admin invites by
 * email with a typo in the list and shares the link (I3, I4, L1, L2); the invitee opens the mail in the dev
 * inbox and signs up, with mistakes first (S3) and then correctly (S6); a visitor joins through the link
 * (L3); the admin assigns Pro+ until the seats run out (P1, P2); a member without permission is refused and
 * sees whom to ask (U6); a second browser session tries stale links (S1); the invite menu works with the
 * keyboard alone. Every page gets a screenshot and an axe-core check (no serious or critical violation).
 *
 * <p>The app runs in-process on a free port picked at random before the context starts, so that
 * {@code invitekit.base-url}, from which the mailed links are built, names that same port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = "invitekit.password.hashing.insecure-fast-for-tests-only=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserStoryTest {

  private static final int PORT = freePort();
  private static final String BASE = "http://localhost:" + PORT;
  private static final String BOB_PASSWORD = "lantern-pebble-orchard-6120";
  private static final String VERA_PASSWORD = "thistle-canyon-marble-7305";

  private Browser browser;
  private String bobInvitationUrl;
  private String firstLinkUrl;

  @DynamicPropertySource
  static void port(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("invitekit.base-url", () -> BASE);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  void startBrowser() {
    Browser.requireChromium();
    browser = new Browser();
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private void signIn(DemoData.DemoUser user) {
    signIn(user.email(), user.password());
  }

  private void signIn(String email, String password) {
    browser.open(BASE + "/sign-in");
    browser.type(By.id("email"), email);
    browser.type(By.id("password"), password);
    browser.submit(By.cssSelector("main button[type=submit]"));
  }

  private void signOut() {
    browser.submit(By.xpath("//button[normalize-space()='Sign out']"));
    browser.find(By.id("email"));
  }

  private void openMenu() {
    WebElement summary = browser.find(By.cssSelector("details.new-actions > summary"));
    if (browser.driver.findElement(By.cssSelector("details.new-actions")).getAttribute("open") == null) {
      summary.click();
    }
    browser.find(By.id("invite-heading"));
  }

  @Test
  @Order(1)
  void adminSignsIn_S5() {
    browser.open(BASE + "/sign-in");
    browser.check("sign-in");
    browser.type(By.id("email"), DemoData.ADMIN.email());
    browser.type(By.id("password"), "a-wrong-password-for-sure");
    browser.submit(By.cssSelector("main button[type=submit]"));
    assertThat(browser.find(By.id("sign-in-error")).getText()).contains("do not match");
    assertThat(browser.find(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
    browser.check("sign-in-refused");
    signIn(DemoData.ADMIN);
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Acme");
    browser.check("home-admin");
  }

  @Test
  @Order(2)
  void adminInvitesByEmailWithATypoInTheList_I3_I4() {
    openMenu();
    browser.check("invite-menu-open");
    browser.type(By.id("addresses"), "bob@acme.com; ann@@acme.com, cleo@example.org");
    browser.submit(By.xpath("//button[normalize-space()='Invite']"));
    WebElement outcomes = browser.find(By.cssSelector("#invite-status .outcomes"));
    List<WebElement> rows = outcomes.findElements(By.tagName("li"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).getText()).contains("bob@acme.com").contains("Invited as coworker");
    assertThat(rows.get(1).getText()).contains("ann@@acme.com").contains("Not a valid address");
    assertThat(rows.get(2).getText()).contains("cleo@example.org").contains("Invited as guest");
    assertThat(browser.find(By.id("addresses")).getAttribute("value")).isEqualTo("ann@@acme.com");
    browser.check("invite-outcomes-with-typo");

    browser.type(By.id("addresses"), "ann@acme.com");
    browser.submit(By.xpath("//button[normalize-space()='Invite']"));
    assertThat(browser.find(By.cssSelector("#invite-status .outcomes li")).getText())
        .contains("ann@acme.com").contains("Invited as coworker");
    browser.check("invite-typo-fixed");
  }

  @Test
  @Order(3)
  void adminSharesTheLinkWithCopyAndMailto_L1_L2() {
    browser.open(BASE + "/");
    openMenu();
    WebElement link = browser.find(By.id("invite-link"));
    firstLinkUrl = link.getAttribute("value");
    assertThat(firstLinkUrl).startsWith(BASE + "/join/");
    WebElement copy = browser.find(By.xpath("//button[normalize-space()='Copy']")); // shown by app.js
    copy.click();
    String copyStatus = browser.until(d -> {
      String status = d.findElement(By.id("copy-status")).getText();
      return status.isEmpty() ? null : status;
    });
    assertThat(copyStatus).isEqualTo("Link copied"); // the Clipboard API took the link
    String mailto = browser.find(By.id("share-mailto")).getAttribute("href");
    assertThat(mailto).startsWith("mailto:").contains(firstLinkUrl.substring(firstLinkUrl.lastIndexOf('/') + 1));
    browser.check("share-link");
    signOut();
  }

  @Test
  @Order(4)
  void inviteeSignsUpFromTheDevInboxWithMistakesFirst_S3_S6() {
    browser.open(BASE + "/dev/inbox");
    browser.check("dev-inbox");
    WebElement mail = browser.find(By.xpath("//article[.//strong[@class='mail-to' and text()='bob@acme.com']]"));
    WebElement create = mail.findElement(By.linkText("Create account"));
    bobInvitationUrl = create.getAttribute("href");
    assertThat(bobInvitationUrl).startsWith(BASE + "/invitations/");
    browser.submit(By.xpath("//article[.//strong[@class='mail-to' and text()='bob@acme.com']]//a[text()='Create account']"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Join Acme");
    assertThat(browser.text()).contains("Ada Lovelace").contains("bob@acme.com");
    assertThat(browser.find(By.id("birthYear")).getAttribute("value")).isEmpty(); // no age hint
    browser.check("sign-up-form");

    browser.type(By.id("birthDay"), "31");
    browser.type(By.id("birthMonth"), "2");
    browser.type(By.id("birthYear"), "1990");
    browser.type(By.id("lastName"), "Builder");
    browser.type(By.id("password"), "short");
    browser.type(By.id("passwordConfirmation"), "different");
    browser.submit(By.xpath("//button[normalize-space()='Create a free account']"));
    for (String field : List.of("birthDate", "firstName", "password", "passwordConfirmation")) {
      assertThat(browser.find(By.id(field + "-error")).getText()).as(field).isNotBlank();
    }
    assertThat(browser.find(By.id("firstName")).getAttribute("aria-describedby")).isEqualTo("firstName-error");
    assertThat(browser.find(By.id("firstName")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.driver.findElements(By.id("lastName-error"))).isEmpty();
    assertThat(browser.find(By.id("lastName")).getAttribute("value")).isEqualTo("Builder");
    assertThat(browser.find(By.id("password")).getAttribute("value")).isEmpty();
    browser.check("sign-up-mistakes");

    browser.type(By.id("birthDay"), "14");
    browser.type(By.id("birthMonth"), "3");
    browser.type(By.id("firstName"), "Bob");
    browser.type(By.id("password"), BOB_PASSWORD);
    browser.type(By.id("passwordConfirmation"), BOB_PASSWORD);
    browser.submit(By.xpath("//button[normalize-space()='Create a free account']"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Welcome, Bob!");
    browser.check("welcome");
    signIn("bob@acme.com", BOB_PASSWORD);
    assertThat(browser.text()).contains("Bob Builder").contains("coworker of this account");
    browser.check("home-new-member");
    signOut();
  }

  @Test
  @Order(5)
  void aVisitorJoinsThroughTheLink_L3() {
    browser.open(firstLinkUrl);
    browser.check("join-link");
    browser.type(By.id("email"), "not an address");
    browser.submit(By.xpath("//button[normalize-space()='Send me an invitation']"));
    assertThat(browser.find(By.id("email-error")).getText()).contains("not a valid email address");
    assertThat(browser.find(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
    browser.check("join-link-invalid-address");
    browser.type(By.id("email"), "vera@acme.com");
    browser.submit(By.xpath("//button[normalize-space()='Send me an invitation']"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Check your email");
    browser.check("join-link-check-email");
    browser.open(BASE + "/dev/inbox");
    browser.submit(By.xpath("//article[.//strong[@class='mail-to' and text()='vera@acme.com']]//a[text()='Confirm your email']"));
    browser.type(By.id("birthDay"), "2");
    browser.type(By.id("birthMonth"), "11");
    browser.type(By.id("birthYear"), "1988");
    browser.type(By.id("firstName"), "Vera");
    browser.type(By.id("lastName"), "Novak");
    browser.type(By.id("password"), VERA_PASSWORD);
    browser.type(By.id("passwordConfirmation"), VERA_PASSWORD);
    browser.submit(By.xpath("//button[normalize-space()='Create a free account']"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Welcome, Vera!");
  }

  @Test
  @Order(6)
  void adminAssignsProPlusUntilTheSeatsRunOut_P1_P2() {
    signIn(DemoData.ADMIN);
    browser.open(BASE + "/admin");
    assertThat(browser.find(By.id("seats")).getText()).isEqualTo("2 of 2 Pro+ seats left");
    assertThat(browser.text()).contains("Vera Novak").contains("Bob Builder").contains("ann@acme.com");
    browser.check("admin");
    browser.submit(By.cssSelector("button[aria-label='Assign Pro+ to Bob Builder']"));
    assertThat(browser.find(By.id("notice")).getText()).contains("Pro+ assigned. 1 seat left.");
    browser.submit(By.cssSelector("button[aria-label='Assign Pro+ to Vera Novak']"));
    assertThat(browser.find(By.id("seats")).getText()).isEqualTo("0 of 2 Pro+ seats left");
    browser.submit(By.cssSelector("button[aria-label='Assign Pro+ to Carl Jensen']"));
    assertThat(browser.find(By.id("notice")).getText()).contains("All 2 Pro+ seats are assigned");
    assertThat(browser.find(By.id("seats")).getText()).isEqualTo("0 of 2 Pro+ seats left");
    browser.check("admin-no-seats-left");

    // and the admin revokes Ann's pending invitation, for the stale-link step
    browser.submit(By.cssSelector("button[aria-label='Revoke invitation to ann@acme.com']"));
    assertThat(browser.find(By.id("notice")).getText()).contains("Invitation revoked.");
    browser.submit(By.xpath("//button[normalize-space()='Make a new link']"));
    assertThat(browser.find(By.id("notice")).getText()).contains("New invite link made");
    browser.check("admin-revoked-and-rotated");
    signOut();
  }

  @Test
  @Order(7)
  void aMemberWithoutPermissionIsRefusedAndSeesWhomToAsk_U6() {
    signIn(DemoData.NO_INVITES);
    openMenu();
    WebElement refusal = browser.find(By.id("invite-refusal"));
    assertThat(refusal.getText()).contains("Ada Lovelace <ada@acme.com>");
    assertThat(browser.driver.findElements(By.id("addresses"))).isEmpty();
    browser.check("invite-menu-refused");
    browser.open(BASE + "/admin");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Admins only");
    browser.check("admin-only");
    signOut();
  }

  @Test
  @Order(8)
  void aSecondSessionTriesStaleLinks_S1_L1() {
    try (Browser second = new Browser()) {
      second.open(bobInvitationUrl);
      assertThat(second.find(By.tagName("h1")).getText()).isEqualTo("This invitation was already used");
      second.check("stale-invitation-used");

      browser.open(BASE + "/dev/inbox");
      String annUrl = browser.driver.findElement(By.xpath(
          "//article[.//strong[@class='mail-to' and text()='ann@acme.com']]//a[text()='Create account']"))
          .getAttribute("href");
      second.open(annUrl);
      assertThat(second.find(By.tagName("h1")).getText()).isEqualTo("This invitation was withdrawn");
      assertThat(second.find(By.id("what-to-do")).getText()).contains("Ask an admin");
      second.check("stale-invitation-revoked");

      second.open(firstLinkUrl);
      second.type(By.id("email"), "walt@acme.com");
      second.submit(By.xpath("//button[normalize-space()='Send me an invitation']"));
      assertThat(second.find(By.tagName("h1")).getText()).isEqualTo("This invite link no longer works");
      second.check("stale-link-rotated");

      second.open(BASE + "/invitations/this-token-never-existed");
      assertThat(second.find(By.tagName("h1")).getText()).isEqualTo("This invitation link is not valid");
      second.check("unknown-invitation");
    }
  }

  @Test
  @Order(9)
  void theInviteMenuWorksWithTheKeyboardAlone() {
    signIn(DemoData.COWORKER);
    WebElement summary = browser.find(By.cssSelector("details.new-actions > summary"));
    browser.driver.findElement(By.tagName("body")).click();
    Actions keys = new Actions(browser.driver);
    for (int i = 0; i < 12 && !summary.equals(browser.driver.switchTo().activeElement()); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(browser.driver.switchTo().activeElement()).as("Tab reaches the New actions button").isEqualTo(summary);
    assertThat(summary.getAccessibleName()).isEqualTo("New actions");
    keys.sendKeys(Keys.ENTER).perform();
    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("addresses")));
    keys.sendKeys(Keys.TAB).perform();
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("addresses");
    keys.sendKeys("xena@acme.com").perform();
    keys.sendKeys(Keys.TAB).perform();
    assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Invite");
    WebElement old = browser.driver.findElement(By.tagName("html"));
    keys.sendKeys(Keys.ENTER).perform();
    browser.until(ExpectedConditions.stalenessOf(old));
    assertThat(browser.find(By.cssSelector("#invite-status .outcomes li")).getText())
        .contains("xena@acme.com").contains("Invited as coworker");
    browser.check("keyboard-invite");
    WebElement menuSummary = browser.find(By.cssSelector("details.new-actions > summary"));
    menuSummary.click(); // focus is on the menu; Escape closes it and gives focus back to its button
    menuSummary.click();
    keys.sendKeys(Keys.ESCAPE).perform();
    browser.until(d -> d.findElement(By.cssSelector("details.new-actions")).getAttribute("open") == null);
    assertThat(browser.driver.switchTo().activeElement()).isEqualTo(browser.driver.findElement(
        By.cssSelector("details.new-actions > summary")));
  }
}
