/**
 * Invitekit core: the domain, the use cases behind the {@link dev.invitekit.Invitekit} facade, and the
 * store and mail service-provider interfaces. It depends on no provider module and no framework.
 */
module dev.invitekit.core {
  requires transitive org.jspecify;                 // @NullMarked/@Nullable appear in the public API
  requires org.slf4j;                               // logging through the API only; never a binding
  requires com.github.benmanes.caffeine;            // bounded caches: contacts directory, rate limits
  requires com.fasterxml.jackson.databind;          // event and idempotent-report JSON
  requires org.bouncycastle.provider;               // Argon2id (S4), the pure-Java engine
  requires static de.mkammerer.argon2.nolibs;       // optional: native Argon2id (libargon2), used when present
  requires me.gosimple.nbvcxz;                      // its common-password dictionary (S4)
  requires com.ibm.icu;                             // UTS #46 non-transitional IDNA for every domain (U3)

  exports dev.invitekit;
  exports dev.invitekit.error;
  exports dev.invitekit.refusal;
  exports dev.invitekit.secret;
  exports dev.invitekit.trusted;
  exports dev.invitekit.account;
  exports dev.invitekit.id;
  exports dev.invitekit.member;
  exports dev.invitekit.email;
  exports dev.invitekit.invite;
  exports dev.invitekit.link;
  exports dev.invitekit.signup;
  exports dev.invitekit.license;
  exports dev.invitekit.contacts;
  exports dev.invitekit.event;
  exports dev.invitekit.spi.store;
  exports dev.invitekit.spi.mail;
  exports dev.invitekit.outbox;

  // Jackson reads the event records reflectively; only it may.
  opens dev.invitekit.event to com.fasterxml.jackson.databind;
  opens dev.invitekit.internal.json to com.fasterxml.jackson.databind;
}
