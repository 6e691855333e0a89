-- The always-firing Watchdog alert, one row per source: when it was last seen and whether the
-- "pipeline is silent" warning is out. Shared by replicas so the warning is posted once.
CREATE TABLE alert_watchdog (
    source     VARCHAR(64) PRIMARY KEY,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    silent     BOOLEAN NOT NULL
);
