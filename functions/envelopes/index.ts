/** The envelopes context's public face: what other contexts may use of it. */
export { commitmentRefusal, commitOnEnvelope } from './repository';
export { getEnvelopeById, listEnvelopesOfTenant, listEnvelopesOfYear } from './repository';
export { carryOverPieces, commitPiece, ensureLedger, movementPut, paymentPiece } from './ledger';
