-- People who may not decide a request besides its requester, as a JSON array of user IDs (NULL
-- when none): e.g. the person who started the migration run a step approval belongs to, when
-- someone else's `migrate resume` caused the request. Part of the request's operation hash.
ALTER TABLE approval_request ADD COLUMN excluded_approvers VARCHAR(2000);
