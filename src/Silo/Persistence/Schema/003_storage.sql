-- Secure Access: grain state for Microsoft.Orleans.Persistence.AdoNet (AddAdoNetGrainStorage).
--
-- Contract (from Orleans' AdoNetGrainStorage, 10.4.x). Every query gets the same key parameters:
--   @GrainIdHash int, @GrainTypeHash int   hashes of the two below, computed in .NET (not unique!)
--   @GrainIdN0 bigint, @GrainIdN1 bigint    the grain key: GUID halves / integer key in N1 / 0,0 for
--                                           string keys
--   @GrainIdExtensionString text|null       the string key, or a GUID/integer key's extension
--   @GrainTypeString text                   the *state name* ([PersistentState("name")]), NOT the grain
--                                           class: two grain classes that use the same state name and
--                                           the same key share one row. Give each grain its own name.
--   @ServiceId text                         ClusterOptions.ServiceId
-- plus, for write/clear/delete, @GrainStateVersion int|null (the ETag the activation holds; NULL when
-- it never saw a row) and, for write, @PayloadBinary bytea (state serialised by Orleans; binary is the
-- provider's default and the only format we store).
--
-- ETag discipline — the point of this file. A write or clear succeeds only if the row still carries
-- the version the activation read; anything else must come back as a failure, which Orleans turns
-- into InconsistentStateException (never a silent overwrite):
--   * write/clear return the NEW version on success and NULL on conflict. Orleans compares the
--     returned value with the ETag it sent: NULL, empty or unchanged => version conflict.
--     The queries always return exactly one row, because "no row" combined with a NULL ETag would
--     be read by Orleans as success.
--   * read returns no row when nothing was ever stored; the activation then holds a NULL ETag, and
--     a write with a NULL ETag may only *create* the row — if anyone created it meanwhile, conflict.
--   * comparisons happen in the WHERE clause of a single UPDATE/INSERT, so two racing writers are
--     decided by PostgreSQL's row lock: the loser re-checks the version after the winner commits,
--     finds it changed, and updates nothing. The unique index makes racing first writes collide.

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer     NOT NULL,
    graintypehash          integer     NOT NULL,
    serviceid              text        NOT NULL,
    graintypestring        text        NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    grainidextensionstring text        NULL,
    -- NULL after ClearState (the row is kept as a tombstone so its version keeps counting up).
    payloadbinary          bytea       NULL,
    version                integer     NOT NULL,
    modifiedon             timestamptz NOT NULL DEFAULT now()
);

-- One row per (service, state name, grain key). The two hashes lead so that the index doubles as
-- the lookup path (they are what every query filters on first); the full key follows because the
-- hashes collide. NULL and '' extensions are different keys, and unique indexes treat NULLs as
-- distinct, so the extension is indexed as (is null, coalesce(...)) — works on any PostgreSQL
-- version, unlike NULLS NOT DISTINCT (15+).
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON orleansstorage (grainidhash, graintypehash, serviceid, graintypestring, grainidn0, grainidn1,
                       (grainidextensionstring IS NULL), coalesce(grainidextensionstring, ''));

-- Next version after v. Wraps at int max instead of failing with "integer out of range": after two
-- billion writes to one grain an overflow error would make the grain unwritable forever.
CREATE OR REPLACE FUNCTION orleans_storage_next_version(v integer)
RETURNS integer
LANGUAGE sql IMMUTABLE
AS $fn$ SELECT CASE WHEN v >= 2147483647 THEN 1 ELSE v + 1 END $fn$;

-- Write = create-if-absent when the caller holds no ETag, else compare-and-swap on the version.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_extension       text,
    p_service_id      text,
    p_expected        integer,
    p_payload         bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    new_version integer;
BEGIN
    IF p_expected IS NULL THEN
        -- A new row does not start at 1 but at a random version. With DeleteStateOnClear=true a
        -- row can be deleted and created again; restarting at 1 would let an activation still
        -- holding ETag "1" of the *previous* row overwrite the new one (ABA). A random start makes
        -- that a 1-in-a-billion accident instead of the normal case.
        INSERT INTO orleansstorage
               (grainidhash, graintypehash, serviceid, graintypestring, grainidn0, grainidn1,
                grainidextensionstring, payloadbinary, version, modifiedon)
        VALUES (p_grain_id_hash, p_grain_type_hash, p_service_id, p_grain_type, p_grain_id_n0,
                p_grain_id_n1, p_extension, p_payload, 1 + floor(random() * 1000000000)::integer, now())
        ON CONFLICT DO NOTHING            -- someone else created it: that is a conflict for us
        RETURNING version INTO new_version;
    ELSE
        UPDATE orleansstorage
           SET payloadbinary = p_payload,
               version       = orleans_storage_next_version(version),
               modifiedon    = now()
         WHERE grainidhash = p_grain_id_hash AND graintypehash = p_grain_type_hash
           AND serviceid = p_service_id AND graintypestring = p_grain_type
           AND grainidn0 = p_grain_id_n0 AND grainidn1 = p_grain_id_n1
           AND grainidextensionstring IS NOT DISTINCT FROM p_extension
           AND version = p_expected
        RETURNING version INTO new_version;
    END IF;
    RETURN new_version;   -- NULL = version conflict
END
$fn$;

-- Clear (DeleteStateOnClear=false, the default and what we use): drop the payload, keep the row and
-- bump its version, so every activation that still holds an older ETag keeps failing.
CREATE OR REPLACE FUNCTION orleans_storage_clear(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_extension       text,
    p_service_id      text,
    p_expected        integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    new_version integer;
BEGIN
    UPDATE orleansstorage
       SET payloadbinary = NULL,
           version       = orleans_storage_next_version(version),
           modifiedon    = now()
     WHERE grainidhash = p_grain_id_hash AND graintypehash = p_grain_type_hash
       AND serviceid = p_service_id AND graintypestring = p_grain_type
       AND grainidn0 = p_grain_id_n0 AND grainidn1 = p_grain_id_n1
       AND grainidextensionstring IS NOT DISTINCT FROM p_extension
       AND version = p_expected       -- a NULL ETag matches nothing: clearing blind is a conflict
    RETURNING version INTO new_version;
    RETURN new_version;
END
$fn$;

-- Delete (DeleteStateOnClear=true): really remove the row. Orleans expects "something other than
-- the ETag I sent" on success, so return the deleted version + 1; NULL on conflict.
CREATE OR REPLACE FUNCTION orleans_storage_delete(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_extension       text,
    p_service_id      text,
    p_expected        integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    deleted_version integer;
BEGIN
    DELETE FROM orleansstorage
     WHERE grainidhash = p_grain_id_hash AND graintypehash = p_grain_type_hash
       AND serviceid = p_service_id AND graintypestring = p_grain_type
       AND grainidn0 = p_grain_id_n0 AND grainidn1 = p_grain_id_n1
       AND grainidextensionstring IS NOT DISTINCT FROM p_extension
       AND version = p_expected
    RETURNING version INTO deleted_version;
    RETURN orleans_storage_next_version(deleted_version);   -- NULL stays NULL
END
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Zero rows = never stored (NULL ETag); a row with NULL payload = cleared (ETag kept).
('ReadFromStorageKey', $q$
    SELECT payloadbinary, version
      FROM orleansstorage
     WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
       AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

('WriteToStorageKey', $q$
    SELECT orleans_storage_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS newgrainstateversion;
$q$),

-- Orleans reads the first column of the single row, whatever its name.
('ClearStorageKey', $q$
    SELECT orleans_storage_clear(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS newgrainstateversion;
$q$),

('DeleteStorageKey', $q$
    SELECT orleans_storage_delete(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS newgrainstateversion;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
