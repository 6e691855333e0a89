-- Buttons on an alert thread's parent (Silence, Acknowledge): the buttons carry only action_id, a
-- random opaque ID; what they act on is looked up here. parent_event is the alert event the parent
-- shows (JSON), so the parent can be drawn again when it is acknowledged or resolved, and the
-- group listed by `/gitlab alerts`. Rows from before this migration have neither and get no
-- buttons. Valid on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE alert_threads ADD COLUMN action_id VARCHAR(64);
ALTER TABLE alert_threads ADD COLUMN parent_event VARCHAR(1000000);
-- Set once, by a conditional update, so two people clicking at once cannot both take the group.
ALTER TABLE alert_threads ADD COLUMN acked_by VARCHAR(64);
ALTER TABLE alert_threads ADD COLUMN acked_by_name VARCHAR(256);
ALTER TABLE alert_threads ADD COLUMN acked_at TIMESTAMP WITH TIME ZONE;

CREATE UNIQUE INDEX alert_threads_action_id_uq ON alert_threads (action_id);
