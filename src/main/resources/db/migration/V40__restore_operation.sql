-- Restores the bot runs, one row each, written before every phase so that a bot that stops in the
-- middle can tell a human exactly where it was and what to scale back to; it never re-runs one.
-- active_target holds the target's name while the restore runs and is NULL afterwards: the
-- UNIQUE constraint lets at most one restore per target run across all replicas.
-- Valid on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE restore_operation (
    id              VARCHAR(64)   PRIMARY KEY,
    target          VARCHAR(128)  NOT NULL,
    active_target   VARCHAR(128)  UNIQUE,
    namespace       VARCHAR(253)  NOT NULL,
    backup_id       VARCHAR(128)  NOT NULL,
    approval_id     VARCHAR(64),
    requester_id    VARCHAR(64)   NOT NULL,
    correlation_id  VARCHAR(128),
    -- The process running it; it refreshes heartbeat_at while it runs.
    owner_id        VARCHAR(64)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    phase           VARCHAR(32)   NOT NULL,
    -- Replica counts before scaling down, as a JSON object {"deployment": replicas}; NULL until
    -- recorded, always recorded before the first Deployment is scaled.
    replicas        VARCHAR(4000),
    job_name        VARCHAR(253),
    message_channel VARCHAR(64),
    message_ts      VARCHAR(64),
    detail          VARCHAR(2000),
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);

-- The sweep for interrupted restores reads running rows by heartbeat.
CREATE INDEX restore_operation_status_idx ON restore_operation (status, heartbeat_at);
