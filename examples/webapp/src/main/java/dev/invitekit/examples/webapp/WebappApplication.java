package dev.invitekit.examples.webapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Invitekit's example web app: the product's screens (sign-in, the invite menu, sign-up from an invitation
 * or a link, the founder's sign-up, the admin page, a development inbox) on
 * {@code invitekit-spring-boot-starter}. Every call to the kit goes through the classes in
 * {@code dev.invitekit.examples.webapp.kit}; see docs/webapp.md.
 */
@SpringBootApplication
public class WebappApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebappApplication.class, args);
  }
}
