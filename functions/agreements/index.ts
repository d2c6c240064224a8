/** The agreements context's public face: what other contexts (and the ledger's benchmark) may use of it. */
export { agreementFor, agreementKeys, awaitingInstitutionDelete, awaitingInstitutionPut } from './repository';
export { institutionSignaturePieces, payPiece } from './money';
export { reportObligationMetPiece } from './report-obligation';
export { agreementTasksFor } from './tasks';
