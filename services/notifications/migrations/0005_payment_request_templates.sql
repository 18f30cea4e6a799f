-- The messages of payment requests: the payer is asked (with a link to the request in the web
-- app), and the requester hears that it was paid or declined.
alter table messages
  drop constraint messages_template_check,
  add constraint messages_template_check check (
    template in (
      'registration', 'payment_sent', 'payment_received', 'invoice_issued', 'refund', 'one_time_code',
      'hold_created', 'hold_captured', 'hold_voided', 'hold_expired', 'password_reset',
      'payment_request_received', 'payment_request_paid', 'payment_request_declined'
    )
  );
