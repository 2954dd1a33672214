package dev.invitekit.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.invitekit.error.InvitekitException;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.email.AddressProblem;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Role;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a bulk invitation's outcomes, remembered for idempotent replays (I10). Opaque to
 * stores; only core reads it back.
 */
public final class ReportJson {
  private ReportJson() {}

  /** Rows hold only strings, enums and numbers: a plain mapper reads and writes them. */
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** One outcome, flat. Fields not used by its kind are null. */
  record Row(String kind, String input, @Nullable String address, @Nullable String invitationId,
      @Nullable Role role, @Nullable DeliveryStatus delivery, @Nullable AddressProblem problem,
      Refusal.@Nullable Reason reason, @Nullable String message, @Nullable List<Admin> admins,
      @Nullable Long retryAfterMillis) {}

  /** An admin contact. */
  record Admin(String name, String email) {}

  /** The outcomes as JSON. */
  public static String write(List<AddressOutcome> outcomes) {
    Row[] rows = outcomes.stream().map(ReportJson::row).toArray(Row[]::new);
    try {
      return MAPPER.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new InvitekitException("could not write an invitation report as JSON", e);
    }
  }

  /** The outcomes from JSON {@link #write} produced. */
  public static List<AddressOutcome> read(String json) {
    try {
      return Arrays.stream(MAPPER.readValue(json, Row[].class)).map(ReportJson::outcome).toList();
    } catch (JsonProcessingException | RuntimeException e) {
      throw new InvitekitException("a remembered invitation report could not be read; was it written by "
          + "this version of Invitekit?", e);
    }
  }

  private static Row row(AddressOutcome o) {
    if (o instanceof AddressOutcome.Invited i) {
      return new Row("invited", i.input(), i.address().toString(), i.invitationId().toString(), i.role(), i.delivery(),
          null, null, null, null, null);
    } else if (o instanceof AddressOutcome.Resent r) {
      return new Row("resent", r.input(), r.address().toString(), r.invitationId().toString(), null, r.delivery(),
          null, null, null, null, null);
    } else if (o instanceof AddressOutcome.AlreadyMember m) {
      return new Row("already-member", m.input(), m.address().toString(), null, m.role(), null, null, null, null,
          null, null);
    } else if (o instanceof AddressOutcome.Invalid v) {
      return new Row("invalid", v.input(), null, null, null, null, v.problem(), null, null, null, null);
    } else if (o instanceof AddressOutcome.NotAllowed n) {
      List<Admin> admins = n.refusal().adminsToContact().stream()
          .map(a -> new Admin(a.name(), a.email().toString())).toList();
      return new Row("not-allowed", n.input(), n.address().toString(), null, null, null, null, n.refusal().reason(),
          n.refusal().message(), admins, null);
    } else {
      AddressOutcome.RateLimited l = (AddressOutcome.RateLimited) o;
      return new Row("rate-limited", l.input(), l.address().toString(), null, null, null, null, null, null, null,
          l.retryAfter().toMillis());
    }
  }

  private static AddressOutcome outcome(Row r) {
    return switch (r.kind()) {
      case "invited" -> new AddressOutcome.Invited(r.input(), EmailAddress.parse(req(r.address(), "address")),
          InvitationId.parse(req(r.invitationId(), "invitationId")), req(r.role(), "role"),
          req(r.delivery(), "delivery"));
      case "resent" -> new AddressOutcome.Resent(r.input(), EmailAddress.parse(req(r.address(), "address")),
          InvitationId.parse(req(r.invitationId(), "invitationId")), req(r.delivery(), "delivery"));
      case "already-member" -> new AddressOutcome.AlreadyMember(r.input(),
          EmailAddress.parse(req(r.address(), "address")), req(r.role(), "role"));
      case "invalid" -> new AddressOutcome.Invalid(r.input(), req(r.problem(), "problem"));
      case "not-allowed" -> new AddressOutcome.NotAllowed(r.input(), EmailAddress.parse(req(r.address(), "address")),
          new Refusal(req(r.reason(), "reason"), req(r.message(), "message"), r.admins() == null ? List.of()
              : r.admins().stream().map(a -> new AdminContact(a.name(), EmailAddress.parse(a.email()))).toList()));
      case "rate-limited" -> new AddressOutcome.RateLimited(r.input(),
          EmailAddress.parse(req(r.address(), "address")),
          Duration.ofMillis(req(r.retryAfterMillis(), "retryAfterMillis")));
      default -> throw new IllegalArgumentException("unknown outcome kind " + r.kind());
    };
  }

  /** A field the kind of the row needs: a stored report without it is corrupt, not a null to pass on. */
  private static <T> T req(@Nullable T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("stored invitation report lacks " + field);
    }
    return value;
  }
}
