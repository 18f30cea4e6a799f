-- Every email and SMS the service sends, from the event that asked for it to its final status.
create table messages (
  id uuid primary key,
  -- The user it is addressed to; null when the address belongs to no known user.
  user_id uuid,
  channel text not null check (channel in ('email', 'sms')),
  -- The email address or phone number (`to` in the contract; a reserved word in SQL).
  recipient text not null,
  template text not null check (
    template in ('registration', 'payment_sent', 'payment_received', 'invoice_issued', 'refund', 'one_time_code')
  ),
  subject text,
  -- The rendered text. A one-time code's is blanked as soon as the message is sent or failed.
  body text not null,
  status text not null check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  -- When a pending message is due (again); null once it is sent or failed.
  next_attempt_at timestamptz,
  -- A dispatcher's claim: nobody else sends the message until the lease runs out.
  claim_token uuid,
  claimed_until timestamptz,
  -- After this the message is not worth sending (a one-time code that has expired).
  expires_at timestamptz,
  provider_id text,
  error text,
  source_event_id uuid not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  sent_at timestamptz,
  -- One event never makes two messages of one template to one address.
  constraint messages_source_key unique (source_event_id, template, recipient),
  constraint messages_due_check check ((status = 'pending') = (next_attempt_at is not null)),
  constraint messages_code_blanked_check check (template <> 'one_time_code' or status = 'pending' or body = '')
);

-- The dispatcher's scan: pending messages by due time.
create index messages_due_idx on messages (next_attempt_at) where status = 'pending';
-- A user's own log, newest first.
create index messages_user_idx on messages (user_id, id);
