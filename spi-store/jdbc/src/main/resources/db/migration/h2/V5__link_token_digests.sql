-- Invitekit schema, version 5. Invite links are looked up by the SHA-256 digest of their token, like
-- every other token (the store SPI finds tokens by digest only). The token itself stays, because members
-- copy the link again (L1); existing rows get the digest of their token.
ALTER TABLE ${prefix}links ADD COLUMN token_digest CHAR(64);
UPDATE ${prefix}links SET token_digest = LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(token))));
ALTER TABLE ${prefix}links ALTER COLUMN token_digest SET NOT NULL;
ALTER TABLE ${prefix}links ADD CONSTRAINT ${prefix}links_token_digest_key UNIQUE (token_digest);
