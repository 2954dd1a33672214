-- Invitekit schema, version 6. The unique index on open invitations (I7) leads with the address instead of
-- the account: a bulk invite looks up its addresses with account_id = ? AND email IN (...), and with the
-- account first the planner could choose to read every open invitation of the account and filter them by
-- address (it did, on a table that had grown since it was last analyzed: a 20-address invite read all
-- of the account's open invitations). Address first, each address is one index descent whatever the
-- statistics say. ON CONFLICT (account_id, email) still names this index: column order does not matter.
DROP INDEX ${prefix}invitations_open_key;
CREATE UNIQUE INDEX ${prefix}invitations_open_key ON ${prefix}invitations (email, account_id)
  WHERE state IN ('PENDING', 'AWAITING_APPROVAL');
