-- Invitekit schema, version 4. The digests of invitation tokens a re-send, a reminder or a repeated link
-- redemption replaced (I7), so an older mail's link answers "a newer mail was sent" instead of "unknown".
-- Only digests, never tokens (I5). The primary key is the index findInvitationBySupersededToken uses.
CREATE TABLE ${prefix}superseded_tokens (
  digest         CHAR(64) NOT NULL,                 -- SHA-256 hex of the replaced token
  invitation_id  UUID NOT NULL,
  CONSTRAINT ${prefix}superseded_tokens_pkey PRIMARY KEY (digest)
);

-- Whom each outbox entry is addressed to, kept in the clear when the payload is erased, so operators see
-- who did not get their mail (issue 9 item 11). An address is not a secret; the link in the payload is.
ALTER TABLE ${prefix}outbox ADD COLUMN recipient VARCHAR;
