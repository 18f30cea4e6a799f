-- The in-app inbox: when the user first read each message in the app; null while unread.
alter table messages add column read_at timestamptz;

-- Messages sent before the inbox existed were read where they arrived (mail, phone): they
-- are not news in the app. A one-time or reset code is read where it is typed, never in the
-- app, so it is born read (see `createMessageRecord`).
update messages set read_at = coalesce(sent_at, created_at);

-- The unread count of the header's bell, asked every 30 s by every open app: one index range.
create index messages_unread_idx on messages (user_id) where read_at is null;
