-- Keys of inbound requests already accepted, shared by all bot replicas so a replayed or retried
-- request is acted on once. The primary key is what makes two racing replicas agree.
CREATE TABLE inbound_request_nonce (
    nonce_key  VARCHAR(128) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Expired keys are deleted in bulk by expiry.
CREATE INDEX inbound_request_nonce_expires_at_idx ON inbound_request_nonce (expires_at);
