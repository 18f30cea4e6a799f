-- The pending messages, by due time, in a small table of their own rather than an index on
-- `messages`: an index that covers `status` or `next_attempt_at` makes every change of a
-- message's status a new row version in every index of `messages`. With the queue apart,
-- no index of `messages` covers a column an attempt changes, so an attempt's update is a
-- heap-only (HOT) update. A message is queued in the statement that inserts it, and
-- dequeued (or its due time moved) in the statement that records its attempt.
create table message_queue (
  -- The message's own `next_attempt_at`, kept equal to it.
  next_attempt_at timestamptz not null,
  -- The message's id; no foreign key, as both rows are always written by one statement.
  message_id uuid not null,
  -- The dispatcher's scan, earliest first, and the only index: an entry is found by its due
  -- time and id, which the dispatcher has from the message it claimed.
  primary key (next_attempt_at, message_id)
);

insert into message_queue (message_id, next_attempt_at)
select id, next_attempt_at from messages where status = 'pending';

drop index messages_due_idx;

-- A message is inserted and then, moments later, updated once by its attempt, all the rows of
-- a page in one statement: half of each new page left free gives every row of it room for
-- its new version on the same page, which a HOT update needs.
alter table messages set (fillfactor = 50);
