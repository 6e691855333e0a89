-- Omnibus-to-chart migrations: one row per run and one per step of its runbook. Every state change
-- is a conditional update on the current state, so two replicas never run the same step and a
-- step found RUNNING with a stale heartbeat is known to have lost its bot. Valid on PostgreSQL and
-- on H2 in PostgreSQL mode.
CREATE TABLE migration_run (
    id               VARCHAR(64)   PRIMARY KEY,
    target           VARCHAR(128)  NOT NULL,
    status           VARCHAR(24)   NOT NULL,
    requester_id     VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Why the run is paused, aborted or waiting, in words for the next person.
    detail           VARCHAR(2000),
    abort_requested  BOOLEAN       NOT NULL DEFAULT FALSE,
    message_channel  VARCHAR(64),
    message_ts       VARCHAR(64)
);

CREATE INDEX migration_run_target_status_idx ON migration_run (target, status);

CREATE TABLE migration_step (
    run_id        VARCHAR(64)   NOT NULL REFERENCES migration_run (id),
    step_id       VARCHAR(32)   NOT NULL,
    position      INTEGER       NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    attempts      INTEGER       NOT NULL DEFAULT 0,
    started_at    TIMESTAMP WITH TIME ZONE,
    heartbeat_at  TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    -- What happened, in words (never a secret: step output is scrubbed before it is stored).
    detail        VARCHAR(4000),
    -- The approval request of the current attempt of a step that changes data; cleared on retry.
    approval_id   VARCHAR(64),
    -- One value a succeeded step hands to later steps (e.g. the backup it made); never a secret.
    step_value    VARCHAR(1000),
    approved      BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (run_id, step_id)
);
