-- Audit chains (issue 25): one chain per log and a few for everything else, so that
-- requests on different logs, on any number of servers, never wait on one head.
-- Each record names its chain and its place in it; the records from before are the
-- chain '' with their place as it was (seq), and hash as they always did. seq still
-- orders all records (on PostgreSQL from a sequence: it has gaps). audit_chains
-- holds every chain's head; dirty marks the heads that moved since the last
-- checkpoint. audit_checkpoints is the chain of checkpoints: every few seconds one
-- elected server records there the heads that moved. audit_head stays as the head
-- the chain '' had.
ALTER TABLE audit ADD COLUMN chain TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN chain_seq {{BIGINT}} NOT NULL DEFAULT 0;
UPDATE audit SET chain_seq = seq;
CREATE UNIQUE INDEX audit_chain ON audit (chain, chain_seq);

CREATE TABLE audit_chains (
    chain TEXT PRIMARY KEY,
    seq   {{BIGINT}} NOT NULL,
    hash  TEXT NOT NULL,
    dirty {{BOOL}} NOT NULL
);
INSERT INTO audit_chains (chain, seq, hash, dirty) SELECT '', seq, hash, {{TRUE}} FROM audit_head WHERE id = 1;
CREATE INDEX audit_chains_dirty ON audit_chains (chain) WHERE dirty;

CREATE TABLE audit_checkpoints (
    seq       {{BIGINT}} PRIMARY KEY,
    at        {{TIME}} NOT NULL,
    heads     TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
{{if postgres -}}
CREATE SEQUENCE audit_seq;
SELECT setval('audit_seq', (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit), false);
{{end -}}
