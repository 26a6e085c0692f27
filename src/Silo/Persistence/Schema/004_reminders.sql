-- Secure Access: reminders for Microsoft.Orleans.Reminders.AdoNet (UseAdoNetReminderService).
--
-- Contract (from Orleans' RelationalOrleansQueries, 10.4.x):
--   parameters: @ServiceId text, @GrainId text (GrainId.ToString(), e.g. "user/alice"),
--               @ReminderName text, @StartTime timestamptz (UTC), @Period int OR bigint milliseconds
--               (Orleans sends int when it fits, bigint otherwise), @GrainHash int (the grain's
--               uniform hash, a uint reinterpreted as a signed int), @BeginHash/@EndHash int (same
--               reinterpretation), @Version int (the reminder's ETag).
--   results read by name: GrainId, ReminderName, StartTime, Period (read as Int64), Version.
--
-- Each silo owns a slice of the hash ring and loads the reminders whose GrainHash falls in its slice.
-- Slices are half-open (Begin, End]. Orleans picks ReadRangeRows1Key when (int)Begin < (int)End — a
-- plain interval — and ReadRangeRows2Key otherwise — the slice wraps past the end of the int range
-- (and Begin = End means the whole ring). Comparing the signed ints here, exactly as Orleans casts
-- them, keeps both sides agreeing on which silo owns which reminder.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    -- milliseconds; bigint because periods beyond ~24.8 days do not fit an int
    period       bigint      NOT NULL,
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);

-- The ring-range reads run on every silo start and every ring change.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_hash
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadReminderRowsKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId AND grainid = @GrainId;
$q$),

('ReadReminderRowKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;
$q$),

('ReadRangeRows1Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainhash > @BeginHash AND grainhash <= @EndHash;
$q$),

('ReadRangeRows2Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

-- Register or re-register: last writer wins (Orleans sends no ETag here), and the version moves on
-- every upsert so that a RemoveRow holding the ETag of an older registration fails. A new row starts
-- at a random version rather than 0 for the same reason: unregister + register again must not hand
-- out an ETag that a stale holder of the old registration still has. One statement, so two silos
-- registering the same reminder at once cannot both insert.
('UpsertReminderRowKey', $q$
    INSERT INTO orleansreminderstable
           (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash,
            floor(random() * 1000000000)::integer)
    ON CONFLICT ON CONSTRAINT pk_orleansreminderstable DO UPDATE
       SET starttime = excluded.starttime,
           period    = excluded.period,
           grainhash = excluded.grainhash,
           version   = CASE WHEN orleansreminderstable.version >= 2147483647 THEN 0
                            ELSE orleansreminderstable.version + 1 END
    RETURNING version;
$q$),

-- Unregister only the registration the caller knows (ETag = version); exactly one boolean row back.
('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM orleansreminderstable
         WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
           AND version = @Version
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM deleted) AS deleted;
$q$),

-- Test-only in Orleans (IReminderTable.TestOnlyClearTable): wipe one service's reminders.
('DeleteReminderRowsKey', $q$
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
