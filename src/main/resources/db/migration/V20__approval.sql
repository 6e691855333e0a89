-- Requests for a second person's approval of a destructive operation (restore, migration step).
-- Slack buttons carry only the opaque id; everything else lives here, so a request survives a
-- restart and is shared by all replicas. Status changes are conditional updates on the current
-- status, which makes every step single-use. Valid on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE approval_request (
    id              VARCHAR(64)   PRIMARY KEY,
    kind            VARCHAR(64)   NOT NULL,
    target          VARCHAR(128)  NOT NULL,
    namespace       VARCHAR(253)  NOT NULL,
    release_name    VARCHAR(253)  NOT NULL,
    -- The operation's parameters as a JSON object with sorted keys.
    parameters      VARCHAR(20000) NOT NULL,
    requester_id    VARCHAR(64)   NOT NULL,
    correlation_id  VARCHAR(128),
    -- SHA-256 (hex) of the canonical operation; re-checked on every read and before execution.
    operation_hash  VARCHAR(64)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by      VARCHAR(64),
    decided_at      TIMESTAMP WITH TIME ZONE,
    outcome         VARCHAR(1000),
    completed_at    TIMESTAMP WITH TIME ZONE,
    message_channel VARCHAR(64),
    message_ts      VARCHAR(64)
);

-- The expiry sweep reads pending requests by expiry.
CREATE INDEX approval_request_status_expires_idx ON approval_request (status, expires_at);
