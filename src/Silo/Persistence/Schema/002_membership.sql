-- Secure Access: cluster membership for Microsoft.Orleans.Clustering.AdoNet (silos and gateway clients).
--
-- The Orleans membership protocol keeps, per cluster (Orleans passes ClusterId as @DeploymentId),
-- one row per silo incarnation plus one table-wide version number. Every change to a silo row
-- (join, status change, suspicion votes) must be made *conditionally on the version the writer last
-- read*, and must bump that version; a writer holding an older version loses and Orleans re-reads
-- and retries. IAmAlive heartbeats are the exception: unconditional, and they do not bump the version.
--
-- Contract (from Orleans' RelationalOrleansQueries / DbStoredQueries, 10.4.x):
--   parameters: @DeploymentId text, @Address text (IP as string), @Port int, @Generation int,
--               @SiloName text, @HostName text, @Status int (SiloStatus), @ProxyPort int,
--               @StartTime / @IAmAliveTime timestamptz (sent as UTC DateTime), @SuspectTimes text|null,
--               @Version int (the table version the writer READ, not the one it wants to write:
--               Orleans' TableVersion.Next() keeps the old etag).
--   results read by name: Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
--               SuspectTimes, StartTime, IAmAliveTime, Version; a single boolean-ish column for the
--               Insert*/Update* keys (Orleans insists on exactly one column, and on at least one row).

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid text        NOT NULL,
    -- When the version last moved; for operators only, Orleans never reads it.
    timestamp    timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    -- Orleans casts these two straight to string: NULL would crash the reader, hence NOT NULL
    -- (the insert function maps a missing name to '').
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    -- 0 = the silo accepts no client connections; read with GetInt32, so never NULL.
    proxyport    integer     NOT NULL DEFAULT 0,
    -- "silo-address,date|silo-address,date..." written and parsed by Orleans; opaque to us.
    suspecttimes text        NULL,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    -- A silo incarnation is its endpoint plus generation (start ticks): a restarted silo is a new row.
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
    -- No silo row without its cluster's version row: reads LEFT JOIN from the version row, so an
    -- orphan would be invisible to Orleans yet still be handed out as a gateway.
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Join: add this silo's row, but only if the caller's view of the table is still current.
-- The version row is updated FIRST so that it is locked first: every conditional membership write
-- goes through that one row, which serialises them per cluster and rules out lock-order deadlocks.
-- If the silo row turns out to exist already, the version bump must be undone too; raising inside
-- the inner block rolls back to its implicit savepoint, so the caller sees "false" and no change.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_silo_name      text,
    p_host_name      text,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive     timestamptz,
    p_version        integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    BEGIN
        UPDATE orleansmembershipversiontable
           SET version = version + 1, timestamp = now()
         WHERE deploymentid = p_deployment_id
           AND version = p_version;
        IF NOT FOUND THEN
            RETURN false;   -- stale table version (or no version row): Orleans re-reads and retries
        END IF;

        INSERT INTO orleansmembershiptable
               (deploymentid, address, port, generation, siloname, hostname,
                status, proxyport, suspecttimes, starttime, iamalivetime)
        VALUES (p_deployment_id, p_address, p_port, p_generation,
                coalesce(p_silo_name, ''), coalesce(p_host_name, ''),
                p_status, coalesce(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive)
        ON CONFLICT ON CONSTRAINT pk_orleansmembershiptable DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'SA409', MESSAGE = 'membership row exists';
        END IF;
        RETURN true;
    EXCEPTION WHEN SQLSTATE 'SA409' THEN
        RETURN false;
    END;
END
$fn$;

-- Status change / suspicion vote: same version discipline as the insert. A row that does not exist
-- is a failure (the silo was cleaned up meanwhile), and then the version bump is undone as well.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  text,
    p_i_am_alive     timestamptz,
    p_version        integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    BEGIN
        UPDATE orleansmembershipversiontable
           SET version = version + 1, timestamp = now()
         WHERE deploymentid = p_deployment_id
           AND version = p_version;
        IF NOT FOUND THEN
            RETURN false;
        END IF;

        UPDATE orleansmembershiptable
           SET status = p_status, suspecttimes = p_suspect_times, iamalivetime = p_i_am_alive
         WHERE deploymentid = p_deployment_id
           AND address = p_address AND port = p_port AND generation = p_generation;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'SA404', MESSAGE = 'membership row missing';
        END IF;
        RETURN true;
    EXCEPTION WHEN SQLSTATE 'SA404' THEN
        RETURN false;
    END;
END
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Called by every silo at start-up; only the first one for a cluster creates the row. Must return
-- exactly one row with one column (Orleans converts it to bool: "did I create it").
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleansmembershipversiontable (deploymentid)
        VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM created) AS created;
$q$),

('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS succeeded;
$q$),

('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation,
        @Status, @SuspectTimes, @IAmAliveTime, @Version) AS succeeded;
$q$),

-- Heartbeat: deliberately unconditional and version-neutral (Orleans does not check the result).
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleansmembershiptable
       SET iamalivetime = @IAmAliveTime
     WHERE deploymentid = @DeploymentId
       AND address = @Address AND port = @Port AND generation = @Generation;
$q$),

-- Orleans needs the table version even when the silo has no row (yet), so the read starts from the
-- version row and LEFT JOINs the silo: a row with NULL StartTime means "version only, no entry".
-- No version row at all => no rows => Orleans fails the read; silos create it at start-up.
('MembershipReadRowKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname,
           m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
      FROM orleansmembershipversiontable v
      LEFT JOIN orleansmembershiptable m
        ON m.deploymentid = v.deploymentid
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
     WHERE v.deploymentid = @DeploymentId;
$q$),

-- One statement = one snapshot, so every row carries the version that matches the rows returned.
('MembershipReadAllKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname,
           m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
      FROM orleansmembershipversiontable v
      LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
     WHERE v.deploymentid = @DeploymentId;
$q$),

-- Clients (our gateways) ask for silos that are Active (@Status = 3) and accept client connections.
('GatewaysQueryKey', $q$
    SELECT address, proxyport, generation
      FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = @Status
       AND proxyport > 0;
$q$),

-- Whole-cluster reset (tests, decommissioning). Children first because of the foreign key; Npgsql
-- sends both statements in one batch, which PostgreSQL runs as one implicit transaction.
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),

-- Housekeeping of rows of silos long gone. Anything not Active (3) qualifies, not only Dead (6):
-- a silo killed while Joining is never declared dead and would otherwise stay forever. The later of
-- StartTime and IAmAliveTime is compared so that a silo that never sent a heartbeat is judged by
-- when it started. Not version-bumping: only rows no live silo cares about are removed.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status <> 3
       AND greatest(iamalivetime, starttime) < @IAmAliveTime;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
