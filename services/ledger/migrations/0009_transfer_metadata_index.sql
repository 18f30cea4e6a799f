-- History filtered by metadata (`metadata @> '{"order_id":"A-1042"}'`): a GIN index with
-- jsonb_path_ops answers containment from one hash per key and value pair, smaller and
-- faster than the default operator class, which also serves key-existence operators that
-- nothing here asks.
create index transfers_metadata_idx on transfers using gin (metadata jsonb_path_ops);
