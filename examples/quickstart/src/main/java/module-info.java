/**
 * The Invitekit quickstart: every flow of the product on the in-memory defaults (or H2, PostgreSQL), printed as a
 * walkthrough, plus the compiled code snippets that README.md and docs/ show. It exports nothing: it is an
 * application, not a library.
 */
module dev.invitekit.examples.quickstart {
  requires dev.invitekit.core;          // the Invitekit facade and its API; named though the providers re-export it
  requires dev.invitekit.store.memory;  // InMemoryStore, the embedded default store the walkthrough runs on
  requires dev.invitekit.store.jdbc;    // JdbcStore, for --h2 PATH and --pg URL, and docs/operations.md's snippets
  requires com.zaxxer.hikari;           // the connection pool the JDBC store runs on
  requires dev.invitekit.mail.memory;   // RecordingMailbox and ConsoleMailSender, to follow and show the mail
  requires dev.invitekit.mail.smtp;     // SmtpMailSender: --smtp host:port sends the walkthrough's mail for real
  requires java.sql;                    // the store-adapter snippet shows a JDBC unit of work (docs/writing-a-store-adapter.md)
}
