-- Secure Access: PostgreSQL schema for the Orleans ADO.NET providers — part 1 of 4, the shared core.
--
-- How the providers work: Microsoft.Orleans.{Clustering,Persistence,Reminders}.AdoNet ship no SQL.
-- At start-up each provider runs `SELECT QueryKey, QueryText FROM OrleansQuery` and from then on
-- executes only those texts, binding named parameters (@DeploymentId, @GrainIdHash, ...) and reading
-- result columns by name. So the contract with Orleans is: the query keys, the parameter names and
-- .NET types they bind, and the names/types of the columns they read back. Everything behind the
-- query texts (tables, functions, indexes) is ours to design.
--
-- Rules for every file in this folder:
--   * Idempotent: SchemaMigrator re-runs ALL files on every `migrate`, inside one transaction, under
--     an advisory lock. Use CREATE ... IF NOT EXISTS, CREATE OR REPLACE FUNCTION and
--     INSERT ... ON CONFLICT (querykey) DO UPDATE, so that re-running also *upgrades* query texts.
--   * Never rewrite a file in a way that breaks a database built by an older version of it: add a
--     new numbered file (005_...sql) for ALTERs, and bump SchemaMigrator.CurrentVersion to its number.
--   * Identifiers are unquoted, so PostgreSQL folds them to lower case. Orleans' own bootstrap query
--     is unquoted too (it becomes `orleansquery`), and Npgsql resolves result columns by name
--     case-insensitively, so `Version` in C# finds our `version` column.
--   * Query texts are dollar-quoted ($q$ ... $q$) so they can contain quotes and comments verbatim.

-- Which schema version this database has reached. SchemaMigrator inserts one row per version it
-- applied; the silo refuses to start when max(version) is below what its binary needs.
CREATE TABLE IF NOT EXISTS secure_access_schema
(
    version    integer     NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_secure_access_schema PRIMARY KEY (version)
);

-- The query catalogue every Orleans ADO.NET provider loads at start-up. The clustering and reminder
-- providers fail to start unless ALL keys they know are present (storage needs its 3–4 keys), which
-- is why each provider's file inserts its complete set.
-- QueryText is text, not varchar(n): there is no reason to cap it, and a cap only invites truncation.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);
