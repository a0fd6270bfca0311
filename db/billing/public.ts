// What other capabilities may do to billing's tables. Money is recorded only on the ledger: the
// contracts capability posts a common-property lease's monthly income through postTransfers and
// settles or voids the months it scheduled. Everything else in db/billing is billing's own.
export {
  balanceOf,
  entriesOf,
  postPending,
  postTransfers,
  type TransferInput,
  trialBalance,
  voidPending,
} from './ledger.ts';
