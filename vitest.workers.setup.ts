import { checkCallsAgainstContracts } from '@moneypal/kit';

/**
 * Runs in every test worker before its test file. In production a bus payload is validated
 * once, by the service it enters; in the tests the calling side checks its outgoing request
 * and the reply against the contract as well, so that a caller's bug or a reply outside its
 * contract fails a test.
 */
checkCallsAgainstContracts(true);
