package dev.invitekit.member;

import dev.invitekit.id.UserId;
import dev.invitekit.email.EmailAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A person's identity, one across accounts (U1). It never holds the password hash or the date of birth:
 * only the instant the age check passed (S2).
 *
 * @param id the user's id
 * @param email normalized email address, unique among users
 * @param firstName first name as given at sign-up (S3)
 * @param lastName last name as given at sign-up (S3)
 * @param ageVerifiedAt when the age check passed (S2)
 * @param createdAt when the user signed up
 */
public record User(
    UserId id, EmailAddress email, String firstName, String lastName, Instant ageVerifiedAt, Instant createdAt) {

  /** Requires every component. */
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(ageVerifiedAt, "ageVerifiedAt");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** First and last name, separated by a space. */
  public String displayName() {
    return firstName + " " + lastName;
  }
}
