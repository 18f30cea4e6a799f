/** What to fix in a field, before the server is asked (forms.ts). */
export const forms = {
  firstNameMissing: 'Enter your first name.',
  lastNameMissing: 'Enter your last name.',
  userNameMissing: 'Choose a user name.',
  userNameLength: 'Use {{min}} to {{max}} characters.',
  userNameCharacters: 'Use letters, digits, ".", "_" and "-", starting with a letter or digit.',
  emailMissing: 'Enter your email address.',
  emailInvalid: 'Enter an email address such as ana@example.com.',
  atLeast_one: 'Use at least {{count}} character.',
  atLeast_other: 'Use at least {{count}} characters.',
  atMost_one: 'Use at most {{count}} character.',
  atMost_other: 'Use at most {{count}} characters.',
  phoneInvalid: 'Enter the number with its country code, such as +14155550123, or leave it empty.',
  recipientMissing: 'Enter their user name or email.',
  recipientTooLong: 'That is too long for a user name or email.',
};
