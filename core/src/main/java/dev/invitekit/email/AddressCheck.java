package dev.invitekit.email;

/** The result of checking one typed email address. */
public sealed interface AddressCheck {

  /** The input is a valid address; {@code address} is its normalized form. */
  record Valid(EmailAddress address) implements AddressCheck {}

  /** The input is not a valid address, for the reason given. */
  record Invalid(AddressProblem problem) implements AddressCheck {}
}
