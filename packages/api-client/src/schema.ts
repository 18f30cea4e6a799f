// Generated from ../openapi.json by openapi-typescript: run `npm run generate:api-client`, never edit.

export interface paths {
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register a user
         * @description Answers the user; log in with the same credentials to get tokens.
         */
        post: operations["postV1AuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with a user name or email and a password
         * @description Answers tokens, or 202 with a challenge when the user has one-time codes turned on: the code is sent by SMS (or email) and goes to `POST /v1/auth/otp/verify`. The answer also sets the refresh token as the `moneypal_refresh` cookie (`HttpOnly; Secure; SameSite=Strict; Path=/v1/auth`), which a browser then refreshes with.
         */
        post: operations["postV1AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/otp/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a login with its one-time code
         * @description The answer also sets the refresh token as the `moneypal_refresh` cookie (`HttpOnly; Secure; SameSite=Strict; Path=/v1/auth`), which a browser then refreshes with.
         */
        post: operations["postV1AuthOtpVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens
         * @description The refresh token rotates: presenting a used one again revokes the whole session. An API client sends `{"refresh_token": …}`; a browser sends `{}` with its `moneypal_refresh` cookie and an `X-Requested-With` header, from MoneyPal's own origin only (`Origin` and `Sec-Fetch-Site` are checked): anything else answers 403, so another site cannot refresh. The answer also sets the refresh token as the `moneypal_refresh` cookie (`HttpOnly; Secure; SameSite=Strict; Path=/v1/auth`), which a browser then refreshes with.
         */
        post: operations["postV1AuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out: revoke this session’s refresh tokens
         * @description Also clears the `moneypal_refresh` cookie.
         */
        post: operations["postV1AuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a password reset code by email
         * @description When the email is a user’s, a 6-digit code is emailed to it: valid 15 minutes, once, for five tries; at most three codes an hour are sent (further requests send nothing). The answer is 202 either way, so it does not tell whether the email has an account.
         */
        post: operations["postV1AuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with an emailed reset code
         * @description Every session of the user ends. A wrong, expired or used code, or an email without an account, all answer the same 400 with an error on `code`.
         */
        post: operations["postV1AuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read my profile */
        get: operations["getV1UsersMe"];
        put?: never;
        post?: never;
        /**
         * Delete my account
         * @description Needs the password (a wrong one answers 401 with an error on `password`). Every session ends; the user name and email become free. Empty wallets close; wallets with money in them are frozen with the money, which only an admin can then release.
         */
        delete: operations["deleteV1UsersMe"];
        options?: never;
        head?: never;
        /**
         * Change my profile
         * @description Changing the password, email or phone needs `current_password` (a wrong one answers 401 with an error on `current_password`); a taken user name or email answers 409 with an error on that field. A new password ends every session. `two_factor_enabled` turns one-time codes on or off.
         */
        patch: operations["patchV1UsersMe"];
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Text filters match case-insensitively as substrings; newest first.
         */
        get: operations["getV1Users"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/find": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find one user by id, email or user name
         * @description Give exactly one of `id`, `email` or `user_name`.
         */
        get: operations["getV1UsersFind"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Look up who a recipient is
         * @description `query` is the exact handle (user name), email or phone (E.164, such as +14155550123) of one user, matched case-insensitively and never in part; answers only their display name and handle, so that the sender sees who will receive the money before confirming. 404 `recipient_not_found` for anything else. At most 30 lookups a minute per user; more is 429.
         */
        get: operations["getV1Recipients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the balance of a user by email
         * @description The main balance of the user’s default wallet. A user may ask for their own email only (any other answers 404); an admin for anyone’s.
         */
        get: operations["getV1Balance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my wallets
         * @description Filters by currency, status and wallet type.
         */
        get: operations["getV1Wallets"];
        put?: never;
        /**
         * Open another wallet
         * @description A wallet of a currency and a wallet type (`personal` unless given).
         */
        post: operations["postV1Wallets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a wallet with its main, savings and available balances
         * @description The owner’s or, for an admin, anyone’s.
         */
        get: operations["getV1WalletsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Freeze, unfreeze or close a wallet (admin)
         * @description Sets `status` to `frozen` (no money moves in or out), `active` again, or `closed` (for good); `reason` is kept with the admin’s id in the wallet’s status history and sent in a `ledger.wallet.status_changed` event. Closing needs the main and savings balances at zero; a closed wallet is never reopened; a deleted user’s wallet is never active again (each 409 `conflict`). Asking for the status the wallet has answers it unchanged and records nothing.
         */
        patch: operations["patchV1WalletsById"];
        trace?: never;
    };
    "/v1/wallets/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a wallet’s balance now, or as of a time
         * @description With `at`, the balances after every movement up to and including that instant.
         */
        get: operations["getV1WalletsByIdBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit a wallet by hand (back office)
         * @description Moves `amount` from the back-office system account into the wallet; the wallet’s savings plan applies as to any credit.
         */
        post: operations["postV1WalletsByIdDeposits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/savings-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Choose or clear my wallet’s savings plan
         * @description `{"plan_id": null}` clears it; the plan applies to every later credit.
         */
        put: operations["putV1WalletsByIdSavingsPlan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/savings/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move money from my wallet’s savings to its main balance */
        post: operations["postV1WalletsByIdSavingsWithdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transfer money from my wallet to another user’s
         * @description To a wallet (`to_wallet_id`) or to a user (`to_user`: their user name or email; the money lands in their default wallet). Both wallets must hold the same currency. `metadata` keeps up to 20 string pairs of my own (an order id, say), returned wherever the transfer is read and filterable in the history. Answers the transfer with its entries and my wallet’s balance after it.
         */
        post: operations["postV1Transfers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{id}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reverse a transfer, in full or in part (admin)
         * @description Moves `amount` (by default all that is left of the transfer) back from the payee’s main balance to the payer’s, as a new transfer of type `reversal` whose `reversal_of` names the original and whose description is the `reason`; the original’s entries stay as they are. Several partial reversals are allowed up to the original amount; more is 409 `conflict`, as is a transfer that is not between two users’ wallets. 422 `insufficient_funds` when the payee no longer holds the amount. Answers the reversal with its entries and the payee’s wallet balance after it.
         */
        post: operations["postV1TransfersByIdReverse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transfer money in many transfers at once
         * @description Up to 1000 transfers, each with the fields of a single transfer and its own `idempotency_key` (the same key space as the `Idempotency-Key` header: a retried batch replays each transfer’s stored answer). Answers one result per transfer, in the order given: `posted` with the transfer (`replayed` for a stored answer), or `failed` with the error a single transfer would have answered (`code`, `message`, `details`). With `atomic: true`, either every transfer is posted or none is: the failing ones report their own error and the others `batch_failed`. The gateway waits longer for a batch than for a single transfer (`BUS_BULK_REQUEST_TIMEOUT_MS`, 60 s by default); should it answer 503 `unavailable` all the same, send the same transfers again with the same keys to learn each outcome.
         */
        post: operations["postV1TransfersBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my transactions
         * @description Newest first. Filters: one wallet, a time range (`from` inclusive, `to` exclusive), a type, a direction, an amount range (minor units, inclusive; `min_amount` above `max_amount` is refused), a counterparty (a wallet or user id, or words of the person’s name or user name, case-insensitive), words of the note (`q`, case-insensitive) and metadata pairs (`metadata[order_id]=A-1042`: only transfers whose metadata holds every pair given).
         */
        get: operations["getV1Transactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one transaction with its entries
         * @description For a party to it or an admin.
         */
        get: operations["getV1TransactionsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my holds, as payer or payee
         * @description Newest first. Filters: one of my wallets, a status, and a direction (`out`: holds I pay; `in`: holds I am the payee of). An admin sees every hold.
         */
        get: operations["getV1Holds"];
        put?: never;
        /**
         * Hold money of my wallet in escrow for a payee
         * @description The amount leaves my available balance at once and shows as `held` on my wallet until the hold is settled: I capture it (to the payee), the payee or an admin voids it (back to me), or at `expires_at` it applies `on_expiry` by itself (`void` unless told; a `capture` whose payee can no longer be paid gives the money back instead). The payee is a wallet (`to_wallet_id`) or a user (`to_user`: user name or email; their default wallet of the currency). The rules and daily limits of my wallet type for `transfer` apply when the hold is made; none apply when it is settled. Answers the hold and my wallet’s balance after it.
         */
        post: operations["postV1Holds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture a hold: release it to the payee, in full or in part
         * @description For the payer, or an admin settling a dispute. Without `amount` the whole hold goes to the payee (through the payee’s savings plan, like any payment received); with it, that much goes to the payee and the rest back to the payer. Both wallets must be active (422 `wallet_frozen`). A hold already captured, voided or expired answers 409 `hold_already_settled`; the payee capturing is 403 `forbidden`. Answers the hold and the payer’s wallet balance after it.
         */
        post: operations["postV1HoldsByIdCapture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void a hold: give it back to the payer
         * @description For the payee (declining the job), or an admin settling a dispute; the whole amount goes back to the payer’s main balance, whatever the wallets’ statuses. A hold already captured, voided or expired answers 409 `hold_already_settled`; the payer voiding is 403 `forbidden` (the payer captures, or waits for the expiry). Answers the hold and the caller’s side: the payee’s wallet balance for the payee, the payer’s for an admin.
         */
        post: operations["postV1HoldsByIdVoid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one hold
         * @description For its payer, its payee or an admin.
         */
        get: operations["getV1HoldsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List wallet types */
        get: operations["getV1WalletTypes"];
        put?: never;
        /** Create a wallet type */
        post: operations["postV1WalletTypes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/savings-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List savings plans */
        get: operations["getV1SavingsPlans"];
        put?: never;
        /**
         * Create a savings plan
         * @description `flat`: `value` minor units of every credit go to savings (a smaller or equal credit is refused); `percentage`: `value` basis points (1/100 %) of every credit, rounded down.
         */
        post: operations["postV1SavingsPlans"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transaction-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List transaction rules */
        get: operations["getV1TransactionRules"];
        put?: never;
        /**
         * Set the rule of a wallet type and transaction type
         * @description Creates the rule, or replaces the one that wallet type and transaction type already have. A limit left out or `null` does not apply.
         */
        post: operations["postV1TransactionRules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my payments
         * @description Newest first; an admin sees every payment. Filters: `status`, and metadata pairs (`metadata[order_id]=A-1042`: only payments whose metadata holds every pair given).
         */
        get: operations["getV1Payments"];
        put?: never;
        /**
         * Pay through PayPal: fund my wallet, or pay a provider
         * @description Creates a PayPal order for the amount and answers the payment with `approve_url`, where the buyer approves it at PayPal. Without `paid_to` the money funds the wallet; with `paid_to` (a user name or email) it is credited to the wallet and then paid to that provider, with an invoice. The wallet must be mine and hold the currency. `metadata` keeps up to 20 string pairs of my own (an order id, say), returned wherever the payment is read and filterable in the list.
         */
        post: operations["postV1Payments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one of my payments */
        get: operations["getV1PaymentsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture an approved payment
         * @description Called when the buyer returns from PayPal; PayPal’s webhook may have captured it already, in which case the payment is answered as it is. A declined capture answers the payment with status `failed` and `failure_reason: declined`.
         */
        post: operations["postV1PaymentsByIdCapture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that the buyer cancelled at PayPal
         * @description A payment not yet approved fails as `cancelled`; any other is answered as it is.
         */
        post: operations["postV1PaymentsByIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund a captured payment, in full or in part (admin)
         * @description Refunds `amount` at PayPal (by default all that is left of the payment). Several partial refunds are allowed up to the captured amount; more is 422 `payment_not_refundable`. The payment becomes `partially_refunded`, then `refunded` once all of it is; `refunded_amount` is what its completed refunds gave back and `refunds` lists each one. A refund PayPal has not completed yet is listed `pending` (its amount is taken) until PayPal’s webhook completes it. Billing then reverses each refund’s amount on the wallets, when their funds allow. `reason` is shown to the buyer at PayPal.
         */
        post: operations["postV1PaymentsByIdRefund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my payouts
         * @description Newest first, filtered by `status` and `wallet_id`; an admin sees every payout.
         */
        get: operations["getV1Payouts"];
        put?: never;
        /**
         * Pay money out of my wallet to a PayPal account
         * @description Takes `amount` out of the wallet’s main balance (the wallet type’s `withdrawal` rules and daily limits apply) and sends it to `receiver`, a PayPal account’s email, through PayPal Payouts. Answers the payout: `processing` once PayPal has it, `pending` while PayPal could not be reached (it is sent again, never twice). It ends `succeeded`, or `failed` / `returned` with the money back in the wallet; `unclaimed` while the receiver has no PayPal account yet. `metadata` keeps up to 20 string pairs of my own. A refused debit (422 `insufficient_funds`, `limit_exceeded`, `wallet_frozen`) sends nothing, and the same key answers it again.
         */
        post: operations["postV1Payouts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one of my payouts
         * @description For its owner or an admin.
         */
        get: operations["getV1PayoutsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a frozen or closed wallet’s balance (admin)
         * @description The one movement out of a frozen or closed wallet (a deleted user’s, say): its whole balance, main and savings. With `receiver` (a PayPal account’s email) it is a payout of the wallet’s owner, sent as any payout is (`payout` in the answer); without, a withdrawal to the back office (`withdrawal`). The admin and the `reason` are kept with it (the payout’s `released_by` and `release_reason`, the transfer’s metadata) and in its events. 409 `conflict` for an active wallet, one that holds nothing, or one whose balance changed meanwhile.
         */
        post: operations["postV1WalletsByIdRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a provider from my wallet
         * @description Pays the provider (`to_user`: user name or email) from my default wallet, or `wallet_id`, and issues a paid invoice. When the wallet is short, pay through PayPal instead (`POST /v1/payments` with `paid_to`). With `escrow: true` the amount goes into a hold for the provider instead, and the invoice is issued `held` with its `hold_id`: capturing the hold (`POST /v1/holds/{id}/capture`) pays it, voiding it or letting it expire with nothing captured cancels it.
         */
        post: operations["postV1Bills"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invoices I paid or was paid
         * @description Newest first; `role=payer` or `role=payee` narrows to one side; `transfer_id` or `hold_id` finds the invoice of one movement.
         */
        get: operations["getV1Invoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one invoice
         * @description For its payer, its payee or an admin.
         */
        get: operations["getV1InvoicesById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My totals and daily series over a date range
         * @description Payments made and received, deposits, transfers in and out, and invoices, per currency, for the UTC days `from` to `to` inclusive (at most 366 days).
         */
        get: operations["getV1ReportsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a statement of my wallet
         * @description The main balance of one wallet over a calendar month in UTC (`month=2026-11`) or a period (`from` inclusive, `to` exclusive, at most 366 days): the opening balance (every movement before the period), each movement with the balance after it, money in and out, and the closing balance (the opening balance plus every movement). `format=json` (the default), `csv` (RFC 4180, UTF-8, amounts as exact decimals) or `pdf`; CSV and PDF come as an attachment, `moneypal-statement-2026-11.pdf`. At most 10,000 movements: a busier period is asked for in parts.
         */
        get: operations["getV1WalletsByIdStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the receipt of a transaction
         * @description A PDF: who paid whom, the amount, the date, the reference and the status. For a party to the transaction or an admin, as reading it.
         */
        get: operations["getV1TransactionsByIdReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the receipt of an invoice
         * @description A PDF: the invoice number, who paid whom, the amount, its dates, references and status. For its payer, its payee or an admin, as reading it.
         */
        get: operations["getV1InvoicesByIdReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the payment requests I made or am asked to pay
         * @description Newest first. `direction=incoming`: the ones I am asked to pay; `direction=outgoing`: the ones I made. `status` narrows to one status; `expired` are the pending ones past their `expires_at`.
         */
        get: operations["getV1PaymentRequests"];
        put?: never;
        /**
         * Ask another user for money
         * @description Asks the payer (`from_user`: their user name or email) for `amount`, to land in my wallet `to_wallet_id` (whose currency the request takes). The payer is told, and pays or declines it. It stays payable until `expires_at` (30 days by default, at most 365), then reads as `expired`. 404 `recipient_not_found` names `from_user` when nobody has that name; asking myself is 400. At most 10 requests a minute per user; more is 429.
         */
        post: operations["postV1PaymentRequests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one payment request
         * @description For its requester, its payer or an admin; anyone else 404.
         */
        get: operations["getV1PaymentRequestsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a payment request I was sent
         * @description The payer pays the request from `from_wallet_id`: a transfer of the amount to the requester’s wallet, its description naming the request; the request becomes `paid` with its `transfer_id`. It is paid once whoever races: of concurrent pays, declines and cancels one wins, the others are 409 `payment_request_closed` (with the request’s `status` in `details`), as is a pay after it expired. A retry with the same Idempotency-Key replays the answer. The ledger’s refusals (`insufficient_funds`, `limit_exceeded`, …) come back as they are and leave the request pending.
         */
        post: operations["postV1PaymentRequestsByIdPay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a payment request I was sent
         * @description The payer declines the request, with a `reason` the requester reads or without. A request already paid, declined, cancelled or expired is 409 `payment_request_closed`; the requester declining is 403.
         */
        post: operations["postV1PaymentRequestsByIdDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a payment request I made
         * @description The requester takes a pending request back. A request already paid, declined, cancelled or expired is 409 `payment_request_closed`; the payer cancelling is 403 (they decline instead).
         */
        post: operations["postV1PaymentRequestsByIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the messages sent to me
         * @description Newest first, with each message’s delivery status, its text and when I read it (`read_at`, null while unread); `unread=true` lists only the unread ones. The text of a one-time or password reset code is always empty. An admin sees every message.
         */
        get: operations["getV1Notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count my unread messages
         * @description How many of my own messages I have not read yet (an admin’s own too, never everyone’s).
         */
        get: operations["getV1NotificationsUnreadCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one of my messages read
         * @description Answers the message with `read_at`; reading it again keeps the first time. Another user’s message is 404, for an admin too: the read state is its reader’s own.
         */
        post: operations["postV1NotificationsByIdRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark all my messages read
         * @description Answers how many this marked: 0 when all were read already.
         */
        post: operations["postV1NotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the gateway process is up */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the bus and every routed service answer
         * @description Answers 503 `unavailable` naming each failed check in `errors`.
         */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/paypal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a PayPal webhook
         * @description Verified against PayPal’s signature (RSA-SHA256 with the certificate at `PAYPAL-CERT-URL`) before anything in it is believed. A duplicate delivery is answered 200 and changes nothing.
         */
        post: operations["postV1WebhooksPaypal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            request_id: string;
            errors?: {
                path: string;
                message: string;
            }[];
            limit?: {
                name: string;
                value?: number;
            };
        };
        User: {
            /** Format: uuid */
            id: string;
            first_name: string;
            last_name: string;
            user_name: string;
            email: string;
            phone: string | null;
            /** @enum {string} */
            role: "user" | "admin";
            two_factor_enabled: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Tokens: {
            access_token: string;
            refresh_token: string;
            /** @constant */
            token_type: "Bearer";
            expires_in: number;
        };
        OtpChallenge: {
            /** @constant */
            otp_required: true;
            /** Format: uuid */
            challenge_id: string;
        };
        UserPage: {
            data: components["schemas"]["User"][];
            next_cursor: string | null;
        };
        /**
         * @example {
         *       "display_name": "Ada Lovelace",
         *       "user_name": "ada"
         *     }
         */
        Recipient: {
            display_name: string;
            user_name: string;
        };
        BalanceByEmail: {
            email: string;
            balance: number;
            currency: string;
        };
        WalletPage: {
            data: components["schemas"]["Wallet"][];
            next_cursor: string | null;
        };
        Wallet: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            owner_id: string;
            type: string;
            currency: string;
            /** @enum {string} */
            status: "active" | "frozen" | "closed";
            is_default: boolean;
            savings_plan_id: string | null;
            main: number;
            savings: number;
            available: number;
            held: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        WalletBalance: {
            /** Format: uuid */
            wallet_id: string;
            currency: string;
            main: number;
            savings: number;
            available: number;
            held: number;
            /** Format: date-time */
            as_of: string;
        };
        TransferResult: {
            transfer: components["schemas"]["Transfer"];
            balance: components["schemas"]["WalletBalance"];
        };
        Transfer: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "deposit" | "transfer" | "payment" | "withdrawal" | "savings" | "reversal" | "clearing" | "hold" | "hold_capture" | "hold_void";
            /** @constant */
            status: "posted";
            amount: number;
            currency: string;
            description: string | null;
            metadata: {
                [key: string]: string;
            };
            from_wallet_id: string | null;
            to_wallet_id: string | null;
            initiator_id: string | null;
            from_name?: string | null;
            from_handle?: string | null;
            to_name?: string | null;
            to_handle?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            reversal_of?: string;
            /** Format: uuid */
            hold_id?: string;
            entries?: components["schemas"]["Entry"][];
        };
        Entry: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            account_id: string;
            wallet_id: string | null;
            /** @enum {string} */
            account: "main" | "savings" | "held" | "system";
            amount: number;
            balance_after: number;
        };
        TransferBatchResult: {
            results: components["schemas"]["TransferBatchItemResult"][];
        };
        TransferBatchItemResult: {
            /** @constant */
            status: "posted";
            transfer: components["schemas"]["Transfer"];
            replayed: boolean;
        } | {
            /** @constant */
            status: "failed";
            error: {
                code: string;
                message: string;
                details?: {
                    [key: string]: unknown;
                };
            };
        };
        TransferPage: {
            data: components["schemas"]["Transfer"][];
            next_cursor: string | null;
        };
        HoldResult: {
            hold: components["schemas"]["Hold"];
            balance: components["schemas"]["WalletBalance"];
        };
        Hold: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "held" | "captured" | "voided" | "expired";
            amount: number;
            captured_amount: number;
            currency: string;
            description: string | null;
            metadata: {
                [key: string]: string;
            };
            /** Format: uuid */
            from_wallet_id: string;
            /** Format: uuid */
            to_wallet_id: string;
            /** Format: uuid */
            payer_id: string;
            /** Format: uuid */
            payee_id: string;
            payer_name?: string | null;
            payer_handle?: string | null;
            payee_name?: string | null;
            payee_handle?: string | null;
            expires_at: string | null;
            /** @enum {string} */
            on_expiry: "void" | "capture";
            /** Format: date-time */
            created_at: string;
            settled_at: string | null;
            settled_by: string | null;
            /** Format: uuid */
            transfer_id: string;
            settlement_transfer_id: string | null;
        };
        HoldPage: {
            data: components["schemas"]["Hold"][];
            next_cursor: string | null;
        };
        WalletType: {
            code: string;
            name: string;
            /** Format: date-time */
            created_at: string;
        };
        SavingsPlan: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "flat" | "percentage";
            value: number;
            /** Format: date-time */
            created_at: string;
        };
        TransactionRule: {
            /** Format: uuid */
            id: string;
            wallet_type: string;
            /** @enum {string} */
            transaction_type: "deposit" | "transfer" | "payment" | "withdrawal" | "savings";
            min_amount: number | null;
            max_amount: number | null;
            daily_total: number | null;
            daily_count: number | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Payment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            payer_id: string;
            /** Format: uuid */
            wallet_id: string;
            paid_to: string | null;
            amount: number;
            currency: string;
            description: string | null;
            /** @enum {string} */
            status: "created" | "approved" | "pending" | "captured" | "failed" | "partially_refunded" | "refunded";
            failure_reason: ("declined" | "cancelled" | "expired") | null;
            approve_url: string | null;
            paypal_order_id: string | null;
            paypal_capture_id: string | null;
            sandbox: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            captured_at: string | null;
            refunded_at: string | null;
            refunded_amount: number;
            refunds: components["schemas"]["Refund"][];
            metadata: {
                [key: string]: string;
            };
        };
        Refund: {
            /** Format: uuid */
            id: string;
            amount: number;
            /** @enum {string} */
            status: "requested" | "pending" | "completed" | "failed";
            reason: string | null;
            paypal_refund_id: string | null;
            /** Format: date-time */
            created_at: string;
            completed_at: string | null;
        };
        PaymentPage: {
            data: components["schemas"]["Payment"][];
            next_cursor: string | null;
        };
        Payout: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            user_id: string;
            /** Format: uuid */
            wallet_id: string;
            amount: number;
            currency: string;
            receiver: string;
            metadata: {
                [key: string]: string;
            };
            /** @enum {string} */
            status: "pending" | "processing" | "unclaimed" | "succeeded" | "failed" | "returned";
            failure_reason: ("insufficient_funds" | "limit_exceeded" | "wallet_frozen" | "denied" | "failed" | "blocked" | "returned" | "balance_changed") | null;
            paypal_batch_id: string | null;
            paypal_item_id: string | null;
            transfer_id: string | null;
            sandbox: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            completed_at: string | null;
            released_by: string | null;
            release_reason: string | null;
        };
        PayoutPage: {
            data: components["schemas"]["Payout"][];
            next_cursor: string | null;
        };
        WalletRelease: {
            payout?: components["schemas"]["Payout"];
            withdrawal?: components["schemas"]["TransferResult"];
        };
        BillResult: {
            invoice: components["schemas"]["Invoice"];
            /** Format: uuid */
            transfer_id: string;
        };
        Invoice: {
            /** Format: uuid */
            id: string;
            invoice_no: number;
            /** Format: uuid */
            payer_id: string;
            /** Format: uuid */
            payee_id: string;
            payer_name?: string | null;
            payer_handle?: string | null;
            payee_name?: string | null;
            payee_handle?: string | null;
            amount: number;
            currency: string;
            description: string | null;
            /** @enum {string} */
            status: "pending" | "paid" | "failed" | "partially_refunded" | "refunded" | "held" | "cancelled";
            payment_id: string | null;
            transfer_id: string | null;
            /** Format: date-time */
            issued_at: string;
            paid_at: string | null;
            refunded_at: string | null;
            refunded_amount: number;
            /** Format: date-time */
            updated_at: string;
            hold_id: string | null;
            amount_paid: number | null;
        };
        InvoicePage: {
            data: components["schemas"]["Invoice"][];
            next_cursor: string | null;
        };
        ReportSummary: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            currencies: {
                currency: string;
                totals: {
                    payments_made: {
                        count: number;
                        amount: number;
                    };
                    payments_received: {
                        count: number;
                        amount: number;
                    };
                    deposits: {
                        count: number;
                        amount: number;
                    };
                    transfers_in: {
                        count: number;
                        amount: number;
                    };
                    transfers_out: {
                        count: number;
                        amount: number;
                    };
                    invoices_paid: {
                        count: number;
                        amount: number;
                    };
                    invoices_received: {
                        count: number;
                        amount: number;
                    };
                };
                daily: {
                    /** Format: date */
                    date: string;
                    payments_made: {
                        count: number;
                        amount: number;
                    };
                    payments_received: {
                        count: number;
                        amount: number;
                    };
                    deposits: {
                        count: number;
                        amount: number;
                    };
                    transfers_in: {
                        count: number;
                        amount: number;
                    };
                    transfers_out: {
                        count: number;
                        amount: number;
                    };
                }[];
            }[];
        };
        Statement: {
            wallet: {
                /** Format: uuid */
                id: string;
                type: string;
                currency: string;
                /** Format: uuid */
                owner_id: string;
                owner_name: string | null;
                owner_handle: string | null;
            };
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            opening_balance: number;
            closing_balance: number;
            total_in: number;
            total_out: number;
            movements: components["schemas"]["StatementMovement"][];
        };
        StatementMovement: {
            transfer: components["schemas"]["Transfer"];
            amount: number;
            balance_after: number;
        };
        PaymentRequest: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "paid" | "declined" | "cancelled" | "expired";
            /** Format: uuid */
            requester_id: string;
            /** Format: uuid */
            payer_id: string;
            requester_name: string | null;
            requester_handle: string | null;
            payer_name: string | null;
            payer_handle: string | null;
            /** Format: uuid */
            to_wallet_id: string;
            amount: number;
            currency: string;
            description: string | null;
            /** Format: date-time */
            expires_at: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            from_wallet_id: string | null;
            transfer_id: string | null;
            paid_at: string | null;
            closed_at: string | null;
            decline_reason: string | null;
        };
        PaymentRequestPage: {
            data: components["schemas"]["PaymentRequest"][];
            next_cursor: string | null;
        };
        MessagePage: {
            data: components["schemas"]["InboxMessage"][];
            next_cursor: string | null;
        };
        InboxMessage: {
            /** Format: uuid */
            id: string;
            user_id: string | null;
            /** @enum {string} */
            channel: "email" | "sms";
            to: string;
            /** @enum {string} */
            template: "registration" | "payment_sent" | "payment_received" | "invoice_issued" | "refund" | "one_time_code" | "hold_created" | "hold_captured" | "hold_voided" | "hold_expired" | "password_reset" | "payment_request_received" | "payment_request_paid" | "payment_request_declined";
            subject: string | null;
            /** @enum {string} */
            status: "pending" | "sent" | "failed";
            attempts: number;
            provider_id: string | null;
            error: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            sent_at: string | null;
            body: string;
            read_at: string | null;
        };
        UnreadCount: {
            count: number;
        };
        MarkAllRead: {
            marked_read: number;
        };
        Liveness: {
            /** @constant */
            status: "ok";
        };
        Readiness: {
            /** @constant */
            status: "ok";
            checks: {
                [key: string]: "ok";
            };
        };
        RegisterRequest: {
            first_name: string;
            last_name: string;
            user_name: string;
            email: string;
            password: string;
            phone?: string;
        };
        LoginRequest: {
            login: string;
            password: string;
        };
        OtpVerifyRequest: {
            /** Format: uuid */
            challenge_id: string;
            code: string;
        };
        /**
         * @example {
         *       "refresh_token": "m2Qk8yZ0bq3P1V2w7Hn4a5Jr6Ls9Tc0E"
         *     }
         * @example {}
         */
        RefreshHttpRequest: {
            refresh_token?: string;
        };
        /**
         * @example {
         *       "email": "ada@example.com"
         *     }
         */
        PasswordResetRequest: {
            email: string;
        };
        /**
         * @example {
         *       "email": "ada@example.com",
         *       "code": "482913",
         *       "password": "a new long passphrase"
         *     }
         */
        PasswordResetConfirmRequest: {
            email: string;
            code: string;
            password: string;
        };
        UpdateMeRequest: {
            first_name?: string;
            last_name?: string;
            user_name?: string;
            email?: string;
            phone?: string | null;
            two_factor_enabled?: boolean;
            password?: string;
            current_password?: string;
        };
        /**
         * @example {
         *       "password": "my current passphrase"
         *     }
         */
        DeleteMeRequest: {
            password: string;
        };
        OpenWalletRequest: {
            currency: string;
            /** @default personal */
            type?: string;
        };
        /**
         * @example {
         *       "status": "frozen",
         *       "reason": "Chargeback dispute 2291 under review"
         *     }
         * @example {
         *       "status": "active",
         *       "reason": "Dispute 2291 settled in the customer’s favour"
         *     }
         * @example {
         *       "status": "closed",
         *       "reason": "Closed at the customer’s request, balance paid out"
         *     }
         */
        ChangeWalletStatusRequest: {
            /** @enum {string} */
            status: "active" | "frozen" | "closed";
            reason: string;
        };
        DepositRequest: {
            amount: number;
            reference: string;
        };
        SelectSavingsPlanRequest: {
            plan_id: string | null;
        };
        WithdrawSavingsRequest: {
            amount: number;
        };
        CreateTransferRequest: {
            /** Format: uuid */
            from_wallet_id: string;
            /** Format: uuid */
            to_wallet_id?: string;
            to_user?: string;
            amount: number;
            description?: string;
            /**
             * @description At most 20 pairs; keys 1 to 40 of `A-Z a-z 0-9 _ . -`, values strings of at most 500 characters.
             * @example {
             *       "order_id": "A-1042",
             *       "channel": "web"
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
        };
        /**
         * @example {
         *       "reason": "Chargeback 2291: the service was never delivered"
         *     }
         * @example {
         *       "amount": 1500,
         *       "reason": "Dispute 2291 settled: half of the job was delivered"
         *     }
         */
        ReverseTransferRequest: {
            amount?: number;
            reason: string;
        };
        CreateTransferBatchRequest: {
            transfers: components["schemas"]["CreateTransferBatchItem"][];
            /** @default false */
            atomic?: boolean;
        };
        CreateTransferBatchItem: {
            /** Format: uuid */
            from_wallet_id: string;
            /** Format: uuid */
            to_wallet_id?: string;
            to_user?: string;
            amount: number;
            description?: string;
            /**
             * @description At most 20 pairs; keys 1 to 40 of `A-Z a-z 0-9 _ . -`, values strings of at most 500 characters.
             * @example {
             *       "order_id": "A-1042",
             *       "channel": "web"
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
            idempotency_key: string;
        };
        /**
         * @example {
         *       "from_wallet_id": "0b9f6c0e-8d3c-4f7e-9a51-2f1f7c3b9d10",
         *       "to_user": "ada",
         *       "amount": 12000,
         *       "description": "Kitchen tiling, job 1042",
         *       "expires_at": "2027-01-15T12:00:00Z",
         *       "on_expiry": "capture",
         *       "metadata": {
         *         "order_id": "A-1042"
         *       }
         *     }
         */
        CreateHoldRequest: {
            /** Format: uuid */
            from_wallet_id: string;
            /** Format: uuid */
            to_wallet_id?: string;
            to_user?: string;
            amount: number;
            description?: string;
            /**
             * @description At most 20 pairs; keys 1 to 40 of `A-Z a-z 0-9 _ . -`, values strings of at most 500 characters.
             * @example {
             *       "order_id": "A-1042",
             *       "channel": "web"
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
            /** Format: date-time */
            expires_at?: string;
            /**
             * @default void
             * @enum {string}
             */
            on_expiry?: "void" | "capture";
        };
        /**
         * @example {}
         * @example {
         *       "amount": 9000
         *     }
         */
        CaptureHoldRequest: {
            amount?: number;
        };
        /**
         * @example {
         *       "reason": "I cannot take this job"
         *     }
         */
        VoidHoldRequest: {
            reason?: string;
        };
        CreateWalletTypeRequest: {
            code: string;
            name: string;
        };
        CreateSavingsPlanRequest: {
            name: string;
            /** @constant */
            kind: "flat";
            value: number;
        } | {
            name: string;
            /** @constant */
            kind: "percentage";
            value: number;
        };
        TransactionRuleRequest: {
            wallet_type: string;
            /** @enum {string} */
            transaction_type: "deposit" | "transfer" | "payment" | "withdrawal" | "savings";
            /** @default null */
            min_amount?: number | null;
            /** @default null */
            max_amount?: number | null;
            /** @default null */
            daily_total?: number | null;
            /** @default null */
            daily_count?: number | null;
        };
        CreatePaymentRequest: {
            amount: number;
            currency: string;
            /** Format: uuid */
            wallet_id: string;
            paid_to?: string;
            description?: string;
            /**
             * @description At most 20 pairs; keys 1 to 40 of `A-Z a-z 0-9 _ . -`, values strings of at most 500 characters.
             * @example {
             *       "order_id": "A-1042",
             *       "channel": "web"
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
        };
        /**
         * @example {}
         * @example {
         *       "amount": 500,
         *       "reason": "One of the two sessions was cancelled"
         *     }
         */
        RefundPaymentRequest: {
            amount?: number;
            reason?: string;
        };
        /**
         * @example {
         *       "wallet_id": "0192f0c4-7d1e-7cc2-9a51-6a4b0e5d2f10",
         *       "amount": 2500,
         *       "receiver": "ana@example.com",
         *       "metadata": {
         *         "reference": "cash-out-7"
         *       }
         *     }
         */
        CreatePayoutRequest: {
            /** Format: uuid */
            wallet_id: string;
            amount: number;
            receiver: string;
            /**
             * @description At most 20 pairs; keys 1 to 40 of `A-Z a-z 0-9 _ . -`, values strings of at most 500 characters.
             * @example {
             *       "order_id": "A-1042",
             *       "channel": "web"
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
        };
        /**
         * @example {
         *       "reason": "Account deleted; balance paid to the heir",
         *       "receiver": "heir@example.com"
         *     }
         */
        ReleaseWalletRequest: {
            reason: string;
            receiver?: string;
        };
        /**
         * @example {
         *       "to_user": "ada",
         *       "amount": 2500,
         *       "description": "Garden work"
         *     }
         * @example {
         *       "to_user": "ada",
         *       "amount": 12000,
         *       "description": "Kitchen tiling, job 1042",
         *       "escrow": true,
         *       "expires_at": "2027-01-15T12:00:00Z",
         *       "on_expiry": "capture"
         *     }
         */
        CreateBillRequest: {
            to_user: string;
            amount: number;
            /** Format: uuid */
            wallet_id?: string;
            description?: string;
            escrow?: boolean;
            /** Format: date-time */
            expires_at?: string;
            /** @enum {string} */
            on_expiry?: "void" | "capture";
        };
        CreatePaymentRequestRequest: {
            from_user: string;
            /** Format: uuid */
            to_wallet_id: string;
            amount: number;
            description?: string;
            /** Format: date-time */
            expires_at?: string;
        };
        PayPaymentRequestRequest: {
            /** Format: uuid */
            from_wallet_id: string;
        };
        DeclinePaymentRequestRequest: {
            reason?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postV1AuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "first_name": "Ada",
                 *       "last_name": "Lovelace",
                 *       "user_name": "ada",
                 *       "email": "ada@example.com",
                 *       "password": "orange kettle violin 1843",
                 *       "phone": "+442071838750"
                 *     }
                 */
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "first_name": "Ada",
                     *       "last_name": "Lovelace",
                     *       "user_name": "ada",
                     *       "email": "ada@example.com",
                     *       "phone": "+442071838750",
                     *       "role": "user",
                     *       "two_factor_enabled": false,
                     *       "created_at": "2026-11-02T09:14:07.000Z",
                     *       "updated_at": "2026-11-02T09:14:07.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "login": "ada",
                 *       "password": "orange kettle violin 1843"
                 *     }
                 */
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJFZERTQSIsImtpZCI6IjIwMjYtMTEifQ.eyJzdWIiOiIwMTkzZTBhMS01YzJiLTdhMTAtOGYzZS0yYjdjMWQ0ZTVmNjAifQ.h6Zq1cV0",
                     *       "refresh_token": "m2Qk8yZ0bq3P1V2w7Hn4a5Jr6Ls9Tc0E",
                     *       "token_type": "Bearer",
                     *       "expires_in": 900
                     *     }
                     */
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "otp_required": true,
                     *       "challenge_id": "0193e3f0-7d11-7e22-8f33-9a0b1c2d3e4f"
                     *     }
                     */
                    "application/json": components["schemas"]["OtpChallenge"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1AuthOtpVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "challenge_id": "0193e3f0-7d11-7e22-8f33-9a0b1c2d3e4f",
                 *       "code": "482913"
                 *     }
                 */
                "application/json": components["schemas"]["OtpVerifyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJFZERTQSIsImtpZCI6IjIwMjYtMTEifQ.eyJzdWIiOiIwMTkzZTBhMS01YzJiLTdhMTAtOGYzZS0yYjdjMWQ0ZTVmNjAifQ.h6Zq1cV0",
                     *       "refresh_token": "m2Qk8yZ0bq3P1V2w7Hn4a5Jr6Ls9Tc0E",
                     *       "token_type": "Bearer",
                     *       "expires_in": 900
                     *     }
                     */
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `otp_invalid`: The one-time code is wrong; `otp_expired`: The one-time code has expired or was used; `otp_exhausted`: Too many wrong one-time codes */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1AuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refresh_token": "m2Qk8yZ0bq3P1V2w7Hn4a5Jr6Ls9Tc0E"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshHttpRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJFZERTQSIsImtpZCI6IjIwMjYtMTEifQ.eyJzdWIiOiIwMTkzZTBhMS01YzJiLTdhMTAtOGYzZS0yYjdjMWQ0ZTVmNjAifQ.h6Zq1cV0",
                     *       "refresh_token": "m2Qk8yZ0bq3P1V2w7Hn4a5Jr6Ls9Tc0E",
                     *       "token_type": "Bearer",
                     *       "expires_in": 900
                     *     }
                     */
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1AuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1AuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["PasswordResetRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1AuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "code": "482913",
                 *       "password": "a new long passphrase"
                 *     }
                 */
                "application/json": components["schemas"]["PasswordResetConfirmRequest"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1UsersMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "first_name": "Ada",
                     *       "last_name": "Lovelace",
                     *       "user_name": "ada",
                     *       "email": "ada@example.com",
                     *       "phone": "+442071838750",
                     *       "role": "user",
                     *       "two_factor_enabled": false,
                     *       "created_at": "2026-11-02T09:14:07.000Z",
                     *       "updated_at": "2026-11-02T09:14:07.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user_not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteV1UsersMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "orange kettle violin 1843"
                 *     }
                 */
                "application/json": components["schemas"]["DeleteMeRequest"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user_not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchV1UsersMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "two_factor_enabled": true
                 *     }
                 */
                "application/json": components["schemas"]["UpdateMeRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "first_name": "Ada",
                     *       "last_name": "Lovelace",
                     *       "user_name": "ada",
                     *       "email": "ada@example.com",
                     *       "phone": "+442071838750",
                     *       "role": "user",
                     *       "two_factor_enabled": true,
                     *       "created_at": "2026-11-02T09:14:07.000Z",
                     *       "updated_at": "2026-11-02T09:31:45.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user_not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Users: {
        parameters: {
            query?: {
                /** @example 0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60 */
                id?: string;
                /** @example Ada */
                first_name?: string;
                /** @example Love */
                last_name?: string;
                /** @example ad */
                user_name?: string;
                /** @example @example.com */
                email?: string;
                /** @example +4420 */
                phone?: string;
                /** @example user */
                role?: "user" | "admin";
                /** @example 2026-11-01T00:00:00Z */
                created_from?: string;
                /** @example 2026-12-01T00:00:00Z */
                created_to?: string;
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example false */
                two_factor_enabled?: "true" | "false";
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "first_name": "Ada",
                     *           "last_name": "Lovelace",
                     *           "user_name": "ada",
                     *           "email": "ada@example.com",
                     *           "phone": "+442071838750",
                     *           "role": "user",
                     *           "two_factor_enabled": false,
                     *           "created_at": "2026-11-02T09:14:07.000Z",
                     *           "updated_at": "2026-11-02T09:14:07.000Z"
                     *         },
                     *         {
                     *           "id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *           "first_name": "Grace",
                     *           "last_name": "Hopper",
                     *           "user_name": "grace",
                     *           "email": "grace@example.com",
                     *           "phone": null,
                     *           "role": "user",
                     *           "two_factor_enabled": true,
                     *           "created_at": "2026-11-01T16:40:22.000Z",
                     *           "updated_at": "2026-11-01T16:40:22.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1UsersFind: {
        parameters: {
            query?: {
                /** @example 0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60 */
                id?: string;
                /** @example ada@example.com */
                email?: string;
                /** @example ada */
                user_name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "first_name": "Ada",
                     *       "last_name": "Lovelace",
                     *       "user_name": "ada",
                     *       "email": "ada@example.com",
                     *       "phone": "+442071838750",
                     *       "role": "user",
                     *       "two_factor_enabled": false,
                     *       "created_at": "2026-11-02T09:14:07.000Z",
                     *       "updated_at": "2026-11-02T09:14:07.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user_not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Recipients: {
        parameters: {
            query: {
                /** @example grace */
                query: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "display_name": "Grace Hopper",
                     *       "user_name": "grace"
                     *     }
                     */
                    "application/json": components["schemas"]["Recipient"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `recipient_not_found`: Recipient not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Balance: {
        parameters: {
            query: {
                /** @example ada@example.com */
                email: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "email": "ada@example.com",
                     *       "balance": 3000,
                     *       "currency": "USD"
                     *     }
                     */
                    "application/json": components["schemas"]["BalanceByEmail"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user_not_found`: User not found; `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Wallets: {
        parameters: {
            query?: {
                /** @example USD */
                currency?: string;
                /** @example active */
                status?: "active" | "frozen" | "closed";
                /** @example personal */
                type?: string;
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e5c7-3f40-7a51-b062-7c8d9e0f1a23",
                     *           "owner_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "type": "personal",
                     *           "currency": "EUR",
                     *           "status": "active",
                     *           "is_default": false,
                     *           "savings_plan_id": null,
                     *           "main": 0,
                     *           "savings": 0,
                     *           "available": 0,
                     *           "held": 0,
                     *           "created_at": "2026-11-04T10:00:00.000Z",
                     *           "updated_at": "2026-11-04T10:00:00.000Z"
                     *         },
                     *         {
                     *           "id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *           "owner_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "type": "personal",
                     *           "currency": "USD",
                     *           "status": "active",
                     *           "is_default": true,
                     *           "savings_plan_id": "0193e09f-8a10-7b20-9c30-4d5e6f708192",
                     *           "main": 3000,
                     *           "savings": 1000,
                     *           "available": 3000,
                     *           "held": 0,
                     *           "created_at": "2026-11-02T09:14:07.000Z",
                     *           "updated_at": "2026-11-02T09:14:07.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["WalletPage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1Wallets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currency": "EUR",
                 *       "type": "personal"
                 *     }
                 */
                "application/json": components["schemas"]["OpenWalletRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e5c7-3f40-7a51-b062-7c8d9e0f1a23",
                     *       "owner_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "type": "personal",
                     *       "currency": "EUR",
                     *       "status": "active",
                     *       "is_default": false,
                     *       "savings_plan_id": null,
                     *       "main": 0,
                     *       "savings": 0,
                     *       "available": 0,
                     *       "held": 0,
                     *       "created_at": "2026-11-04T10:00:00.000Z",
                     *       "updated_at": "2026-11-04T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Wallet"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1WalletsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "owner_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "type": "personal",
                     *       "currency": "USD",
                     *       "status": "active",
                     *       "is_default": true,
                     *       "savings_plan_id": "0193e09f-8a10-7b20-9c30-4d5e6f708192",
                     *       "main": 3000,
                     *       "savings": 1000,
                     *       "available": 3000,
                     *       "held": 0,
                     *       "created_at": "2026-11-02T09:14:07.000Z",
                     *       "updated_at": "2026-11-02T09:14:07.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Wallet"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchV1WalletsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "frozen",
                 *       "reason": "Chargeback dispute 2291 under review"
                 *     }
                 */
                "application/json": components["schemas"]["ChangeWalletStatusRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *       "owner_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "type": "personal",
                     *       "currency": "USD",
                     *       "status": "frozen",
                     *       "is_default": true,
                     *       "savings_plan_id": null,
                     *       "main": 10500,
                     *       "savings": 0,
                     *       "available": 0,
                     *       "held": 0,
                     *       "created_at": "2026-11-01T16:40:22.000Z",
                     *       "updated_at": "2026-11-21T15:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Wallet"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1WalletsByIdBalance: {
        parameters: {
            query?: {
                /** @example 2026-11-03T00:00:00.000Z */
                at?: string;
            };
            header?: never;
            path: {
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "currency": "USD",
                     *       "main": 13500,
                     *       "savings": 1500,
                     *       "available": 13500,
                     *       "held": 0,
                     *       "as_of": "2026-11-03T00:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WalletBalance"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1WalletsByIdDeposits: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 5000,
                 *       "reference": "Goodwill credit, ticket 3318"
                 *     }
                 */
                "application/json": components["schemas"]["DepositRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transfer": {
                     *         "id": "0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fa1",
                     *         "type": "deposit",
                     *         "status": "posted",
                     *         "amount": 5000,
                     *         "currency": "USD",
                     *         "description": "Goodwill credit, ticket 3318",
                     *         "metadata": {},
                     *         "from_wallet_id": null,
                     *         "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "initiator_id": "0193e0a1-4b1a-7c32-a05e-4d9e3f607182",
                     *         "created_at": "2026-11-02T14:05:00.000Z",
                     *         "entries": [
                     *           {
                     *             "id": "0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fb1",
                     *             "account_id": "0193e09f-0000-7000-8000-00000000b0ff",
                     *             "wallet_id": null,
                     *             "account": "system",
                     *             "amount": -5000,
                     *             "balance_after": -5000
                     *           },
                     *           {
                     *             "id": "0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fb2",
                     *             "account_id": "0193e0a2-1a2c-7e01-8a11-0c1d2e3f4a51",
                     *             "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *             "account": "main",
                     *             "amount": 4500,
                     *             "balance_after": 13500
                     *           },
                     *           {
                     *             "id": "0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fb3",
                     *             "account_id": "0193e0a2-1a2d-7e02-8b22-1d2e3f4a5b62",
                     *             "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *             "account": "savings",
                     *             "amount": 500,
                     *             "balance_after": 1500
                     *           }
                     *         ]
                     *       },
                     *       "balance": {
                     *         "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "currency": "USD",
                     *         "main": 13500,
                     *         "savings": 1500,
                     *         "available": 13500,
                     *         "held": 0,
                     *         "as_of": "2026-11-02T14:05:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TransferResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `wallet_frozen`: The wallet is not active; `limit_exceeded`: A transaction limit would be exceeded; `credit_not_above_savings`: The credit is not larger than the wallet's flat savings amount */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putV1WalletsByIdSavingsPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "plan_id": "0193e09f-8a10-7b20-9c30-4d5e6f708192"
                 *     }
                 */
                "application/json": components["schemas"]["SelectSavingsPlanRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "owner_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "type": "personal",
                     *       "currency": "USD",
                     *       "status": "active",
                     *       "is_default": true,
                     *       "savings_plan_id": "0193e09f-8a10-7b20-9c30-4d5e6f708192",
                     *       "main": 3000,
                     *       "savings": 1000,
                     *       "available": 3000,
                     *       "held": 0,
                     *       "created_at": "2026-11-02T09:14:07.000Z",
                     *       "updated_at": "2026-11-02T09:14:07.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Wallet"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found; `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_frozen`: The wallet is not active */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1WalletsByIdSavingsWithdraw: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 500
                 *     }
                 */
                "application/json": components["schemas"]["WithdrawSavingsRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transfer": {
                     *         "id": "0193e4c2-3d4e-7f50-b16c-7d8e9fa0b1c4",
                     *         "type": "savings",
                     *         "status": "posted",
                     *         "amount": 500,
                     *         "currency": "USD",
                     *         "description": null,
                     *         "metadata": {},
                     *         "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "initiator_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *         "created_at": "2026-11-04T08:02:10.000Z",
                     *         "entries": [
                     *           {
                     *             "id": "0193e4c2-3d4e-7f50-b16c-7d8e9fa0b1e1",
                     *             "account_id": "0193e0a2-1a2d-7e02-8b22-1d2e3f4a5b62",
                     *             "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *             "account": "savings",
                     *             "amount": -500,
                     *             "balance_after": 1000
                     *           },
                     *           {
                     *             "id": "0193e4c2-3d4e-7f50-b16c-7d8e9fa0b1e2",
                     *             "account_id": "0193e0a2-1a2c-7e01-8a11-0c1d2e3f4a51",
                     *             "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *             "account": "main",
                     *             "amount": 500,
                     *             "balance_after": 11500
                     *           }
                     *         ]
                     *       },
                     *       "balance": {
                     *         "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "currency": "USD",
                     *         "main": 11500,
                     *         "savings": 1000,
                     *         "available": 11500,
                     *         "held": 0,
                     *         "as_of": "2026-11-04T08:02:10.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TransferResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `insufficient_funds`: Insufficient funds; `limit_exceeded`: A transaction limit would be exceeded; `wallet_frozen`: The wallet is not active */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1Transfers: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                 *       "to_user": "grace",
                 *       "amount": 2500,
                 *       "description": "Dinner at Luigi’s",
                 *       "metadata": {
                 *         "split": "dinner-2026-11-03"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateTransferRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transfer": {
                     *         "id": "0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0b2",
                     *         "type": "transfer",
                     *         "status": "posted",
                     *         "amount": 2500,
                     *         "currency": "USD",
                     *         "description": "Dinner at Luigi’s",
                     *         "metadata": {
                     *           "split": "dinner-2026-11-03"
                     *         },
                     *         "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "initiator_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *         "created_at": "2026-11-03T20:12:31.000Z",
                     *         "entries": [
                     *           {
                     *             "id": "0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0c1",
                     *             "account_id": "0193e0a2-1a2c-7e01-8a11-0c1d2e3f4a51",
                     *             "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *             "account": "main",
                     *             "amount": -2500,
                     *             "balance_after": 11000
                     *           }
                     *         ]
                     *       },
                     *       "balance": {
                     *         "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "currency": "USD",
                     *         "main": 11000,
                     *         "savings": 1500,
                     *         "available": 11000,
                     *         "held": 0,
                     *         "as_of": "2026-11-03T20:12:31.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TransferResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found; `recipient_not_found`: Recipient not found; `recipient_has_no_wallet`: The recipient has no wallet in this currency */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `insufficient_funds`: Insufficient funds; `limit_exceeded`: A transaction limit would be exceeded; `currency_mismatch`: Currencies do not match; `wallet_frozen`: The wallet is not active; `credit_not_above_savings`: The credit is not larger than the wallet's flat savings amount */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1TransfersByIdReverse: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0b2 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 1500,
                 *       "reason": "Dispute 2291 settled: the restaurant refunded part of the bill"
                 *     }
                 */
                "application/json": components["schemas"]["ReverseTransferRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transfer": {
                     *         "id": "0193e9c2-3d4e-7f50-b16c-7d8e9fa0b1c3",
                     *         "type": "reversal",
                     *         "status": "posted",
                     *         "amount": 1500,
                     *         "currency": "USD",
                     *         "description": "Dispute 2291 settled: the restaurant refunded part of the bill",
                     *         "metadata": {},
                     *         "from_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "initiator_id": "0193e0a1-4b1a-7c32-a05e-4d9e3f607182",
                     *         "created_at": "2026-11-18T11:00:00.000Z",
                     *         "reversal_of": "0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0b2",
                     *         "entries": [
                     *           {
                     *             "id": "0193e9c2-3d4e-7f50-b16c-7d8e9fa0b1d1",
                     *             "account_id": "0193e0a2-2b3d-7e04-9d44-3f4a5b6c7d84",
                     *             "wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *             "account": "main",
                     *             "amount": -1500,
                     *             "balance_after": 10500
                     *           },
                     *           {
                     *             "id": "0193e9c2-3d4e-7f50-b16c-7d8e9fa0b1d2",
                     *             "account_id": "0193e0a2-1a2c-7e01-8a11-0c1d2e3f4a51",
                     *             "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *             "account": "main",
                     *             "amount": 1500,
                     *             "balance_after": 5500
                     *           }
                     *         ]
                     *       },
                     *       "balance": {
                     *         "wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "currency": "USD",
                     *         "main": 10500,
                     *         "savings": 0,
                     *         "available": 10500,
                     *         "held": 0,
                     *         "as_of": "2026-11-18T11:00:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TransferResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `insufficient_funds`: Insufficient funds; `wallet_frozen`: The wallet is not active */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1TransfersBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "transfers": [
                 *         {
                 *           "idempotency_key": "book-club-2026-11-grace",
                 *           "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                 *           "to_user": "grace",
                 *           "amount": 1000,
                 *           "description": "Book club, November"
                 *         },
                 *         {
                 *           "idempotency_key": "book-club-2026-11-deposit",
                 *           "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                 *           "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                 *           "amount": 250000
                 *         }
                 *       ],
                 *       "atomic": false
                 *     }
                 */
                "application/json": components["schemas"]["CreateTransferBatchRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "results": [
                     *         {
                     *           "status": "posted",
                     *           "transfer": {
                     *             "id": "0193e4b1-2c3e-7e50-a16c-7d8e9fa0b1c3",
                     *             "type": "transfer",
                     *             "status": "posted",
                     *             "amount": 1000,
                     *             "currency": "USD",
                     *             "description": "Book club, November",
                     *             "metadata": {},
                     *             "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *             "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *             "initiator_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *             "created_at": "2026-11-06T19:00:00.000Z"
                     *           },
                     *           "replayed": false
                     *         },
                     *         {
                     *           "status": "failed",
                     *           "error": {
                     *             "code": "insufficient_funds",
                     *             "message": "The balance is lower than the amount: send less, or add money to the wallet first."
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TransferBatchResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Transactions: {
        parameters: {
            query?: {
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                wallet_id?: string;
                /** @example 2026-11-01T00:00:00Z */
                from?: string;
                /** @example 2026-12-01T00:00:00Z */
                to?: string;
                /** @example transfer */
                type?: "deposit" | "transfer" | "payment" | "withdrawal" | "savings" | "reversal" | "clearing" | "hold" | "hold_capture" | "hold_void";
                /** @example out */
                direction?: "in" | "out";
                /**
                 * @description The other side: a wallet or user id, or words of the person’s name or user name (`ada`, `@ada`, `Lovelace`), case-insensitive.
                 * @example @grace
                 */
                counterparty?: string;
                /**
                 * @description Words in the transfer’s note (description), case-insensitive.
                 * @example dinner
                 */
                q?: string;
                /**
                 * @description Only transfers whose metadata holds every pair given, exactly: `metadata[order_id]=A-1042&metadata[channel]=web`.
                 * @example {
                 *       "split": "dinner-2026-11-03"
                 *     }
                 */
                metadata?: {
                    [key: string]: string;
                };
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example 1000 */
                min_amount?: number;
                /** @example 50000 */
                max_amount?: number;
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0b2",
                     *           "type": "transfer",
                     *           "status": "posted",
                     *           "amount": 2500,
                     *           "currency": "USD",
                     *           "description": "Dinner at Luigi’s",
                     *           "metadata": {
                     *             "split": "dinner-2026-11-03"
                     *           },
                     *           "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *           "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *           "initiator_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "created_at": "2026-11-03T20:12:31.000Z",
                     *           "entries": [
                     *             {
                     *               "id": "0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0c1",
                     *               "account_id": "0193e0a2-1a2c-7e01-8a11-0c1d2e3f4a51",
                     *               "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *               "account": "main",
                     *               "amount": -2500,
                     *               "balance_after": 11000
                     *             }
                     *           ],
                     *           "from_name": "Ada Lovelace",
                     *           "from_handle": "ada",
                     *           "to_name": "Grace Hopper",
                     *           "to_handle": "grace"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["TransferPage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1TransactionsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0b2 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0b2",
                     *       "type": "transfer",
                     *       "status": "posted",
                     *       "amount": 2500,
                     *       "currency": "USD",
                     *       "description": "Dinner at Luigi’s",
                     *       "metadata": {
                     *         "split": "dinner-2026-11-03"
                     *       },
                     *       "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *       "initiator_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "created_at": "2026-11-03T20:12:31.000Z",
                     *       "entries": [
                     *         {
                     *           "id": "0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0c1",
                     *           "account_id": "0193e0a2-1a2c-7e01-8a11-0c1d2e3f4a51",
                     *           "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *           "account": "main",
                     *           "amount": -2500,
                     *           "balance_after": 11000
                     *         }
                     *       ],
                     *       "from_name": "Ada Lovelace",
                     *       "from_handle": "ada",
                     *       "to_name": "Grace Hopper",
                     *       "to_handle": "grace"
                     *     }
                     */
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Holds: {
        parameters: {
            query?: {
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                wallet_id?: string;
                /** @example held */
                status?: "held" | "captured" | "voided" | "expired";
                /** @example out */
                direction?: "in" | "out";
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5",
                     *           "status": "held",
                     *           "amount": 3000,
                     *           "captured_amount": 0,
                     *           "currency": "USD",
                     *           "description": "Kitchen tiling, job 1042",
                     *           "metadata": {
                     *             "order_id": "A-1042"
                     *           },
                     *           "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *           "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *           "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *           "payer_name": "Ada Lovelace",
                     *           "payer_handle": "ada",
                     *           "payee_name": "Grace Hopper",
                     *           "payee_handle": "grace",
                     *           "expires_at": "2026-12-15T12:00:00.000Z",
                     *           "on_expiry": "capture",
                     *           "created_at": "2026-11-04T10:00:00.000Z",
                     *           "settled_at": null,
                     *           "settled_by": null,
                     *           "transfer_id": "0193e5d3-4e60-7062-837d-8e9fa0b1c2d6",
                     *           "settlement_transfer_id": null
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["HoldPage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1Holds: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                 *       "to_user": "grace",
                 *       "amount": 3000,
                 *       "description": "Kitchen tiling, job 1042",
                 *       "expires_at": "2026-12-15T12:00:00.000Z",
                 *       "on_expiry": "capture",
                 *       "metadata": {
                 *         "order_id": "A-1042"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateHoldRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "hold": {
                     *         "id": "0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5",
                     *         "status": "held",
                     *         "amount": 3000,
                     *         "captured_amount": 0,
                     *         "currency": "USD",
                     *         "description": "Kitchen tiling, job 1042",
                     *         "metadata": {
                     *           "order_id": "A-1042"
                     *         },
                     *         "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *         "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *         "payer_name": "Ada Lovelace",
                     *         "payer_handle": "ada",
                     *         "payee_name": "Grace Hopper",
                     *         "payee_handle": "grace",
                     *         "expires_at": "2026-12-15T12:00:00.000Z",
                     *         "on_expiry": "capture",
                     *         "created_at": "2026-11-04T10:00:00.000Z",
                     *         "settled_at": null,
                     *         "settled_by": null,
                     *         "transfer_id": "0193e5d3-4e60-7062-837d-8e9fa0b1c2d6",
                     *         "settlement_transfer_id": null
                     *       },
                     *       "balance": {
                     *         "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "currency": "USD",
                     *         "main": 8500,
                     *         "savings": 1000,
                     *         "available": 8500,
                     *         "held": 3000,
                     *         "as_of": "2026-11-04T10:00:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HoldResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found; `recipient_not_found`: Recipient not found; `recipient_has_no_wallet`: The recipient has no wallet in this currency */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `insufficient_funds`: Insufficient funds; `limit_exceeded`: A transaction limit would be exceeded; `currency_mismatch`: Currencies do not match; `wallet_frozen`: The wallet is not active */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1HoldsByIdCapture: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 2000
                 *     }
                 */
                "application/json": components["schemas"]["CaptureHoldRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "hold": {
                     *         "id": "0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5",
                     *         "status": "captured",
                     *         "amount": 3000,
                     *         "captured_amount": 2000,
                     *         "currency": "USD",
                     *         "description": "Kitchen tiling, job 1042",
                     *         "metadata": {
                     *           "order_id": "A-1042"
                     *         },
                     *         "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *         "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *         "payer_name": "Ada Lovelace",
                     *         "payer_handle": "ada",
                     *         "payee_name": "Grace Hopper",
                     *         "payee_handle": "grace",
                     *         "expires_at": "2026-12-15T12:00:00.000Z",
                     *         "on_expiry": "capture",
                     *         "created_at": "2026-11-04T10:00:00.000Z",
                     *         "settled_at": "2026-11-12T17:45:00.000Z",
                     *         "settled_by": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *         "transfer_id": "0193e5d3-4e60-7062-837d-8e9fa0b1c2d6",
                     *         "settlement_transfer_id": "0193e6e4-5f60-7172-938e-9fa0b1c2d3e7"
                     *       },
                     *       "balance": {
                     *         "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "currency": "USD",
                     *         "main": 8500,
                     *         "savings": 1000,
                     *         "available": 8500,
                     *         "held": 0,
                     *         "as_of": "2026-11-12T17:45:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HoldResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `hold_already_settled`: The hold is already settled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `wallet_frozen`: The wallet is not active; `credit_not_above_savings`: The credit is not larger than the wallet's flat savings amount */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1HoldsByIdVoid: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0193e5d3-5f70-7163-a48e-9fa0b1c2d3e8 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "I cannot take this job before December"
                 *     }
                 */
                "application/json": components["schemas"]["VoidHoldRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "hold": {
                     *         "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *         "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *         "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *         "payer_name": "Ada Lovelace",
                     *         "payer_handle": "ada",
                     *         "payee_name": "Grace Hopper",
                     *         "payee_handle": "grace",
                     *         "id": "0193e5d3-5f70-7163-a48e-9fa0b1c2d3e8",
                     *         "status": "voided",
                     *         "amount": 1500,
                     *         "captured_amount": 0,
                     *         "currency": "USD",
                     *         "description": "Logo design",
                     *         "metadata": {},
                     *         "expires_at": null,
                     *         "on_expiry": "void",
                     *         "created_at": "2026-11-04T11:30:00.000Z",
                     *         "settled_at": "2026-11-05T11:20:00.000Z",
                     *         "settled_by": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *         "transfer_id": "0193e5d3-5f71-7164-a58f-a0b1c2d3e4f9",
                     *         "settlement_transfer_id": "0193e6e4-6071-7275-b690-b1c2d3e4f50a"
                     *       },
                     *       "balance": {
                     *         "wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "currency": "USD",
                     *         "main": 6500,
                     *         "savings": 0,
                     *         "available": 6500,
                     *         "held": 0,
                     *         "as_of": "2026-11-05T11:20:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HoldResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `hold_already_settled`: The hold is already settled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1HoldsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5",
                     *       "status": "held",
                     *       "amount": 3000,
                     *       "captured_amount": 0,
                     *       "currency": "USD",
                     *       "description": "Kitchen tiling, job 1042",
                     *       "metadata": {
                     *         "order_id": "A-1042"
                     *       },
                     *       "from_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "to_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *       "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "payer_name": "Ada Lovelace",
                     *       "payer_handle": "ada",
                     *       "payee_name": "Grace Hopper",
                     *       "payee_handle": "grace",
                     *       "expires_at": "2026-12-15T12:00:00.000Z",
                     *       "on_expiry": "capture",
                     *       "created_at": "2026-11-04T10:00:00.000Z",
                     *       "settled_at": null,
                     *       "settled_by": null,
                     *       "transfer_id": "0193e5d3-4e60-7062-837d-8e9fa0b1c2d6",
                     *       "settlement_transfer_id": null
                     *     }
                     */
                    "application/json": components["schemas"]["Hold"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1WalletTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "code": "personal",
                     *           "name": "Personal",
                     *           "created_at": "2026-10-30T08:00:00.000Z"
                     *         },
                     *         {
                     *           "code": "business",
                     *           "name": "Business",
                     *           "created_at": "2026-10-30T08:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        data: components["schemas"]["WalletType"][];
                    };
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1WalletTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "business",
                 *       "name": "Business"
                 *     }
                 */
                "application/json": components["schemas"]["CreateWalletTypeRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "business",
                     *       "name": "Business",
                     *       "created_at": "2026-10-30T08:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WalletType"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1SavingsPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e09f-8a10-7b20-9c30-4d5e6f708192",
                     *           "name": "Save 10 %",
                     *           "kind": "percentage",
                     *           "value": 1000,
                     *           "created_at": "2026-10-30T08:00:00.000Z"
                     *         },
                     *         {
                     *           "id": "0193e09f-8b21-7c31-ad41-5e6f708192a3",
                     *           "name": "Save 2.00 a credit",
                     *           "kind": "flat",
                     *           "value": 200,
                     *           "created_at": "2026-10-30T08:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        data: components["schemas"]["SavingsPlan"][];
                    };
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1SavingsPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Save 10 %",
                 *       "kind": "percentage",
                 *       "value": 1000
                 *     }
                 */
                "application/json": components["schemas"]["CreateSavingsPlanRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e09f-8a10-7b20-9c30-4d5e6f708192",
                     *       "name": "Save 10 %",
                     *       "kind": "percentage",
                     *       "value": 1000,
                     *       "created_at": "2026-10-30T08:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["SavingsPlan"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1TransactionRules: {
        parameters: {
            query?: {
                /** @example personal */
                wallet_type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e09f-9c32-7d42-be52-6f708192a3b4",
                     *           "wallet_type": "personal",
                     *           "transaction_type": "transfer",
                     *           "min_amount": 100,
                     *           "max_amount": 500000,
                     *           "daily_total": 1000000,
                     *           "daily_count": 50,
                     *           "created_at": "2026-10-30T08:00:00.000Z",
                     *           "updated_at": "2026-10-30T08:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        data: components["schemas"]["TransactionRule"][];
                    };
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1TransactionRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "wallet_type": "personal",
                 *       "transaction_type": "transfer",
                 *       "min_amount": 100,
                 *       "max_amount": 500000,
                 *       "daily_total": 1000000,
                 *       "daily_count": 50
                 *     }
                 */
                "application/json": components["schemas"]["TransactionRuleRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e09f-9c32-7d42-be52-6f708192a3b4",
                     *       "wallet_type": "personal",
                     *       "transaction_type": "transfer",
                     *       "min_amount": 100,
                     *       "max_amount": 500000,
                     *       "daily_total": 1000000,
                     *       "daily_count": 50,
                     *       "created_at": "2026-10-30T08:00:00.000Z",
                     *       "updated_at": "2026-10-30T08:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["TransactionRule"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Payments: {
        parameters: {
            query?: {
                /** @example captured */
                status?: "created" | "approved" | "pending" | "captured" | "failed" | "partially_refunded" | "refunded";
                /**
                 * @description Only payments whose metadata holds every pair given, exactly: `metadata[order_id]=A-1042&metadata[channel]=web`.
                 * @example {
                 *       "channel": "web"
                 *     }
                 */
                metadata?: {
                    [key: string]: string;
                };
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *           "paid_to": null,
                     *           "currency": "USD",
                     *           "sandbox": false,
                     *           "refunds": [],
                     *           "refunded_amount": 0,
                     *           "refunded_at": null,
                     *           "failure_reason": null,
                     *           "id": "0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f",
                     *           "amount": 10000,
                     *           "description": "Wallet top-up",
                     *           "status": "captured",
                     *           "approve_url": null,
                     *           "paypal_order_id": "5O190127TN364715T",
                     *           "paypal_capture_id": "3C679366HH908993F",
                     *           "created_at": "2026-11-02T09:30:02.000Z",
                     *           "updated_at": "2026-11-02T09:31:45.000Z",
                     *           "captured_at": "2026-11-02T09:31:45.000Z",
                     *           "metadata": {
                     *             "channel": "web"
                     *           }
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentPage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1Payments: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 10000,
                 *       "currency": "USD",
                 *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                 *       "description": "Wallet top-up",
                 *       "metadata": {
                 *         "channel": "web"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreatePaymentRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "paid_to": null,
                     *       "currency": "USD",
                     *       "sandbox": false,
                     *       "refunds": [],
                     *       "refunded_amount": 0,
                     *       "refunded_at": null,
                     *       "failure_reason": null,
                     *       "id": "0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f",
                     *       "amount": 10000,
                     *       "description": "Wallet top-up",
                     *       "status": "created",
                     *       "approve_url": "https://www.paypal.com/checkoutnow?token=5O190127TN364715T",
                     *       "paypal_order_id": "5O190127TN364715T",
                     *       "paypal_capture_id": null,
                     *       "created_at": "2026-11-02T09:30:02.000Z",
                     *       "updated_at": "2026-11-02T09:30:02.000Z",
                     *       "captured_at": null,
                     *       "metadata": {
                     *         "channel": "web"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found; `recipient_not_found`: Recipient not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `currency_mismatch`: Currencies do not match; `wallet_frozen`: The wallet is not active */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `bad_gateway`: An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1PaymentsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "paid_to": null,
                     *       "currency": "USD",
                     *       "sandbox": false,
                     *       "refunds": [],
                     *       "refunded_amount": 0,
                     *       "refunded_at": null,
                     *       "failure_reason": null,
                     *       "id": "0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f",
                     *       "amount": 10000,
                     *       "description": "Wallet top-up",
                     *       "status": "captured",
                     *       "approve_url": null,
                     *       "paypal_order_id": "5O190127TN364715T",
                     *       "paypal_capture_id": "3C679366HH908993F",
                     *       "created_at": "2026-11-02T09:30:02.000Z",
                     *       "updated_at": "2026-11-02T09:31:45.000Z",
                     *       "captured_at": "2026-11-02T09:31:45.000Z",
                     *       "metadata": {
                     *         "channel": "web"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1PaymentsByIdCapture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "paid_to": null,
                     *       "currency": "USD",
                     *       "sandbox": false,
                     *       "refunds": [],
                     *       "refunded_amount": 0,
                     *       "refunded_at": null,
                     *       "failure_reason": null,
                     *       "id": "0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f",
                     *       "amount": 10000,
                     *       "description": "Wallet top-up",
                     *       "status": "captured",
                     *       "approve_url": null,
                     *       "paypal_order_id": "5O190127TN364715T",
                     *       "paypal_capture_id": "3C679366HH908993F",
                     *       "created_at": "2026-11-02T09:30:02.000Z",
                     *       "updated_at": "2026-11-02T09:31:45.000Z",
                     *       "captured_at": "2026-11-02T09:31:45.000Z",
                     *       "metadata": {
                     *         "channel": "web"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payment_not_capturable`: The payment cannot be captured in its state */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `bad_gateway`: An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1PaymentsByIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e3f1-3b4c-7d5e-9f60-7b8c9d0e1f2a */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "paid_to": null,
                     *       "currency": "USD",
                     *       "sandbox": false,
                     *       "refunds": [],
                     *       "refunded_amount": 0,
                     *       "refunded_at": null,
                     *       "failure_reason": "cancelled",
                     *       "id": "0193e3f1-3b4c-7d5e-9f60-7b8c9d0e1f2a",
                     *       "amount": 5000,
                     *       "description": "Wallet top-up",
                     *       "status": "failed",
                     *       "approve_url": null,
                     *       "paypal_order_id": "8MC585209K746392H",
                     *       "paypal_capture_id": null,
                     *       "created_at": "2026-11-04T10:00:00.000Z",
                     *       "updated_at": "2026-11-05T11:20:00.000Z",
                     *       "captured_at": null,
                     *       "metadata": {}
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1PaymentsByIdRefund: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 2500,
                 *       "reason": "Charged twice for one top-up"
                 *     }
                 */
                "application/json": components["schemas"]["RefundPaymentRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "paid_to": null,
                     *       "currency": "USD",
                     *       "sandbox": false,
                     *       "refunds": [
                     *         {
                     *           "id": "0193e7d2-4c5d-7e6f-a071-8c9d0e1f2a3b",
                     *           "amount": 2500,
                     *           "status": "completed",
                     *           "reason": "Charged twice for one top-up",
                     *           "paypal_refund_id": "1JU08902781691411",
                     *           "created_at": "2026-11-20T10:15:00.000Z",
                     *           "completed_at": "2026-11-20T10:15:00.000Z"
                     *         }
                     *       ],
                     *       "refunded_amount": 2500,
                     *       "refunded_at": "2026-11-20T10:15:00.000Z",
                     *       "failure_reason": null,
                     *       "id": "0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f",
                     *       "amount": 10000,
                     *       "description": "Wallet top-up",
                     *       "status": "partially_refunded",
                     *       "approve_url": null,
                     *       "paypal_order_id": "5O190127TN364715T",
                     *       "paypal_capture_id": "3C679366HH908993F",
                     *       "created_at": "2026-11-02T09:30:02.000Z",
                     *       "updated_at": "2026-11-20T10:15:00.000Z",
                     *       "captured_at": "2026-11-02T09:31:45.000Z",
                     *       "metadata": {
                     *         "channel": "web"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `payment_not_refundable`: The payment cannot be refunded in its state */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `bad_gateway`: An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Payouts: {
        parameters: {
            query?: {
                /** @example succeeded */
                status?: "pending" | "processing" | "unclaimed" | "succeeded" | "failed" | "returned";
                /** @example 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01 */
                wallet_id?: string;
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e7a6-7182-7394-85b0-c2d3e4f5061a",
                     *           "user_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *           "amount": 2000,
                     *           "currency": "USD",
                     *           "receiver": "ada.lovelace@example.com",
                     *           "metadata": {
                     *             "reference": "cash-out-7"
                     *           },
                     *           "status": "succeeded",
                     *           "failure_reason": null,
                     *           "paypal_batch_id": "5UXD2E8A7EBQJ",
                     *           "paypal_item_id": "8AELMXH8UB2P8",
                     *           "transfer_id": "0193e7a6-7183-7395-96c1-d3e4f506172b",
                     *           "sandbox": false,
                     *           "created_at": "2026-11-14T09:00:00.000Z",
                     *           "updated_at": "2026-11-14T09:03:12.000Z",
                     *           "completed_at": "2026-11-14T09:03:12.000Z",
                     *           "released_by": null,
                     *           "release_reason": null
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["PayoutPage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1Payouts: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                 *       "amount": 2000,
                 *       "receiver": "ada.lovelace@example.com",
                 *       "metadata": {
                 *         "reference": "cash-out-7"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreatePayoutRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e7a6-7182-7394-85b0-c2d3e4f5061a",
                     *       "user_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "amount": 2000,
                     *       "currency": "USD",
                     *       "receiver": "ada.lovelace@example.com",
                     *       "metadata": {
                     *         "reference": "cash-out-7"
                     *       },
                     *       "status": "processing",
                     *       "failure_reason": null,
                     *       "paypal_batch_id": "5UXD2E8A7EBQJ",
                     *       "paypal_item_id": null,
                     *       "transfer_id": "0193e7a6-7183-7395-96c1-d3e4f506172b",
                     *       "sandbox": false,
                     *       "created_at": "2026-11-14T09:00:00.000Z",
                     *       "updated_at": "2026-11-14T09:00:00.000Z",
                     *       "completed_at": null,
                     *       "released_by": null,
                     *       "release_reason": null
                     *     }
                     */
                    "application/json": components["schemas"]["Payout"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `insufficient_funds`: Insufficient funds; `limit_exceeded`: A transaction limit would be exceeded; `wallet_frozen`: The wallet is not active */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1PayoutsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e7a6-7182-7394-85b0-c2d3e4f5061a */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e7a6-7182-7394-85b0-c2d3e4f5061a",
                     *       "user_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "amount": 2000,
                     *       "currency": "USD",
                     *       "receiver": "ada.lovelace@example.com",
                     *       "metadata": {
                     *         "reference": "cash-out-7"
                     *       },
                     *       "status": "succeeded",
                     *       "failure_reason": null,
                     *       "paypal_batch_id": "5UXD2E8A7EBQJ",
                     *       "paypal_item_id": "8AELMXH8UB2P8",
                     *       "transfer_id": "0193e7a6-7183-7395-96c1-d3e4f506172b",
                     *       "sandbox": false,
                     *       "created_at": "2026-11-14T09:00:00.000Z",
                     *       "updated_at": "2026-11-14T09:03:12.000Z",
                     *       "completed_at": "2026-11-14T09:03:12.000Z",
                     *       "released_by": null,
                     *       "release_reason": null
                     *     }
                     */
                    "application/json": components["schemas"]["Payout"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1WalletsByIdRelease: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Account closed after dispute 2291; balance paid to the owner",
                 *       "receiver": "grace@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["ReleaseWalletRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payout": {
                     *         "id": "0193ea10-8293-74a5-a6d2-e4f506172839",
                     *         "user_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *         "wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *         "amount": 10500,
                     *         "currency": "USD",
                     *         "receiver": "grace@example.com",
                     *         "metadata": {},
                     *         "status": "pending",
                     *         "failure_reason": null,
                     *         "paypal_batch_id": null,
                     *         "paypal_item_id": null,
                     *         "transfer_id": "0193ea10-8294-74a6-b7e3-f5061728394a",
                     *         "sandbox": false,
                     *         "created_at": "2026-11-28T10:00:00.000Z",
                     *         "updated_at": "2026-11-28T10:00:00.000Z",
                     *         "completed_at": null,
                     *         "released_by": "0193e0a1-4b1a-7c32-a05e-4d9e3f607182",
                     *         "release_reason": "Account closed after dispute 2291; balance paid to the owner"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WalletRelease"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1Bills: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "to_user": "grace",
                 *       "amount": 2500,
                 *       "description": "Garden work"
                 *     }
                 */
                "application/json": components["schemas"]["CreateBillRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "invoice": {
                     *         "id": "0193e6f5-6071-7283-a49f-a0b1c2d3e4f8",
                     *         "invoice_no": 1042,
                     *         "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *         "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *         "payer_name": "Ada Lovelace",
                     *         "payer_handle": "ada",
                     *         "payee_name": "Grace Hopper",
                     *         "payee_handle": "grace",
                     *         "amount": 2500,
                     *         "currency": "USD",
                     *         "description": "Garden work",
                     *         "status": "paid",
                     *         "payment_id": null,
                     *         "transfer_id": "0193e6f5-6072-7284-b5a0-b1c2d3e4f509",
                     *         "issued_at": "2026-11-13T12:00:00.000Z",
                     *         "paid_at": "2026-11-13T12:00:00.000Z",
                     *         "refunded_at": null,
                     *         "refunded_amount": 0,
                     *         "updated_at": "2026-11-13T12:00:00.000Z",
                     *         "hold_id": null,
                     *         "amount_paid": 2500
                     *       },
                     *       "transfer_id": "0193e6f5-6072-7284-b5a0-b1c2d3e4f509"
                     *     }
                     */
                    "application/json": components["schemas"]["BillResult"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found; `recipient_not_found`: Recipient not found; `recipient_has_no_wallet`: The recipient has no wallet in this currency */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `insufficient_funds`: Insufficient funds; `limit_exceeded`: A transaction limit would be exceeded; `currency_mismatch`: Currencies do not match; `wallet_frozen`: The wallet is not active; `credit_not_above_savings`: The credit is not larger than the wallet's flat savings amount */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Invoices: {
        parameters: {
            query?: {
                /** @example payer */
                role?: "payer" | "payee";
                /** @example paid */
                status?: "pending" | "paid" | "failed" | "partially_refunded" | "refunded" | "held" | "cancelled";
                /**
                 * @description Only the invoice of this transfer (a bill paid from a wallet).
                 * @example 0193e6f5-6072-7284-b5a0-b1c2d3e4f509
                 */
                transfer_id?: string;
                /**
                 * @description Only the invoice of this escrow hold (a bill paid into escrow).
                 * @example 0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5
                 */
                hold_id?: string;
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193e6f5-6071-7283-a49f-a0b1c2d3e4f8",
                     *           "invoice_no": 1042,
                     *           "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *           "payer_name": "Ada Lovelace",
                     *           "payer_handle": "ada",
                     *           "payee_name": "Grace Hopper",
                     *           "payee_handle": "grace",
                     *           "amount": 2500,
                     *           "currency": "USD",
                     *           "description": "Garden work",
                     *           "status": "paid",
                     *           "payment_id": null,
                     *           "transfer_id": "0193e6f5-6072-7284-b5a0-b1c2d3e4f509",
                     *           "issued_at": "2026-11-13T12:00:00.000Z",
                     *           "paid_at": "2026-11-13T12:00:00.000Z",
                     *           "refunded_at": null,
                     *           "refunded_amount": 0,
                     *           "updated_at": "2026-11-13T12:00:00.000Z",
                     *           "hold_id": null,
                     *           "amount_paid": 2500
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["InvoicePage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1InvoicesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e6f5-6071-7283-a49f-a0b1c2d3e4f8 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0193e6f5-6071-7283-a49f-a0b1c2d3e4f8",
                     *       "invoice_no": 1042,
                     *       "payer_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "payee_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "payer_name": "Ada Lovelace",
                     *       "payer_handle": "ada",
                     *       "payee_name": "Grace Hopper",
                     *       "payee_handle": "grace",
                     *       "amount": 2500,
                     *       "currency": "USD",
                     *       "description": "Garden work",
                     *       "status": "paid",
                     *       "payment_id": null,
                     *       "transfer_id": "0193e6f5-6072-7284-b5a0-b1c2d3e4f509",
                     *       "issued_at": "2026-11-13T12:00:00.000Z",
                     *       "paid_at": "2026-11-13T12:00:00.000Z",
                     *       "refunded_at": null,
                     *       "refunded_amount": 0,
                     *       "updated_at": "2026-11-13T12:00:00.000Z",
                     *       "hold_id": null,
                     *       "amount_paid": 2500
                     *     }
                     */
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1ReportsSummary: {
        parameters: {
            query: {
                /** @example 2026-11-01 */
                from: string;
                /** @example 2026-11-03 */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "2026-11-01",
                     *       "to": "2026-11-03",
                     *       "currencies": [
                     *         {
                     *           "currency": "USD",
                     *           "totals": {
                     *             "payments_made": {
                     *               "count": 0,
                     *               "amount": 0
                     *             },
                     *             "payments_received": {
                     *               "count": 0,
                     *               "amount": 0
                     *             },
                     *             "deposits": {
                     *               "count": 2,
                     *               "amount": 15000
                     *             },
                     *             "transfers_in": {
                     *               "count": 0,
                     *               "amount": 0
                     *             },
                     *             "transfers_out": {
                     *               "count": 1,
                     *               "amount": 2500
                     *             },
                     *             "invoices_paid": {
                     *               "count": 0,
                     *               "amount": 0
                     *             },
                     *             "invoices_received": {
                     *               "count": 0,
                     *               "amount": 0
                     *             }
                     *           },
                     *           "daily": [
                     *             {
                     *               "date": "2026-11-01",
                     *               "payments_made": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "payments_received": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "deposits": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "transfers_in": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "transfers_out": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               }
                     *             },
                     *             {
                     *               "date": "2026-11-02",
                     *               "payments_made": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "payments_received": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "deposits": {
                     *                 "count": 2,
                     *                 "amount": 15000
                     *               },
                     *               "transfers_in": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "transfers_out": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               }
                     *             },
                     *             {
                     *               "date": "2026-11-03",
                     *               "payments_made": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "payments_received": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "deposits": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "transfers_in": {
                     *                 "count": 0,
                     *                 "amount": 0
                     *               },
                     *               "transfers_out": {
                     *                 "count": 1,
                     *                 "amount": 2500
                     *               }
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ReportSummary"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1WalletsByIdStatement: {
        parameters: {
            query?: {
                /**
                 * @description A calendar month in UTC, `2026-11`; or give `from` and `to` instead.
                 * @example 2026-11
                 */
                month?: string;
                /** @example 2026-11-01T00:00:00Z */
                from?: string;
                /** @example 2026-12-01T00:00:00Z */
                to?: string;
                /**
                 * @description `json` (the default), `csv` (RFC 4180, UTF-8) or `pdf`.
                 * @example pdf
                 */
                format?: "json" | "csv" | "pdf";
            };
            header?: never;
            path: {
                /** @example 0193a1f0-6b2c-7d11-8e3f-2a4b5c6d7e80 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: JSON, CSV, PDF */
            200: {
                headers: {
                    /** @description For a document: `attachment; filename="…"`, the name to save it under. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "wallet": {
                     *         "id": "0193a1f0-6b2c-7d11-8e3f-2a4b5c6d7e80",
                     *         "type": "personal",
                     *         "currency": "USD",
                     *         "owner_id": "0193a1e8-0f4a-7c55-9b1d-3e2f4a5b6c7d",
                     *         "owner_name": "Ada Lovelace",
                     *         "owner_handle": "ada"
                     *       },
                     *       "from": "2026-11-01T00:00:00.000Z",
                     *       "to": "2026-12-01T00:00:00.000Z",
                     *       "opening_balance": 12000,
                     *       "closing_balance": 15150,
                     *       "total_in": 5700,
                     *       "total_out": 2550,
                     *       "movements": [
                     *         {
                     *           "transfer": {
                     *             "id": "0196b0a0-0c00-7a00-8a00-000000000001",
                     *             "type": "deposit",
                     *             "status": "posted",
                     *             "amount": 5000,
                     *             "currency": "USD",
                     *             "description": "paypal:5TY05013RG002845M",
                     *             "metadata": {
                     *               "source": "paypal-clearing"
                     *             },
                     *             "from_wallet_id": null,
                     *             "to_wallet_id": "0193a1f0-6b2c-7d11-8e3f-2a4b5c6d7e80",
                     *             "initiator_id": null,
                     *             "from_name": null,
                     *             "from_handle": null,
                     *             "to_name": "Ada Lovelace",
                     *             "to_handle": "ada",
                     *             "created_at": "2026-11-03T09:12:44.000Z"
                     *           },
                     *           "amount": 5000,
                     *           "balance_after": 17000
                     *         },
                     *         {
                     *           "transfer": {
                     *             "id": "0196b0a0-0c00-7a00-8a00-000000000002",
                     *             "type": "transfer",
                     *             "status": "posted",
                     *             "amount": 2550,
                     *             "currency": "USD",
                     *             "description": "Concert tickets",
                     *             "metadata": {},
                     *             "from_wallet_id": "0193a1f0-6b2c-7d11-8e3f-2a4b5c6d7e80",
                     *             "to_wallet_id": "0193a1f2-11aa-7e42-a5c3-9d8e7f6a5b4c",
                     *             "initiator_id": "0193a1e8-0f4a-7c55-9b1d-3e2f4a5b6c7d",
                     *             "from_name": "Ada Lovelace",
                     *             "from_handle": "ada",
                     *             "to_name": "Grace Hopper",
                     *             "to_handle": "grace",
                     *             "created_at": "2026-11-12T18:40:02.000Z"
                     *           },
                     *           "amount": -2550,
                     *           "balance_after": 14450
                     *         },
                     *         {
                     *           "transfer": {
                     *             "id": "0196b0a0-0c00-7a00-8a00-000000000003",
                     *             "type": "transfer",
                     *             "status": "posted",
                     *             "amount": 700,
                     *             "currency": "USD",
                     *             "description": "Taxi, my half",
                     *             "metadata": {},
                     *             "from_wallet_id": "0193a1f2-11aa-7e42-a5c3-9d8e7f6a5b4c",
                     *             "to_wallet_id": "0193a1f0-6b2c-7d11-8e3f-2a4b5c6d7e80",
                     *             "initiator_id": "0193a1e9-5d3c-7b21-8f0e-6a7b8c9d0e1f",
                     *             "from_name": "Grace Hopper",
                     *             "from_handle": "grace",
                     *             "to_name": "Ada Lovelace",
                     *             "to_handle": "ada",
                     *             "created_at": "2026-11-30T23:59:59.000Z"
                     *           },
                     *           "amount": 700,
                     *           "balance_after": 15150
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Statement"];
                    "text/csv": string;
                    "application/pdf": string;
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1TransactionsByIdReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0196b0a0-0c00-7a00-8a00-000000000002 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: PDF */
            200: {
                headers: {
                    /** @description For a document: `attachment; filename="…"`, the name to save it under. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1InvoicesByIdReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0196b0a0-0e00-7a00-8a00-000000000001 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: PDF */
            200: {
                headers: {
                    /** @description For a document: `attachment; filename="…"`, the name to save it under. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1PaymentRequests: {
        parameters: {
            query?: {
                /** @example incoming */
                direction?: "incoming" | "outgoing";
                /** @example pending */
                status?: "pending" | "paid" | "declined" | "cancelled" | "expired";
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f",
                     *           "status": "pending",
                     *           "requester_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "payer_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *           "requester_name": "Ada Lovelace",
                     *           "requester_handle": "ada",
                     *           "payer_name": "Grace Hopper",
                     *           "payer_handle": "grace",
                     *           "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *           "amount": 2500,
                     *           "currency": "USD",
                     *           "description": "Dinner at Luigi’s",
                     *           "expires_at": "2027-01-06T19:30:00.000Z",
                     *           "created_at": "2026-12-07T19:30:00.000Z",
                     *           "updated_at": "2026-12-07T19:30:00.000Z",
                     *           "from_wallet_id": null,
                     *           "transfer_id": null,
                     *           "paid_at": null,
                     *           "closed_at": null,
                     *           "decline_reason": null
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentRequestPage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1PaymentRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_user": "grace",
                 *       "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                 *       "amount": 2500,
                 *       "description": "Dinner at Luigi’s"
                 *     }
                 */
                "application/json": components["schemas"]["CreatePaymentRequestRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "status": "pending",
                     *       "requester_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "payer_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "requester_name": "Ada Lovelace",
                     *       "requester_handle": "ada",
                     *       "payer_name": "Grace Hopper",
                     *       "payer_handle": "grace",
                     *       "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "amount": 2500,
                     *       "currency": "USD",
                     *       "description": "Dinner at Luigi’s",
                     *       "expires_at": "2027-01-06T19:30:00.000Z",
                     *       "created_at": "2026-12-07T19:30:00.000Z",
                     *       "updated_at": "2026-12-07T19:30:00.000Z",
                     *       "from_wallet_id": null,
                     *       "transfer_id": null,
                     *       "paid_at": null,
                     *       "closed_at": null,
                     *       "decline_reason": null
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_not_found`: Wallet not found; `recipient_not_found`: Recipient not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wallet_frozen`: The wallet is not active */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1PaymentRequestsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "status": "pending",
                     *       "requester_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "payer_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "requester_name": "Ada Lovelace",
                     *       "requester_handle": "ada",
                     *       "payer_name": "Grace Hopper",
                     *       "payer_handle": "grace",
                     *       "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "amount": 2500,
                     *       "currency": "USD",
                     *       "description": "Dinner at Luigi’s",
                     *       "expires_at": "2027-01-06T19:30:00.000Z",
                     *       "created_at": "2026-12-07T19:30:00.000Z",
                     *       "updated_at": "2026-12-07T19:30:00.000Z",
                     *       "from_wallet_id": null,
                     *       "transfer_id": null,
                     *       "paid_at": null,
                     *       "closed_at": null,
                     *       "decline_reason": null
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1PaymentRequestsByIdPay: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry with the same key and body gets the first answer again and moves nothing.
                 * @example 0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a
                 */
                "Idempotency-Key": string;
            };
            path: {
                /** @example 0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12"
                 *     }
                 */
                "application/json": components["schemas"]["PayPaymentRequestRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present, `true`, when this is the stored answer to an earlier request with the same key. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "status": "paid",
                     *       "requester_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "payer_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "requester_name": "Ada Lovelace",
                     *       "requester_handle": "ada",
                     *       "payer_name": "Grace Hopper",
                     *       "payer_handle": "grace",
                     *       "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "amount": 2500,
                     *       "currency": "USD",
                     *       "description": "Dinner at Luigi’s",
                     *       "expires_at": "2027-01-06T19:30:00.000Z",
                     *       "created_at": "2026-12-07T19:30:00.000Z",
                     *       "updated_at": "2026-12-07T20:05:12.000Z",
                     *       "from_wallet_id": "0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12",
                     *       "transfer_id": "0190f3b4-2c3d-7e4f-8a5b-6c7d8e9f0a1b",
                     *       "paid_at": "2026-12-07T20:05:12.000Z",
                     *       "closed_at": null,
                     *       "decline_reason": null
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found; `wallet_not_found`: Wallet not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_in_flight`: A request with this Idempotency-Key is still in flight; `payment_request_closed`: The payment request is closed; `conflict`: Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_mismatch`: The Idempotency-Key was used with another request; `insufficient_funds`: Insufficient funds; `limit_exceeded`: A transaction limit would be exceeded; `currency_mismatch`: Currencies do not match; `wallet_frozen`: The wallet is not active; `credit_not_above_savings`: The credit is not larger than the wallet's flat savings amount */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1PaymentRequestsByIdDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "I paid the waiter directly"
                 *     }
                 */
                "application/json": components["schemas"]["DeclinePaymentRequestRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "status": "declined",
                     *       "requester_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "payer_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "requester_name": "Ada Lovelace",
                     *       "requester_handle": "ada",
                     *       "payer_name": "Grace Hopper",
                     *       "payer_handle": "grace",
                     *       "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "amount": 2500,
                     *       "currency": "USD",
                     *       "description": "Dinner at Luigi’s",
                     *       "expires_at": "2027-01-06T19:30:00.000Z",
                     *       "created_at": "2026-12-07T19:30:00.000Z",
                     *       "updated_at": "2026-12-07T20:01:40.000Z",
                     *       "from_wallet_id": null,
                     *       "transfer_id": null,
                     *       "paid_at": null,
                     *       "closed_at": "2026-12-07T20:01:40.000Z",
                     *       "decline_reason": "I paid the waiter directly"
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payment_request_closed`: The payment request is closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1PaymentRequestsByIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "status": "cancelled",
                     *       "requester_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "payer_id": "0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071",
                     *       "requester_name": "Ada Lovelace",
                     *       "requester_handle": "ada",
                     *       "payer_name": "Grace Hopper",
                     *       "payer_handle": "grace",
                     *       "to_wallet_id": "0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                     *       "amount": 2500,
                     *       "currency": "USD",
                     *       "description": "Dinner at Luigi’s",
                     *       "expires_at": "2027-01-06T19:30:00.000Z",
                     *       "created_at": "2026-12-07T19:30:00.000Z",
                     *       "updated_at": "2026-12-07T19:42:03.000Z",
                     *       "from_wallet_id": null,
                     *       "transfer_id": null,
                     *       "paid_at": null,
                     *       "closed_at": "2026-12-07T19:42:03.000Z",
                     *       "decline_reason": null
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: Not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payment_request_closed`: The payment request is closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1Notifications: {
        parameters: {
            query?: {
                /** @example email */
                channel?: "email" | "sms";
                /** @example sent */
                status?: "pending" | "sent" | "failed";
                /** @example eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0 */
                cursor?: string;
                /** @example false */
                unread?: "true" | "false";
                /** @example 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "user_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "channel": "email",
                     *           "to": "ada@example.com",
                     *           "status": "sent",
                     *           "attempts": 1,
                     *           "error": null,
                     *           "id": "0193e4b1-2d00-7f10-9c20-4e5f60718293",
                     *           "template": "payment_sent",
                     *           "subject": "You sent 25.00 USD to Grace Hopper",
                     *           "body": "Hello Ada,\n\nYou sent 25.00 USD to Grace Hopper (@grace).\nDescription: Dinner\n\nThe MoneyPal team",
                     *           "provider_id": "<0193e4b1-2d00-7f10-9c20-4e5f60718293@moneypal.example>",
                     *           "created_at": "2026-11-03T20:12:31.000Z",
                     *           "updated_at": "2026-11-03T20:12:31.000Z",
                     *           "sent_at": "2026-11-03T20:12:31.000Z",
                     *           "read_at": null
                     *         },
                     *         {
                     *           "user_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *           "channel": "email",
                     *           "to": "ada@example.com",
                     *           "status": "sent",
                     *           "attempts": 1,
                     *           "error": null,
                     *           "id": "0193e0a1-5d00-7b10-8c20-3d4e5f607182",
                     *           "template": "registration",
                     *           "subject": "Welcome to MoneyPal",
                     *           "body": "Hello Ada,\n\nWelcome to MoneyPal. Your wallet is open.\n\nThe MoneyPal team",
                     *           "provider_id": "<0193e0a1-5d00-7b10-8c20-3d4e5f607182@moneypal.example>",
                     *           "created_at": "2026-11-02T09:14:07.000Z",
                     *           "updated_at": "2026-11-02T09:14:07.000Z",
                     *           "sent_at": "2026-11-02T09:14:07.000Z",
                     *           "read_at": "2026-11-02T09:31:45.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["MessagePage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getV1NotificationsUnreadCount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "count": 1
                     *     }
                     */
                    "application/json": components["schemas"]["UnreadCount"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1NotificationsByIdRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0193e4b1-2d00-7f10-9c20-4e5f60718293 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60",
                     *       "channel": "email",
                     *       "to": "ada@example.com",
                     *       "status": "sent",
                     *       "attempts": 1,
                     *       "error": null,
                     *       "id": "0193e4b1-2d00-7f10-9c20-4e5f60718293",
                     *       "template": "payment_sent",
                     *       "subject": "You sent 25.00 USD to Grace Hopper",
                     *       "body": "Hello Ada,\n\nYou sent 25.00 USD to Grace Hopper (@grace).\nDescription: Dinner\n\nThe MoneyPal team",
                     *       "provider_id": "<0193e4b1-2d00-7f10-9c20-4e5f60718293@moneypal.example>",
                     *       "created_at": "2026-11-03T20:12:31.000Z",
                     *       "updated_at": "2026-11-03T20:12:31.000Z",
                     *       "sent_at": "2026-11-03T20:12:31.000Z",
                     *       "read_at": "2026-11-03T21:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["InboxMessage"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1NotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "marked_read": 1
                     *     }
                     */
                    "application/json": components["schemas"]["MarkAllRead"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthenticated`: Authentication is required; `token_expired`: The token has expired; `token_invalid`: The token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "checks": {
                     *         "bus": "ok",
                     *         "identity": "ok",
                     *         "ledger": "ok",
                     *         "payments": "ok",
                     *         "billing": "ok",
                     *         "notifications": "ok"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description `validation_failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postV1WebhooksPaypal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {"id":"WH-2WR32451HC0233532-67976317FL4543714","event_type":"PAYMENT.CAPTURE.COMPLETED","create_time":"2026-11-02T09:31:45.000Z","resource":{"id":"3C679366HH908993F","status":"COMPLETED","amount":{"currency_code":"USD","value":"100.00"},"supplementary_data":{"related_ids":{"order_id":"5O190127TN364715T"}}}} */
                "application/json": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "event_id": "WH-2WR32451HC0233532-67976317FL4543714",
                     *       "outcome": "applied"
                     *     }
                     */
                    "application/json": {
                        event_id: string;
                        /** @enum {string} */
                        outcome: "applied" | "duplicate" | "ignored";
                    };
                };
            };
            /** @description `validation_failed`: The request is not valid; `webhook_signature_invalid`: The webhook signature does not verify */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
