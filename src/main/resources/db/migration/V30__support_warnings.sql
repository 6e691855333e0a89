-- EKS end-of-support warnings already posted: one row per (cluster, version, warning), where the
-- warning is a threshold such as "days-30", "extended-billing", or a day's "check-failed-<date>".
-- Replicas insert before posting; the primary key lets exactly one of two racing replicas win,
-- and a restart finds what was sent. Valid on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE support_warnings (
    cluster   VARCHAR(100) NOT NULL,
    version   VARCHAR(32)  NOT NULL,
    warning   VARCHAR(64)  NOT NULL,
    sent_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT support_warnings_pk PRIMARY KEY (cluster, version, warning)
);
