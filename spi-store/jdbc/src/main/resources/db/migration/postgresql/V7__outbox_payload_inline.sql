-- Invitekit schema, version 7. A sealed mail (SPEC §5) is a few kilobytes of ciphertext in base64, which does
-- not compress, so PostgreSQL's default of moving a row's long values out of line once the row passes about
-- 2 kB put every pending mail's payload in the TOAST table: each mail written twice (the row and its payload's
-- chunks, with their index), and its completion, which erases the payload, deleting the chunks again. A mail
-- lives in the outbox until it is sent, usually within the second it was written; keep its row whole up to the
-- page's limit (toast_tuple_target 8160), and only longer mails out of line.
ALTER TABLE ${prefix}outbox SET (toast_tuple_target = 8160);
