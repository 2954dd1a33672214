-- Invitekit schema, version 6. The unique constraint on open invitations (I7) leads with open_key (the
-- address while the invitation is open) instead of the account: H2 uses an IN list only on the first
-- column of an index, so with the account first a bulk invite's look-up of its addresses read every
-- invitation of the account. The store's queries for open invitations by address name open_key.
ALTER TABLE ${prefix}invitations DROP CONSTRAINT ${prefix}invitations_open_key;
ALTER TABLE ${prefix}invitations ADD CONSTRAINT ${prefix}invitations_open_key UNIQUE (open_key, account_id);
