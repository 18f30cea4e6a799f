-- The email with a password reset code ("forgot password").
alter table messages
  drop constraint messages_template_check,
  add constraint messages_template_check check (
    template in (
      'registration', 'payment_sent', 'payment_received', 'invoice_issued', 'refund', 'one_time_code',
      'hold_created', 'hold_captured', 'hold_voided', 'hold_expired', 'password_reset'
    )
  );
