/** Resetting a forgotten password (screens/forgot-password.screen.tsx). */
export const forgotPassword = {
  emailMissing: 'Enter the email address of your account.',
  codeInvalid: 'Enter the 6 digits of the code.',
  passwordTooShort_one: 'Use at least {{count}} character.',
  passwordTooShort_other: 'Use at least {{count}} characters.',
  request: {
    title: 'Reset your password',
    lead: 'Enter the email address of your account. We will email you a code to set a new password.',
    email: 'Email',
    sending: 'Sending…',
    send: 'Email me a code',
    remembered: 'Remembered it?',
    logIn: 'Log in',
  },
  reset: {
    title: 'Set a new password',
    codeSent:
      'If an account uses {{email}}, we have emailed it a 6-digit code. It is valid for 15 minutes and works once.',
    code: 'Code from the email',
    password: 'New password',
    passwordHint_one:
      'At least {{count}} character. Every device signed in to your account will be logged out.',
    passwordHint_other:
      'At least {{count}} characters. Every device signed in to your account will be logged out.',
    fixFields: 'Some details need fixing: see the messages next to the fields.',
    saving: 'Saving…',
    save: 'Set new password',
    sendAnother: 'Send another code',
  },
};
